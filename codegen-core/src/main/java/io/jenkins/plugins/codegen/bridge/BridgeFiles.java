package io.jenkins.plugins.codegen.bridge;

/**
 * The files of a {@link BridgeFolder}, as named in docs/bridge-protocol.md; the bridge script
 * uses the same names.
 */
public final class BridgeFiles {
    /** The request (no secret in it), written before the start. */
    public static final String REQUEST = "request.json";
    /** The token and the secret variables, owner-only; the bridge reads and deletes it first. */
    public static final String SECRETS = "secrets.json";
    /** Progress events, one JSON object a line, appended and flushed as they happen. */
    public static final String EVENTS = "events.jsonl";
    /** The final {@code result} or {@code error} event; renamed into place, so it is whole once it exists. */
    public static final String RESULT = "result.json";
    /** The bridge's process id, written by the start command before it returns. */
    public static final String PID = "pid";
    /** A counter the bridge rewrites every second while it lives. */
    public static final String HEARTBEAT = "heartbeat";
    /** Created to abort: the bridge ends with an {@code aborted} error within a second. */
    public static final String STOP = "stop";
    /**
     * Locked by the bridge for as long as it lives: where no command line can be read, the proof that
     * the pid in {@link #PID} is still the bridge's and may be killed.
     */
    public static final String LOCK = "lock";
    /** The process's own stdout and stderr: diagnostics only. */
    public static final String LOG = "bridge.log";

    private BridgeFiles() {
    }
}
