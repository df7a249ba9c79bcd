package io.jenkins.plugins.codegen.prompt;

import io.jenkins.plugins.codegen.error.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the {@link PromptOptimizer} builds a prompt.
 *
 * @param level how much of the task and its context goes in
 * @param maxPromptLength the most characters ({@code String.length()}) the prompt may have; from
 *                        {@value #SMALLEST_MAX_PROMPT_LENGTH} to {@value #LARGEST_MAX_PROMPT_LENGTH}
 * @param includeExamples whether a {@link OptimizationLevel#COMPREHENSIVE} prompt shows an example
 */
public record PromptOptions(OptimizationLevel level, int maxPromptLength, boolean includeExamples) {
    public static final int DEFAULT_MAX_PROMPT_LENGTH = 8_000;
    /** Room for a short title and a few requirements; anything smaller is a slip, not a choice. */
    public static final int SMALLEST_MAX_PROMPT_LENGTH = 200;
    /** Far more than a prompt should carry; anything larger is a slip, not a choice. */
    public static final int LARGEST_MAX_PROMPT_LENGTH = 100_000;

    private static final PromptOptions DEFAULTS =
            new PromptOptions(OptimizationLevel.STANDARD, DEFAULT_MAX_PROMPT_LENGTH, true);

    public PromptOptions {
        Objects.requireNonNull(level, "level");
    }

    /** Standard level, {@value #DEFAULT_MAX_PROMPT_LENGTH} characters at most, examples on. */
    public static PromptOptions defaults() {
        return DEFAULTS;
    }

    public PromptOptions withLevel(OptimizationLevel value) {
        return new PromptOptions(value, maxPromptLength, includeExamples);
    }

    public PromptOptions withMaxPromptLength(int value) {
        return new PromptOptions(level, value, includeExamples);
    }

    public PromptOptions withIncludeExamples(boolean value) {
        return new PromptOptions(level, maxPromptLength, value);
    }

    /** What is wrong with these options; empty when they are fine. */
    public List<FieldError> validate() {
        if (maxPromptLength >= SMALLEST_MAX_PROMPT_LENGTH && maxPromptLength <= LARGEST_MAX_PROMPT_LENGTH) {
            return List.of();
        }
        return List.of(new FieldError("maxPromptLength", "is " + grouped(maxPromptLength) + "; it must be from "
                + grouped(SMALLEST_MAX_PROMPT_LENGTH) + " to " + grouped(LARGEST_MAX_PROMPT_LENGTH) + " characters",
                "Set it within that range; " + grouped(DEFAULT_MAX_PROMPT_LENGTH) + " suits most tasks."));
    }

    private static String grouped(int number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
