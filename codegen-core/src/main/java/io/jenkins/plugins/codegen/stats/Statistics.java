package io.jenkins.plugins.codegen.stats;

import io.jenkins.plugins.codegen.error.ErrorType;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine has done since it started: tasks, outcomes, response times, retries, errors by
 * type. Safe to update from many threads at once; a snapshot is consistent enough for a dashboard
 * (each counter is exact, the counters are not read under one lock).
 */
public final class Statistics {
    /** Response times kept for the 95th percentile: the most recent ones, enough for a steady figure. */
    static final int WINDOW = 10_000;
    /** Outcomes kept for health: the most recent ones. */
    static final int RECENT = 20;

    private final LongAdder requests = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder aborted = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder apiRequests = new LongAdder();
    private final LongAdder rateLimitedWaits = new LongAdder();
    private final LongAdder totalResponseMillis = new LongAdder();
    private final AtomicLongArray errorsByType = new AtomicLongArray(ErrorType.values().length);
    private final long[] window = new long[WINDOW];
    private long recorded;
    private final boolean[] recentOutcomes = new boolean[RECENT];
    private long recentCount;

    /** A task was handed to the engine. */
    public void taskStarted() {
        requests.increment();
    }

    public void recordSuccess(Duration responseTime, int attempts) {
        successes.increment();
        recordAttempts(attempts);
        recordResponseTime(responseTime);
        recordRecent(true);
    }

    public void recordFailure(ErrorType type, Duration responseTime, int attempts) {
        failures.increment();
        errorsByType.incrementAndGet(type.ordinal());
        recordAttempts(attempts);
        recordResponseTime(responseTime);
        recordRecent(false);
    }

    public void recordAborted() {
        aborted.increment();
        errorsByType.incrementAndGet(ErrorType.ABORTED.ordinal());
    }

    /** API requests one bridge call made, and how often it waited because of a 429. */
    public void recordApiRequests(int count, int rateLimited) {
        apiRequests.add(count);
        rateLimitedWaits.add(rateLimited);
    }

    private void recordAttempts(int attempts) {
        retries.add(Math.max(0, attempts - 1));
    }

    private void recordResponseTime(Duration responseTime) {
        long millis = responseTime.toMillis();
        totalResponseMillis.add(millis);
        synchronized (window) {
            window[(int) (recorded++ % WINDOW)] = millis;
        }
    }

    private void recordRecent(boolean success) {
        synchronized (recentOutcomes) {
            recentOutcomes[(int) (recentCount++ % RECENT)] = success;
        }
    }

    /** The share of the most recent finished tasks (up to {@value #RECENT}) that succeeded; empty when none finished. */
    public OptionalDouble recentSuccessRate() {
        synchronized (recentOutcomes) {
            int n = (int) Math.min(recentCount, RECENT);
            if (n == 0) {
                return OptionalDouble.empty();
            }
            int ok = 0;
            for (int i = 0; i < n; i++) {
                ok += recentOutcomes[i] ? 1 : 0;
            }
            return OptionalDouble.of((double) ok / n);
        }
    }

    public StatisticsSnapshot snapshot() {
        long ok = successes.sum();
        long failed = failures.sum();
        long finished = ok + failed;
        Map<ErrorType, Long> errors = new EnumMap<>(ErrorType.class);
        for (ErrorType type : ErrorType.values()) {
            long count = errorsByType.get(type.ordinal());
            if (count > 0) {
                errors.put(type, count);
            }
        }
        return new StatisticsSnapshot(requests.sum(), ok, failed, aborted.sum(),
                finished == 0 ? 0.0 : (double) ok / finished,
                finished == 0 ? 0 : totalResponseMillis.sum() / finished, percentile95(), retries.sum(),
                apiRequests.sum(), rateLimitedWaits.sum(), errors);
    }

    private long percentile95() {
        long[] sorted;
        synchronized (window) {
            int n = (int) Math.min(recorded, WINDOW);
            sorted = Arrays.copyOf(window, n);
        }
        if (sorted.length == 0) {
            return 0;
        }
        Arrays.sort(sorted);
        // Nearest-rank: the smallest value at or above which 5 % of the samples lie.
        int rank = (int) Math.ceil(0.95 * sorted.length);
        return sorted[rank - 1];
    }
}
