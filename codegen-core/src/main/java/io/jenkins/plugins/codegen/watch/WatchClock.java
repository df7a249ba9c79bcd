package io.jenkins.plugins.codegen.watch;

import java.time.Duration;
import java.time.Instant;

/**
 * The watcher's time: what "now" is, and how its timer thread waits for the next due poll. Polling
 * intervals, deadlines and {@code Retry-After} waits are all measured on it. Besides the real clock
 * there is a scaled one (for the time-scaled simulator, whose seconds pass faster) and, in tests, a
 * fake one that jumps to the next due poll whenever nothing is in flight.
 */
public interface WatchClock {

    /** Now, in the API's time: monotonic, in nanoseconds since an arbitrary origin. */
    long nanoTime();

    /** Now as a point in (the API's) wall-clock time, for deadlines that outlive the JVM. */
    Instant instant();

    /**
     * Called by the timer thread holding {@code monitor}: waits until {@link #nanoTime()} reaches
     * {@code untilNanos} or until the monitor is notified (a new timer, a request that ended).
     *
     * @param idle whether nothing is in flight: a fake clock may then jump ahead at once
     */
    void await(Object monitor, long untilNanos, boolean idle) throws InterruptedException;

    /** The real clock. */
    static WatchClock system() {
        return scaled(1.0);
    }

    /** A clock that runs {@code scale} times faster than the real one, as the simulator's does with its time scale. */
    static WatchClock scaled(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
        return new ScaledClock(scale);
    }

    /** A clock that is a {@code scale}-fold faster than real time; real time when the scale is 1. */
    final class ScaledClock implements WatchClock {
        private final double scale;
        private final long originNanos = System.nanoTime();
        private final Instant originInstant = Instant.now();

        private ScaledClock(double scale) {
            this.scale = scale;
        }

        @Override
        public long nanoTime() {
            return (long) ((System.nanoTime() - originNanos) * scale);
        }

        @Override
        public Instant instant() {
            return originInstant.plus(Duration.ofNanos(nanoTime()));
        }

        @Override
        @SuppressWarnings("WaitNotInLoop") // the caller loops: it re-reads its queue after every wake-up
        public void await(Object monitor, long untilNanos, boolean idle) throws InterruptedException {
            if (untilNanos == Long.MAX_VALUE) {
                monitor.wait();
                return;
            }
            long realNanos = (long) ((untilNanos - nanoTime()) / scale);
            if (realNanos > 0) {
                monitor.wait(realNanos / 1_000_000, (int) (realNanos % 1_000_000));
            }
        }
    }
}
