package io.jenkins.plugins.codegen.scope;

import java.util.Objects;

/**
 * Where an effective value was set: on the step, on the job, in a folder, or in the global
 * configuration.
 *
 * @param kind which layer
 * @param fullName the job's or folder's full name ({@code team-a/sub}); empty for the step and the global configuration
 * @param displayName its display name when that differs from its name, else empty
 */
public record SettingsSource(Kind kind, String fullName, String displayName) {

    /** The layers, from the one that wins to the one that gives way. */
    public enum Kind {
        STEP, JOB,
        /** The multibranch project of a branch job: its settings are every branch's job settings. */
        MULTIBRANCH, FOLDER, GLOBAL
    }

    private static final SettingsSource STEP = new SettingsSource(Kind.STEP, "", "");
    private static final SettingsSource GLOBAL = new SettingsSource(Kind.GLOBAL, "", "");

    public SettingsSource {
        Objects.requireNonNull(kind, "kind");
        fullName = Objects.requireNonNullElse(fullName, "").strip();
        displayName = Objects.requireNonNullElse(displayName, "").strip();
        if ((kind != Kind.STEP && kind != Kind.GLOBAL) == fullName.isEmpty()) {
            throw new IllegalArgumentException(kind + " layers " + (fullName.isEmpty() ? "need" : "have no") + " a full name");
        }
        int slash = fullName.lastIndexOf('/');
        if (displayName.equals(fullName.substring(slash + 1))) {
            displayName = "";
        }
    }

    public static SettingsSource step() {
        return STEP;
    }

    public static SettingsSource global() {
        return GLOBAL;
    }

    public static SettingsSource folder(String fullName, String displayName) {
        return new SettingsSource(Kind.FOLDER, fullName, displayName);
    }

    public static SettingsSource job(String fullName, String displayName) {
        return new SettingsSource(Kind.JOB, fullName, displayName);
    }

    public static SettingsSource multibranch(String fullName, String displayName) {
        return new SettingsSource(Kind.MULTIBRANCH, fullName, displayName);
    }

    /** {@code the step}, {@code folder team-a}, {@code folder Team A (team-a)}, {@code the global configuration}. */
    public String describe() {
        return switch (kind) {
            case STEP -> "the step";
            case GLOBAL -> "the global configuration";
            case JOB -> "job " + name();
            case MULTIBRANCH -> "multibranch project " + name();
            case FOLDER -> "folder " + name();
        };
    }

    private String name() {
        return displayName.isEmpty() ? fullName : displayName + " (" + fullName + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
