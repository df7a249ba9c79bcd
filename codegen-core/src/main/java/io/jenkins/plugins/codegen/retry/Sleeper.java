package io.jenkins.plugins.codegen.retry;

import java.time.Duration;

/** Waits between attempts. Tests substitute one that advances a fake clock instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for the given time; a zero or negative duration does not wait.
     *
     * @throws InterruptedException as soon as the thread is interrupted (an aborted build), leaving
     *                              the thread's interrupt status cleared, as {@link Thread#sleep} does
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Really waits, with {@link Thread#sleep(long, int)}. */
    static Sleeper system() {
        return duration -> {
            Duration wait = duration.isNegative() ? Duration.ZERO : duration;
            // Even a zero wait goes through Thread.sleep: it throws if the thread is already interrupted.
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        };
    }
}
