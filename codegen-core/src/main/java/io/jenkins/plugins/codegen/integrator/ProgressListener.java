package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.BridgeState;

/** Receives a task's progress on the thread that processes the task. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);

    /**
     * A bridge of the task runs, detached, in this folder: what a caller keeps (with the task's
     * {@link ClientRequestId} and the agent run once known) to pick the task up again with
     * {@link CodegenIntegrator#resumeTask} after it lost track of it (a controller restart).
     * Called again for each new bridge (a retry, an attach).
     */
    default void onBridgeStarted(BridgeState state) {
    }
}
