package io.jenkins.plugins.codegen.retry;

import io.jenkins.plugins.codegen.error.CodegenException;
import java.time.Duration;

/**
 * Hears of each retry before its wait begins, so that a console can print, for example,
 * "Attempt 1 failed (rate_limit: ...); retrying in 4.2 s". Called on the thread that runs the attempts.
 */
@FunctionalInterface
public interface RetryListener {

    /** A listener that does nothing. */
    RetryListener NONE = (nextAttempt, failure, wait) -> { };

    /**
     * @param nextAttempt the number of the attempt about to be made after the wait (2 for the first retry)
     * @param failure     why the previous attempt failed
     * @param wait        how long the manager will wait before that attempt
     */
    void beforeRetry(int nextAttempt, CodegenException failure, Duration wait);
}
