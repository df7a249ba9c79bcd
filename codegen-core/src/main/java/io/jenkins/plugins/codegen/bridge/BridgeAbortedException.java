package io.jenkins.plugins.codegen.bridge;

import io.jenkins.plugins.codegen.error.CreateOutcome;

/**
 * The caller's abort (its thread's interrupt) stopped the bridge. It says what the bridge had written
 * by its end: the agent run, when one was created just before the abort (its {@code created} event
 * may not have been read yet), or whether a create was sent whose answer never came.
 */
public final class BridgeAbortedException extends InterruptedException {
    private static final long serialVersionUID = 1L;
    private final Long runId;
    private final String webUrl;
    private final CreateOutcome createOutcome;

    BridgeAbortedException(Long runId, String webUrl, CreateOutcome createOutcome, InterruptedException cause) {
        super(cause.getMessage());
        initCause(cause);
        this.runId = runId;
        this.webUrl = webUrl;
        this.createOutcome = createOutcome;
    }

    /** The agent run that may still be working, or null when none was known. */
    public Long runId() {
        return runId;
    }

    public String webUrl() {
        return webUrl;
    }

    /**
     * {@link CreateOutcome#CREATED} with a run; {@link CreateOutcome#UNKNOWN} when a create may have
     * reached the API (sent without an answer, or the bridge ended without saying);
     * {@link CreateOutcome#NOT_CREATED} when nothing that creates a run was sent.
     */
    public CreateOutcome createOutcome() {
        return createOutcome;
    }
}
