package io.jenkins.plugins.codegen.error;

/**
 * What is known about whether an agent run was created when a failure happened. Creating a run is
 * not idempotent, so every retry decision depends on this.
 */
public enum CreateOutcome {
    /** The failure came before any create request reached the server, or the server refused it. */
    NOT_CREATED,
    /** The create request was sent but no answer came back: a run may exist. */
    UNKNOWN,
    /** The run exists; its id is known. */
    CREATED,
    /** The failure was not about creating a run (health check, status read, validation). */
    NOT_APPLICABLE
}
