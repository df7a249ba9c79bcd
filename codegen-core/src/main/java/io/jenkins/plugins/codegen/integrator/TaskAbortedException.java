package io.jenkins.plugins.codegen.integrator;

import java.util.Objects;

/**
 * The task was aborted (its thread interrupted). It is an {@link InterruptedException}, so callers
 * that only know that still stop; callers that keep a record get what was known at the abort: the
 * attempts so far, the prompt and its sizes, and the agent run that may still be working.
 */
public final class TaskAbortedException extends InterruptedException {
    private static final long serialVersionUID = 1L;
    private final transient TaskResult partialResult;

    public TaskAbortedException(String message, TaskResult partialResult) {
        super(message);
        this.partialResult = Objects.requireNonNull(partialResult, "partialResult");
    }

    /** The task as far as it got: a failed result of type {@code aborted}. */
    public TaskResult partialResult() {
        return partialResult;
    }
}
