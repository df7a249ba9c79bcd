package io.jenkins.plugins.codegen.watch;

import java.time.Instant;

/**
 * Virtual time: it stands still while anything is in flight and jumps to the next due read when
 * nothing is, so a ten-minute wait takes as long as its requests do, and no test waits for a timer.
 */
final class FakeWatchClock implements WatchClock {
    static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private volatile long now;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Instant instant() {
        return ORIGIN.plusNanos(now);
    }

    @Override
    public void await(Object monitor, long untilNanos, boolean idle) throws InterruptedException {
        if (idle && untilNanos != Long.MAX_VALUE) {
            now = Math.max(now, untilNanos);
            return;
        }
        monitor.wait();
    }

    double seconds() {
        return now / 1e9;
    }
}
