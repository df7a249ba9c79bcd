package io.jenkins.plugins.codegen.error;

import java.util.Objects;

/**
 * One problem with one input field: which field, what is wrong with it, and what to do.
 *
 * @param field the field's name as the user wrote it (e.g. {@code title}, {@code orgId},
 *              {@code requirements[2]})
 * @param problem what is wrong, e.g. "is empty"
 * @param remedy what to do, e.g. "give the task a one-line title"
 */
public record FieldError(String field, String problem, String remedy) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(remedy, "remedy");
    }

    /** "title: is empty. Give the task a one-line title." */
    @Override
    public String toString() {
        return field + ": " + problem + ". " + remedy;
    }
}
