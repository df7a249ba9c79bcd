package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Starts bridge processes somewhere: on this machine ({@link LocalBridgeLauncher}) or, in Jenkins,
 * on the build's agent. Closing it removes the scripts it installed.
 */
public interface BridgeLauncher extends AutoCloseable {

    /**
     * The path, as a started process sees it, of one of the bundled scripts ({@link BridgeScripts}),
     * installing it on first use.
     */
    String script(String fileName) throws IOException, InterruptedException;

    /**
     * Starts a process. The environment is added to the launcher's base environment; it is the only
     * way secrets reach the child.
     */
    BridgeProcess start(List<String> command, Map<String, String> environment) throws IOException, InterruptedException;

    /** Removes whatever {@link #script} installed. */
    @Override
    void close() throws IOException, InterruptedException;
}
