package io.jenkins.plugins.codegen.history;

import java.util.Locale;

/** What started a task, as its history shows it. */
public enum TaskKind {
    /** A {@code codegenTask} step or the freestyle build step. */
    TASK,
    /** A fix of its build's failure: {@code codegenFix} or the freestyle fix action. */
    FIX,
    /** A follow-up sent to an existing agent run ({@code resume}). */
    FOLLOW_UP,
    /** A fix that the automatic-fix feature started, with no fix step in the job. */
    AUTOMATIC;

    /**
     * The kind of a stored task. {@code automatic} wins over {@code fix}: an automatic fix is a fix, and
     * what a reader wants to tell apart is who asked for it.
     */
    public static TaskKind of(boolean fix, boolean followUp, boolean automatic) {
        if (automatic) {
            return AUTOMATIC;
        }
        if (fix) {
            return FIX;
        }
        return followUp ? FOLLOW_UP : TASK;
    }

    /** {@code task}, {@code fix}, {@code follow-up} or {@code automatic}, as the pages and the REST API say it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
