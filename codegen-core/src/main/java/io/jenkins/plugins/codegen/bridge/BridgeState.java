package io.jenkins.plugins.codegen.bridge;

import java.io.Serializable;

/**
 * Where a running bridge is, and how far it has been followed: what a caller keeps to pick it up
 * again (after a controller restart, say). The bridge's process id is in the folder's pid file;
 * everything else the bridge has to say is in the folder from {@code eventsOffset} on.
 *
 * <p>A state serialized before the last two components existed reads back with {@code logSkip} 0
 * and {@code followUp} false (records deserialize by component name).
 *
 * @param folder the folder's path as the bridge sees it ({@link BridgeFolder#path()})
 * @param eventsOffset the bytes of {@code events.jsonl} already consumed
 * @param runId the agent run the bridge reported, or null before it did
 * @param webUrl that run's page, or null
 * @param logSkip the run's log entries already reported (up to {@code eventsOffset}): a new bridge that
 *                attaches to the run reports only the entries after them
 * @param followUp whether the task sent a follow-up to an existing run (resume) instead of creating one: a
 *                 follow-up whose bridge is gone before it reported the run is never sent again
 */
public record BridgeState(String folder, long eventsOffset, Long runId, String webUrl, int logSkip, boolean followUp)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A state of a task that created its run, before any log entry was reported. */
    public BridgeState(String folder, long eventsOffset, Long runId, String webUrl) {
        this(folder, eventsOffset, runId, webUrl, 0, false);
    }

    /** The same state with more log entries known to be reported (never fewer). */
    public BridgeState withLogSkip(int value) {
        return new BridgeState(folder, eventsOffset, runId, webUrl, Math.max(logSkip, value), followUp);
    }

    /** The same state, marked as a follow-up's or not. */
    public BridgeState withFollowUp(boolean value) {
        return new BridgeState(folder, eventsOffset, runId, webUrl, logSkip, value);
    }
}
