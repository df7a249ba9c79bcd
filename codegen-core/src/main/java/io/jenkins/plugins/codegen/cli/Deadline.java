package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --timeout}: how long a command may take. What the deadline covers differs by command (a
 * whole task with its retries, or only the wait from now), so each command's wording is in
 * {@code OptionTexts.properties} under {@code codegen.<command>.timeout}; the description here is
 * what a command without one would show.
 */
final class Deadline {
    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationValue.class,
            descriptionKey = "timeout", description = "The command's deadline: ${bundle:timeout.values}")
    Duration timeout;

    void applyTo(CodegenSettings.Builder settings) {
        if (timeout != null) {
            settings.timeout(timeout);
        }
    }
}
