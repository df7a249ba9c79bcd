package io.jenkins.plugins.codegen.retry;

import io.jenkins.plugins.codegen.error.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * How often, and after how long a wait, a failed attempt is tried again: exponential backoff with a
 * cap and random jitter. Immutable.
 *
 * <p>The nominal delay before retry {@code n} (1 for the first retry) is
 * {@code min(maxDelay, baseDelay * backoffMultiplier^(n-1))}; with the defaults 1 s, 2 s, 4 s, 8 s,
 * 16 s, then 30 s for every later retry. The actual delay is drawn uniformly within {@code ±jitter}
 * of the nominal one, so that many builds failing together do not retry in lockstep, and is then
 * capped at {@code maxDelay} again.
 *
 * <p>A policy is built whatever its values, so that settings can report every bad value at once;
 * {@link #validate()} says what is wrong, and {@link RetryManager} refuses an invalid policy.
 */
public final class RetryPolicy {
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    public static final double DEFAULT_JITTER = 0.2;
    /** A task may run for at most a day, so a longer wait between attempts can only be a slip. */
    private static final Duration LONGEST_MAX_DELAY = Duration.ofHours(24);

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxRetries;
    private final Duration baseDelay;
    private final double backoffMultiplier;
    private final Duration maxDelay;
    private final double jitter;

    private RetryPolicy(Builder b) {
        this.maxRetries = b.maxRetries;
        this.baseDelay = b.baseDelay;
        this.backoffMultiplier = b.backoffMultiplier;
        this.maxDelay = b.maxDelay;
        this.jitter = b.jitter;
    }

    /** Three retries (four attempts), 1 s doubling up to 30 s, ±20 % jitter. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().maxRetries(maxRetries).baseDelay(baseDelay).backoffMultiplier(backoffMultiplier)
                .maxDelay(maxDelay).jitter(jitter);
    }

    /** Retries after a failure that made no progress; 0 means a single attempt. See {@link RetryManager}. */
    public int maxRetries() {
        return maxRetries;
    }

    /** The nominal delay before the first retry. */
    public Duration baseDelay() {
        return baseDelay;
    }

    /** What each further retry multiplies the nominal delay by. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** The longest delay the backoff itself produces; a server's {@code Retry-After} may ask for more. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** The fraction by which the actual delay may differ from the nominal one, either way. */
    public double jitter() {
        return jitter;
    }

    /**
     * The delay before retry {@code n}, jittered with {@code random}. Meaningful for a valid policy only.
     *
     * @param retry 1 for the first retry
     */
    public Duration delayBeforeRetry(int retry, Random random) {
        double nominal = nominalNanos(retry);
        double jittered = nominal * (1 + jitter * (2 * random.nextDouble() - 1));
        return Duration.ofNanos(Math.round(Math.min(jittered, maxDelay.toNanos())));
    }

    /** The delay before retry {@code n} without jitter. */
    Duration nominalDelayBeforeRetry(int retry) {
        return Duration.ofNanos(Math.round(nominalNanos(retry)));
    }

    private double nominalNanos(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1: " + retry);
        }
        // In double arithmetic the power may become infinite for a very late retry; min() still caps it.
        return Math.min(maxDelay.toNanos(), baseDelay.toNanos() * Math.pow(backoffMultiplier, retry - 1));
    }

    /** What is wrong with this policy, named as in the settings; empty when it is fine. */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (maxRetries < 0) {
            errors.add(new FieldError("maxRetries", "is " + maxRetries + "; it cannot be negative",
                    "Use 0 for a single attempt, or a small number such as " + DEFAULT_MAX_RETRIES + "."));
        }
        if (!isPositive(baseDelay)) {
            errors.add(new FieldError("baseDelay", "is not longer than zero",
                    "Wait a moment before the first retry; 1 second suits most failures."));
        }
        if (!(backoffMultiplier >= 1 && Double.isFinite(backoffMultiplier))) {
            errors.add(new FieldError("backoffMultiplier", "is " + backoffMultiplier + "; it must be at least 1",
                    "Use 1 to wait equally long before every retry, or 2 to double the wait each time."));
        }
        validateMaxDelay(errors);
        if (!(jitter >= 0 && jitter < 1)) {
            errors.add(new FieldError("jitter", "is " + jitter + "; it must be at least 0 and less than 1",
                    "Use " + DEFAULT_JITTER + " to vary each delay by up to 20 % either way."));
        }
        return List.copyOf(errors);
    }

    private void validateMaxDelay(List<FieldError> errors) {
        if (!isPositive(maxDelay)) {
            errors.add(new FieldError("maxDelay", "is not longer than zero",
                    "Cap the delay between retries at something like 30 seconds."));
        } else if (isPositive(baseDelay) && maxDelay.compareTo(baseDelay) < 0) {
            errors.add(new FieldError("maxDelay", "is shorter than baseDelay",
                    "Make it at least as long as baseDelay."));
        } else if (maxDelay.compareTo(LONGEST_MAX_DELAY) > 0) {
            errors.add(new FieldError("maxDelay", "is longer than 24 hours, the longest a task may run",
                    "Cap the delay between retries at a few minutes at most."));
        }
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy other && maxRetries == other.maxRetries && baseDelay.equals(other.baseDelay)
                && Double.compare(backoffMultiplier, other.backoffMultiplier) == 0 && maxDelay.equals(other.maxDelay)
                && Double.compare(jitter, other.jitter) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRetries, baseDelay, backoffMultiplier, maxDelay, jitter);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", baseDelay=" + baseDelay + ", backoffMultiplier="
                + backoffMultiplier + ", maxDelay=" + maxDelay + ", jitter=" + jitter + "]";
    }

    /** Collects the values of a {@link RetryPolicy}; starts from the defaults. */
    public static final class Builder {
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration baseDelay = DEFAULT_BASE_DELAY;
        private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double jitter = DEFAULT_JITTER;

        private Builder() {
        }

        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        public Builder baseDelay(Duration value) {
            this.baseDelay = Objects.requireNonNull(value, "baseDelay");
            return this;
        }

        public Builder backoffMultiplier(double value) {
            this.backoffMultiplier = value;
            return this;
        }

        public Builder maxDelay(Duration value) {
            this.maxDelay = Objects.requireNonNull(value, "maxDelay");
            return this;
        }

        /** 0.2 lets each delay vary by up to 20 % either way; 0 makes delays exact. */
        public Builder jitter(double value) {
            this.jitter = value;
            return this;
        }

        /** The policy, valid or not; see {@link RetryPolicy#validate()}. */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
