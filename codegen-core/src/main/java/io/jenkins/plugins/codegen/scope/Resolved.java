package io.jenkins.plugins.codegen.scope;

import java.util.Optional;

/**
 * One effective value and where it came from.
 *
 * @param value the value; null when no layer sets it
 * @param source the layer that set it; null when none does
 * @param provenance the sentence for the log and the build page, e.g. {@code organization 42 from folder team-a}
 */
public record Resolved<T>(T value, SettingsSource source, String provenance) {

    public Optional<T> get() {
        return Optional.ofNullable(value);
    }

    public boolean isSet() {
        return value != null;
    }
}
