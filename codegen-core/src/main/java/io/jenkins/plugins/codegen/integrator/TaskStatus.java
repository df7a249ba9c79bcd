package io.jenkins.plugins.codegen.integrator;

/** How a task ended. */
public enum TaskStatus {
    /** The agent run completed; it may or may not have opened a pull request. */
    SUCCEEDED,
    /** Something failed; the result carries the error type and guidance. */
    FAILED
}
