package io.jenkins.plugins.codegen.bridge;

/** Receives the bridge's progress as it happens, on the thread that called the bridge. */
@FunctionalInterface
public interface BridgeListener {
    BridgeListener NONE = event -> { };

    void onEvent(BridgeEvent event);
}
