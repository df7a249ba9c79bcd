package io.jenkins.plugins.codegen.task;

import java.util.Objects;

/**
 * Another task this one builds on or touches, so that the agent knows what exists or is planned.
 *
 * @param id the other task's id, e.g. {@code task-100}
 * @param title its title; empty when not known
 * @param status its state in the user's tracker, e.g. {@code done}; empty when not known
 */
public record RelatedTask(String id, String title, String status) {
    public RelatedTask {
        id = Objects.requireNonNullElse(id, "");
        title = Objects.requireNonNullElse(title, "");
        status = Objects.requireNonNullElse(status, "");
    }

    /** A related task known only by its id. */
    public static RelatedTask withId(String id) {
        return new RelatedTask(id, "", "");
    }
}
