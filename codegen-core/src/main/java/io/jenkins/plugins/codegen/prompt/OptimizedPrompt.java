package io.jenkins.plugins.codegen.prompt;

import java.util.List;
import java.util.Objects;

/**
 * A prompt ready to send, and an account of how it was made to fit.
 *
 * @param text the prompt, Markdown
 * @param level the level it was built at
 * @param originalLength the length of the full prompt for that level, before anything was shed
 * @param shed what was removed or shortened to fit the cap, in the order it happened, e.g.
 *             "examples", "existing files (kept 20 of 1,000)"; empty when the full prompt fit
 */
public record OptimizedPrompt(String text, OptimizationLevel level, int originalLength, List<String> shed) {
    public OptimizedPrompt {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(level, "level");
        shed = List.copyOf(shed);
    }

    /** The length of {@link #text()}. */
    public int finalLength() {
        return text.length();
    }

    /** Whether anything was shed to fit the cap. */
    public boolean wasShortened() {
        return !shed.isEmpty();
    }
}
