package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import picocli.CommandLine.Option;

/** {@code --level}, {@code --max-prompt-length}, {@code --no-examples}: how the prompt is built. */
final class PromptArguments {
    @Option(names = "--level", paramLabel = "LEVEL", converter = Converters.Level.class,
            description = "How much of the task and its context goes into the prompt: minimal, standard "
                    + "(default) or comprehensive.")
    OptimizationLevel level;

    @Option(names = "--max-prompt-length", paramLabel = "N",
            description = "The most characters the prompt may have, from 200 to 100000 (default 8000); the least "
                    + "important parts are shed to fit.")
    Integer maxPromptLength;

    @Option(names = "--no-examples", description = "Leave the example out of a comprehensive prompt.")
    boolean noExamples;

    void applyTo(CodegenSettings.Builder settings) {
        if (level != null) {
            settings.optimizationLevel(level);
        }
        if (maxPromptLength != null) {
            settings.maxPromptLength(maxPromptLength);
        }
        if (noExamples) {
            settings.includeExamples(false);
        }
    }
}
