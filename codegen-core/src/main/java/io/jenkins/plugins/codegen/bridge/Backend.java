package io.jenkins.plugins.codegen.bridge;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the Python bridge talks to Codegen. */
public enum Backend {
    /** The documented REST API through the standard library: fast to start, tags runs for exactly-once. */
    REST,
    /** The official Python SDK ({@code pip install codegen}) creates the run; reads go through REST. */
    SDK,
    /** The SDK when it can be imported on the agent, REST otherwise. */
    AUTO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a backend name in any case; empty when the name is not a backend. */
    public static Optional<Backend> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim();
        return Arrays.stream(values()).filter(b -> b.name().equalsIgnoreCase(wanted)).findFirst();
    }

    /** "rest, sdk, auto", for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Backend::wireName).collect(Collectors.joining(", "));
    }
}
