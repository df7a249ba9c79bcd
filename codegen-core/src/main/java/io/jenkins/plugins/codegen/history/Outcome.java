package io.jenkins.plugins.codegen.history;

import java.util.Locale;

/**
 * How a recorded task ended, read from its record's status: the three ends that trends, overviews
 * and metrics count, and the tasks they do not count as ended yet.
 */
public enum Outcome {
    SUCCEEDED,
    FAILED,
    /** Aborted, or cut off when its build ended (a controller restart): nobody saw it end. */
    ABORTED,
    /** Still running, or its agent run works on without the build waiting ({@code wait: false}). */
    UNFINISHED;

    /** The outcome of a record's status; a record without one has not ended. */
    public static Outcome of(String status) {
        if (status == null) {
            return UNFINISHED;
        }
        return switch (status) {
            case "SUCCEEDED" -> SUCCEEDED;
            case "FAILED" -> FAILED;
            case "ABORTED", "INTERRUPTED" -> ABORTED;
            default -> UNFINISHED;
        };
    }

    /** The lower-case word that metric names and the REST API use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
