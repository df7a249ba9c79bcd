package io.jenkins.plugins.codegen.bridge;

/** Receives the bridge's progress as it happens, on the thread that called the bridge. */
@FunctionalInterface
public interface BridgeListener {
    BridgeListener NONE = event -> { };

    void onEvent(BridgeEvent event);

    /** The API requests the call made, reported once at its end, whether it succeeded or failed. */
    default void onStats(BridgeStats stats) {
    }

    /**
     * The bridge runs, detached, in this folder: what a caller keeps to follow it again
     * ({@link PythonBridge#reattach}) if it loses track of it (a controller restart, say).
     */
    default void onStarted(BridgeState state) {
    }
}
