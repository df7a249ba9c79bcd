package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.settings.CodegenSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --timeout} and {@code --max-retries}: how long and how often a command that creates an
 * agent run may try. The settings validate both, as they do the variables.
 */
final class RunLimits {
    @Mixin
    Deadline deadline;

    @Option(names = "--max-retries", paramLabel = "N",
            description = "Further attempts after a failure that another attempt may fix (default 3).")
    Integer maxRetries;

    void applyTo(CodegenSettings.Builder settings) {
        deadline.applyTo(settings);
        if (maxRetries != null) {
            settings.maxRetries(maxRetries);
        }
    }
}
