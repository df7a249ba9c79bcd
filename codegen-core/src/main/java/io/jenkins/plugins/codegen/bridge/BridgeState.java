package io.jenkins.plugins.codegen.bridge;

import java.io.Serializable;

/**
 * Where a running bridge is, and how far it has been followed: what a caller keeps to pick it up
 * again (after a controller restart, say). The bridge's process id is in the folder's pid file;
 * everything else the bridge has to say is in the folder from {@code eventsOffset} on.
 *
 * @param folder the folder's path as the bridge sees it ({@link BridgeFolder#path()})
 * @param eventsOffset the bytes of {@code events.jsonl} already consumed
 * @param runId the agent run the bridge reported, or null before it did
 * @param webUrl that run's page, or null
 */
public record BridgeState(String folder, long eventsOffset, Long runId, String webUrl) implements Serializable {
    private static final long serialVersionUID = 1L;
}
