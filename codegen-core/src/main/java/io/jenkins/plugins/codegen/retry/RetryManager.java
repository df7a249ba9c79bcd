package io.jenkins.plugins.codegen.retry;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Runs an {@link Attempt} until it succeeds, its failure may not be retried, the retry budget is
 * spent, or the task's deadline leaves no time for another attempt.
 *
 * <ul>
 * <li><b>Only retryable failures are retried.</b> A failure whose {@link CodegenException#isRetryable()}
 *     is false is rethrown at once.</li>
 * <li><b>The budget counts failures in a row without progress.</b> {@link RetryPolicy#maxRetries()}
 *     limits the retries after attempts that failed without calling {@link AttemptContext#madeProgress()}.
 *     When a failed attempt had made progress, the count (and the backoff) starts again: a 30-minute
 *     agent run may meet several unrelated network blips, and each is a fresh problem that deserves
 *     the whole budget. Endless progress-then-failure is still bounded by the deadline.</li>
 * <li><b>Rate limits are absorbed by waiting, not by failing.</b> {@link ErrorType#RATE_LIMIT}
 *     failures do not use up the budget, even when it is 0; they are retried for as long as the
 *     deadline allows, each in a row waiting as long as the backoff for that many retries. With
 *     {@link Deadline#none()} they are retried without end.</li>
 * <li><b>The server's {@code Retry-After} is honoured for every type of failure:</b> the wait is the
 *     longer of the backoff delay and {@link CodegenException#getRetryAfter()}, even beyond
 *     {@link RetryPolicy#maxDelay()}.</li>
 * <li><b>Never past the deadline.</b> When the wait would end at or after the deadline, the manager
 *     does not wait but rethrows the last failure, its guidance noting that no time was left.</li>
 * </ul>
 * The exception that finally escapes is the last failure, of the same type, with the total number of
 * attempts recorded ({@link CodegenException#getAttempts()}). An interrupt during a wait ends
 * everything at once with {@link InterruptedException}. Runtime exceptions from an attempt are bugs,
 * not failures, and pass through untouched.
 *
 * <p>Thread-safe: one manager may run attempts for many builds at once. Each call of
 * {@link #execute} draws its jitter from its own {@link Random}, seeded from the one the manager was
 * given; so with a fixed seed, a sequence of calls on one thread always waits the same.
 */
public final class RetryManager {
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final TimeSource time;
    /** Only ever asked for seeds; {@link Random} is safe for that from many threads. */
    private final Random seeds;

    /**
     * @param random where the jitter comes from; give a fixed seed to make waits reproducible
     * @throws IllegalArgumentException if the policy is not valid ({@link RetryPolicy#validate()})
     */
    public RetryManager(RetryPolicy policy, Sleeper sleeper, TimeSource time, Random random) {
        List<FieldError> problems = policy.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid retry policy: " + problems);
        }
        this.policy = policy;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.time = Objects.requireNonNull(time, "time");
        this.seeds = Objects.requireNonNull(random, "random");
    }

    /** A deadline {@code timeout} from now on this manager's clock, the one its waits advance. */
    public Deadline deadlineAfter(Duration timeout) {
        return Deadline.after(timeout, time);
    }

    /**
     * Runs the attempt, and again after each retryable failure, as the class description says.
     *
     * @return what the first successful attempt returned
     * @throws CodegenException     the last failure, with the number of attempts made
     * @throws InterruptedException if the thread was interrupted during a wait or an attempt
     */
    public <T> T execute(Attempt<T> attempt, Deadline deadline, RetryListener listener)
            throws CodegenException, InterruptedException {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(listener, "listener");
        Backoff backoff = new Backoff(new Random(seeds.nextLong()));
        CodegenException previous = null;
        for (int number = 1; ; number++) {
            Context context = new Context(number, previous);
            try {
                return attempt.run(context);
            } catch (CodegenException failure) {
                Duration wait = backoff.waitAfter(failure, context.progressMade)
                        .orElseThrow(() -> failure.withAttempts(context.number));
                if (!deadline.allows(wait)) {
                    throw outOfTime(failure, context.number, wait, deadline.remaining());
                }
                listener.beforeRetry(context.number + 1, failure, wait);
                sleeper.sleep(wait);
                previous = failure;
            }
        }
    }

    private static CodegenException outOfTime(CodegenException failure, int attempts, Duration wait,
            Duration remaining) {
        String note = "No time was left for another attempt within the task's timeout (the next was due in "
                + seconds(wait) + ", with " + seconds(remaining) + " left). ";
        return failure.toBuilder().attempts(attempts).guidance(note + failure.getGuidance()).build();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** The failures one call of {@link #execute} has met so far; confined to the calling thread. */
    private final class Backoff {
        private final Random random;
        /** Retries granted since the last progress, for failures other than rate limits. */
        private int retriesWithoutProgress;
        /** Rate-limit failures in a row since the last progress or other failure. */
        private int rateLimitsInARow;

        Backoff(Random random) {
            this.random = random;
        }

        /** How long to wait before retrying after this failure; empty when it may not be retried. */
        Optional<Duration> waitAfter(CodegenException failure, boolean progressMade) {
            if (!failure.isRetryable()) {
                return Optional.empty();
            }
            if (progressMade) {
                retriesWithoutProgress = 0;
                rateLimitsInARow = 0;
            }
            int retry;
            if (failure.getErrorType() == ErrorType.RATE_LIMIT) {
                retry = ++rateLimitsInARow;
            } else if (retriesWithoutProgress < policy.maxRetries()) {
                rateLimitsInARow = 0;
                retry = ++retriesWithoutProgress;
            } else {
                return Optional.empty();
            }
            Duration delay = policy.delayBeforeRetry(retry, random);
            Duration retryAfter = failure.getRetryAfter().orElse(Duration.ZERO);
            return Optional.of(retryAfter.compareTo(delay) > 0 ? retryAfter : delay);
        }
    }

    /** One attempt's view; {@link #madeProgress()} may come from another thread, hence volatile. */
    private static final class Context implements AttemptContext {
        private final int number;
        private final CodegenException previousFailure;
        private volatile boolean progressMade;

        Context(int number, CodegenException previousFailure) {
            this.number = number;
            this.previousFailure = previousFailure;
        }

        @Override
        public int attemptNumber() {
            return number;
        }

        @Override
        public Optional<CodegenException> previousFailure() {
            return Optional.ofNullable(previousFailure);
        }

        @Override
        public void madeProgress() {
            progressMade = true;
        }
    }
}
