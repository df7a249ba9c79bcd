package io.jenkins.plugins.codegen.history;

/** The three ends a trend counts, and the tasks it does not count yet. */
public enum Outcome {
    SUCCEEDED,
    FAILED,
    /** Aborted, or cut off when its build ended (a controller restart): nobody saw it end. */
    ABORTED,
    /** Still running, or its agent run works on without the build waiting ({@code wait: false}). */
    UNFINISHED;

    static Outcome of(String status) {
        return switch (status) {
            case "SUCCEEDED" -> SUCCEEDED;
            case "FAILED" -> FAILED;
            case "ABORTED", "INTERRUPTED" -> ABORTED;
            default -> UNFINISHED;
        };
    }
}
