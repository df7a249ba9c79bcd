package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.plugin.monitoring.CodegenMetrics;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The engine's progress as a task's build sees it: each line in the build log (masked by the
 * console it is given), the agent run in the build's record the moment it exists, the agent's log
 * entries in the record as they come (saved with it at the next save point), and where the task's
 * bridge runs handed to the caller each time that changes, for a pickup after a restart.
 */
final class TaskProgress implements ProgressListener {
    private final PrintStream console;
    private final CodegenTaskRecord record;
    private final Runnable save;
    private final Consumer<BridgeState> bridgeCallback;
    private final BooleanSupplier detached;
    private final BooleanSupplier stopped;
    private final boolean awaitsLostAgent;
    /** The agent went away after the bridge started, and the caller waits for it: the failure was not shown. */
    private volatile boolean heldLostAgent;
    /** Where the task's bridge runs and which agent run it follows: what a restart needs to pick it up. */
    @CheckForNull
    private volatile BridgeState bridgeState;
    /** When the current attempt began: its bridge's start event tells how long the bridge took to start. */
    private volatile long attemptStarted = System.nanoTime();

    /**
     * @param save saves the build (with the record)
     * @param detached the controller shuts down: nothing more is printed or recorded
     * @param stopped the build was aborted: a failure the abort's interrupt caused is not shown as the outcome
     * @param awaitsLostAgent the caller waits for a lost agent and follows the bridge again: an agent lost
     *     after the bridge started is not shown as the outcome
     */
    TaskProgress(PrintStream console, CodegenTaskRecord record, Runnable save, Consumer<BridgeState> bridgeCallback,
                 BooleanSupplier detached, BooleanSupplier stopped, @CheckForNull BridgeState resumedFrom,
                 boolean awaitsLostAgent) {
        this.console = console;
        this.record = record;
        this.save = save;
        this.bridgeCallback = bridgeCallback;
        this.detached = detached;
        this.stopped = stopped;
        this.bridgeState = resumedFrom;
        this.awaitsLostAgent = awaitsLostAgent;
    }

    /** Whether the task ended because its agent went away, with a bridge to follow again once it is back. */
    boolean heldLostAgent() {
        return heldLostAgent;
    }

    @Override
    public void onProgress(Progress progress) {
        if (detached.getAsBoolean() || stopped.getAsBoolean() && progress.kind() == Progress.Kind.FAILED) {
            return;
        }
        if (awaitsLostAgent && bridgeState != null && progress.kind() == Progress.Kind.FAILED
                && progress.error().orElse(null) == ErrorType.BRIDGE_LOST) {
            heldLostAgent = true; // the bridge may well go on there: the caller says what it does instead
            return;
        }
        if (progress.kind() == Progress.Kind.AGENT_LOG) {
            // The agent's own line, "[agent] tool: thought": one line already, without the plugin's prefix.
            console.println(progress.message());
            progress.agentLog().ifPresent(record::agentLog);
            return;
        }
        for (String line : progress.message().split("\\R")) {
            console.println(CodegenTaskRunner.PREFIX + line);
        }
        count(progress);
        if (progress.kind() == Progress.Kind.RUN_CREATED) {
            // Recorded at once, so that neither an abort nor a restart loses the link to the remote run.
            record.runCreated(progress.runId(), progress.webUrl());
            save.run();
            BridgeState state = bridgeState;
            if (state != null && progress.runId() != null && !progress.runId().equals(state.runId())) {
                changed(new BridgeState(state.folder(), state.eventsOffset(), progress.runId(), progress.webUrl(),
                        state.logSkip(), state.followUp()));
            }
        }
    }

    /** Runs created and bridge start times, for monitoring; mock mode's simulated runs are not counted. */
    private void count(Progress progress) {
        if (progress.kind() == Progress.Kind.ATTEMPT) {
            attemptStarted = System.nanoTime();
        } else if (record.isMock()) {
            return;
        } else if (progress.kind() == Progress.Kind.RUN_CREATED && progress.bridgeEvent()
                .flatMap(event -> event.text("how")).orElse("created").equals("created")) {
            CodegenMetrics.runCreated();
        } else if (progress.bridgeEvent().filter(event -> event.type().equals("start")).isPresent()) {
            CodegenMetrics.bridgeStarted(Duration.ofNanos(System.nanoTime() - attemptStarted));
        }
    }

    @Override
    public void onBridgeStarted(BridgeState state) {
        // A new bridge (an attach, a retry) follows the same run: keep the run known so far.
        BridgeState previous = bridgeState;
        boolean keepRun = state.runId() == null && previous != null;
        changed(keepRun ? new BridgeState(state.folder(), state.eventsOffset(), previous.runId(), previous.webUrl(),
                state.logSkip(), state.followUp()) : state);
    }

    private void changed(BridgeState state) {
        bridgeState = state;
        bridgeCallback.accept(state);
    }
}
