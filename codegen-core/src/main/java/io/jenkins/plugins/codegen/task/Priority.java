package io.jenkins.plugins.codegen.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How urgent a task is, as the user rates it. */
public enum Priority {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The name used in JSON and in the prompt, e.g. {@code high}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a priority name in any case; empty when the name is not a priority. */
    public static Optional<Priority> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim();
        return Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(wanted)).findFirst();
    }

    /** "low, medium, high, critical", for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Priority::wireName).collect(Collectors.joining(", "));
    }
}
