package io.jenkins.plugins.codegen.task;

import java.util.Objects;

/**
 * What surrounds a task: the codebase it changes, the project it belongs to and, for a task that
 * fixes a failed build, what that build left behind.
 */
public record TaskContext(CodebaseContext codebase, ProjectContext project, FailureContext failure) {

    private static final TaskContext EMPTY = new TaskContext(CodebaseContext.empty(), ProjectContext.empty());

    public TaskContext {
        codebase = Objects.requireNonNullElse(codebase, CodebaseContext.empty());
        project = Objects.requireNonNullElse(project, ProjectContext.empty());
        failure = Objects.requireNonNullElse(failure, FailureContext.none());
    }

    /** The context of an ordinary task, which fixes no failed build. */
    public TaskContext(CodebaseContext codebase, ProjectContext project) {
        this(codebase, project, FailureContext.none());
    }

    /** No context at all: the agent works from the task alone. */
    public static TaskContext empty() {
        return EMPTY;
    }
}
