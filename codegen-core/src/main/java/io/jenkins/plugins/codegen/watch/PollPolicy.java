package io.jenkins.plugins.codegen.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a run is read, exactly as the bridge polls (docs/bridge-protocol.md, "Polling"): every
 * {@code interval} at first, then {@code growth} times the time since the status last changed,
 * never more than {@code maxInterval}, and never less than a floor (the organization's budget, the
 * last {@code Retry-After}). With the defaults (5 s, 10 %, 120 s) a run's end is noticed within
 * max(5 s, 10 % of the time elapsed), and a 10-minute run costs about 37 reads.
 */
public record PollPolicy(Duration interval, Duration maxInterval, double growth) {
    /** The bridge's defaults. */
    public static final PollPolicy DEFAULT = new PollPolicy(Duration.ofSeconds(5), Duration.ofSeconds(120), 0.1);

    public PollPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (interval.isNegative() || interval.isZero() || maxInterval.compareTo(interval) < 0 || growth < 0) {
            throw new IllegalArgumentException("need 0 < interval <= maxInterval and growth >= 0");
        }
    }

    /** The next wait, in nanoseconds, after {@code quietNanos} without a status change. */
    long nextNanos(long quietNanos, long floorNanos) {
        long grown = Math.max(interval.toNanos(), (long) (growth * quietNanos));
        return Math.max(Math.min(grown, maxInterval.toNanos()), floorNanos);
    }

    /**
     * The wait after {@code failures} transient failures in a row (5xx, a dropped connection, a 429
     * without {@code Retry-After}): the interval, doubled for each further failure, at most the maximum.
     */
    long backoffNanos(int failures) {
        int doublings = Math.min(Math.max(0, failures - 1), 20);
        return Math.min(interval.toNanos() << doublings, maxInterval.toNanos());
    }
}
