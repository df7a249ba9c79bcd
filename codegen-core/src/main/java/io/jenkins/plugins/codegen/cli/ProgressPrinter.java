package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a task's progress as it happens, one timestamped line per step. An agent run can stay in
 * one status for many minutes; rather than a spinner, which turns a CI log into garbage, a single
 * "still waiting" line follows each quiet period, so that a reader knows the command is alive.
 */
final class ProgressPrinter implements ProgressListener, AutoCloseable {
    private static final Duration QUIET_PERIOD = Duration.ofMinutes(1);

    private final Terminal terminal;
    private final long quietNanos;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "codegen-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private long lastLine = System.nanoTime();
    private Long runId;

    ProgressPrinter(Terminal terminal) {
        this(terminal, QUIET_PERIOD);
    }

    ProgressPrinter(Terminal terminal, Duration quietPeriod) {
        this.terminal = terminal;
        this.quietNanos = quietPeriod.toNanos();
        long check = Math.max(1, quietNanos / 4);
        heartbeat.scheduleWithFixedDelay(this::heartbeat, check, check, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void onProgress(Progress progress) {
        progress.agentRunId().ifPresent(id -> runId = id);
        // The summary printed after the task says the same, with more detail.
        if (progress.kind() != Progress.Kind.SUCCEEDED && progress.kind() != Progress.Kind.FAILED) {
            line(progress.message());
        }
    }

    private synchronized void heartbeat() {
        if (System.nanoTime() - lastLine >= quietNanos) {
            line(runId == null ? "Still waiting for the Codegen API" : "Still waiting for agent run " + runId);
        }
    }

    private void line(String message) {
        terminal.progress(message);
        lastLine = System.nanoTime();
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
