package io.jenkins.plugins.codegen.integrator;

/** How a task ended. */
public enum TaskStatus {
    /** The agent run completed; it may or may not have opened a pull request. */
    SUCCEEDED,
    /** Something failed; the result carries the error type and guidance. */
    FAILED,
    /**
     * The agent run exists and is still working; the task was not waited for ({@code wait: false},
     * {@code --no-wait}). Its end is for a wait on the run id ({@code codegenWait}, {@code codegen wait}).
     */
    ACTIVE
}
