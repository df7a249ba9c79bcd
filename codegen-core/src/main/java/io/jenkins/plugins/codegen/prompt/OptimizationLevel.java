package io.jenkins.plugins.codegen.prompt;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How much of a task and its context goes into the prompt. */
public enum OptimizationLevel {
    /** Title, description and requirements only. */
    MINIMAL,
    /** Adds acceptance criteria, technical context and what to deliver. */
    STANDARD,
    /** Adds codebase and project context, related tasks, a quality checklist and examples. */
    COMPREHENSIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a level name in any case; empty when the name is not a level. */
    public static Optional<OptimizationLevel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim();
        return Arrays.stream(values()).filter(l -> l.name().equalsIgnoreCase(wanted)).findFirst();
    }

    /** "minimal, standard, comprehensive", for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(OptimizationLevel::wireName).collect(Collectors.joining(", "));
    }
}
