package io.jenkins.plugins.codegen.task;

import java.util.Objects;

/** What surrounds a task: the codebase it changes and the project it belongs to. */
public record TaskContext(CodebaseContext codebase, ProjectContext project) {

    private static final TaskContext EMPTY = new TaskContext(CodebaseContext.empty(), ProjectContext.empty());

    public TaskContext {
        codebase = Objects.requireNonNullElse(codebase, CodebaseContext.empty());
        project = Objects.requireNonNullElse(project, ProjectContext.empty());
    }

    /** No context at all: the agent works from the task alone. */
    public static TaskContext empty() {
        return EMPTY;
    }
}
