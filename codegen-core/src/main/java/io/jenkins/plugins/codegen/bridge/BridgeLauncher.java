package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs the bridge somewhere: on this machine ({@link LocalBridgeLauncher}) or, in Jenkins, where
 * the build runs (an agent, a container). A bridge works in a {@link BridgeFolder} and is started
 * by a short command that returns at once ({@link #launch}); everything else goes through the
 * folder's files. No process started through it needs a stdin or hands back a stdout. The
 * simulated API of mock mode runs the same way. Closing the launcher removes the scripts and folders it made.
 */
public interface BridgeLauncher extends AutoCloseable {

    /**
     * The path, as a started process sees it, of one of the bundled scripts ({@link BridgeScripts}),
     * installing it on first use.
     */
    String script(String fileName) throws IOException, InterruptedException;

    /** A new, empty folder for one bridge, readable by its owner only, beside the scripts. */
    BridgeFolder newFolder() throws IOException, InterruptedException;

    /** A folder made earlier, by its {@link BridgeFolder#path()}: to follow a bridge that still runs. */
    BridgeFolder folder(String path) throws IOException, InterruptedException;

    /**
     * Runs a short command in a bridge's folder and waits until it exits: no stdin, and no variables
     * beyond the launcher's base environment (so no secret can sit on a command line that a launcher
     * builds from the environment). The command's own output, where the launcher can capture it, is
     * returned for diagnostics only.
     *
     * @throws IOException when the program could not be started, or did not exit within the timeout
     */
    Launched launch(List<String> command, BridgeFolder folder, Duration timeout)
            throws IOException, InterruptedException;

    /**
     * Ends the bridge whose process id is {@code pid}, and anything it started: the fallback when
     * it did not honour its stop file. {@code killCommand} does it from the bridge's side, where the
     * launcher cannot reach the process directly (inside a container, say).
     */
    default void kill(BridgeFolder folder, long pid, List<String> killCommand)
            throws IOException, InterruptedException {
        launch(killCommand, folder, Duration.ofSeconds(10));
    }

    /**
     * Whether the caller stopped following without stopping the bridge (its controller shuts down
     * and will pick the bridge up again with {@link PythonBridge#reattach}): an interrupt then
     * neither stops the bridge nor removes its folder.
     */
    default boolean detached() {
        return false;
    }

    /** Removes whatever {@link #script} and {@link #newFolder} made. */
    @Override
    void close() throws IOException, InterruptedException;

    /** How a launched command ended: its exit code, and whatever of its output the launcher captured. */
    record Launched(int exitCode, String output) {
    }
}
