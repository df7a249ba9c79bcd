package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.settings.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values read with the engine's own parsers, so that the command line accepts what the
 * environment variables and the plugin accept, and a wrong value is answered with the valid ones.
 */
final class Converters {
    private Converters() {
    }

    static final class Level implements ITypeConverter<OptimizationLevel> {
        @Override
        public OptimizationLevel convert(String value) {
            return OptimizationLevel.parse(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a level; use one of " + OptimizationLevel.names()));
        }
    }

    static final class BackendName implements ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            return Backend.parse(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a backend; use one of " + Backend.names()));
        }
    }

    static final class DurationValue implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a duration; write a whole number with a unit: 90s, 30m, 1h"));
        }
    }
}
