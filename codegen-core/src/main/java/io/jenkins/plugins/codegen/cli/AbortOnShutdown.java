package io.jenkins.plugins.codegen.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into an interrupt of the thread running a command. The engine answers an interrupt
 * by killing the bridge and saying which agent run may still be working; the hook then holds the
 * JVM's shutdown until the command has cleaned up (simulator stopped, temporary folder removed), so
 * that the user reads that message and nothing is left behind. Without it the JVM would halt with
 * the bridge still running and the link to the agent run lost.
 */
final class AbortOnShutdown implements AutoCloseable {
    /** Long enough to kill a process tree and delete a folder; short enough that a second Ctrl-C is rarely needed. */
    private static final long CLEANUP_SECONDS = 10;

    private final ShutdownHooks hooks;
    private final Thread worker;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private AbortOnShutdown(ShutdownHooks hooks, Thread worker) {
        this.hooks = hooks;
        this.worker = worker;
        this.hook = new Thread(this::abort, "codegen-abort");
    }

    /** Interrupts the calling thread on shutdown, until {@link #close()}. */
    static AbortOnShutdown forCurrentThread(ShutdownHooks hooks) {
        AbortOnShutdown guard = new AbortOnShutdown(hooks, Thread.currentThread());
        hooks.add(guard.hook);
        return guard;
    }

    private void abort() {
        worker.interrupt();
        try {
            finished.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command has finished and cleaned up: a shutdown from now on need not wait for it. */
    @Override
    public void close() {
        finished.countDown();
        hooks.remove(hook);
    }
}
