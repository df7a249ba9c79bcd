package io.jenkins.plugins.codegen.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when told to or when something sleeps on it, so that no test really waits. */
final class FakeClock implements TimeSource, Sleeper {
    /** Not zero, so that nothing relies on the clock starting at zero. */
    private long nanos = 1_000_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    /** Records the wait and moves the clock on by it; like Thread.sleep, refuses to wait when interrupted. */
    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before the wait");
        }
        sleeps.add(duration);
        advance(duration);
    }

    synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
