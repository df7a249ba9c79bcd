package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.ProgressListener;

/**
 * Passes a fix's progress on, telling in a fix's words what the engine's exactly-once lookup
 * did: the run an earlier fix of the same failure started was found and is followed, or there
 * was none. Remembers which, for the fix's result.
 */
final class FixProgress implements ProgressListener {
    private final ProgressListener listener;
    private volatile boolean foundEarlierRun;

    FixProgress(ProgressListener listener) {
        this.listener = listener;
    }

    @Override
    public void onProgress(Progress progress) {
        listener.onProgress(reworded(progress));
    }

    /** Where the fix's bridge runs: what a caller keeps to pick the fix up again. */
    @Override
    public void onBridgeStarted(BridgeState state) {
        listener.onBridgeStarted(state);
    }

    boolean foundEarlierRun() {
        return foundEarlierRun;
    }

    private Progress reworded(Progress progress) {
        String type = progress.bridgeEvent().map(event -> event.type()).orElse("");
        if (progress.kind() == Progress.Kind.RUN_CREATED && progress.bridgeEvent()
                .flatMap(event -> event.text("how")).filter("found"::equals).isPresent()) {
            foundEarlierRun = true;
            return withMessage(progress, "Agent run " + progress.agentRunId().map(String::valueOf).orElse("?")
                    + " was started by an earlier fix of this failure; following it instead of starting another"
                    + progress.agentRunUrl().map(url -> ": " + url).orElse(""));
        }
        if (type.equals("lookup")) {
            return withMessage(progress, "No earlier fix of this failure was found; starting one");
        }
        return progress;
    }

    private static Progress withMessage(Progress progress, String message) {
        return new Progress(progress.kind(), message, progress.runId(), progress.webUrl(), progress.event(),
                progress.errorType());
    }
}
