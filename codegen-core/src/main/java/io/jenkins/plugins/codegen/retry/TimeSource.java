package io.jenkins.plugins.codegen.retry;

/**
 * A monotonic clock. Deadlines and waits are measured with it rather than with wall-clock time, so
 * that a clock change on the build agent can neither stretch nor cut a task's timeout, and so that
 * tests can substitute a fake clock.
 */
@FunctionalInterface
public interface TimeSource {

    /** Nanoseconds since an arbitrary origin; only the difference between two readings means anything. */
    long nanoTime();

    /** The JVM's monotonic clock, {@link System#nanoTime()}. */
    static TimeSource system() {
        return System::nanoTime;
    }
}
