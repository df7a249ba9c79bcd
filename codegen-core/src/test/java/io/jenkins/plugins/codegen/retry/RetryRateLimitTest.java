package io.jenkins.plugins.codegen.retry;

import static io.jenkins.plugins.codegen.retry.RetryPolicyTest.assertWithinJitter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The retry manager under rate limits: their own backoff, the server's Retry-After, the deadline. */
class RetryRateLimitTest extends RetryManagerTestBase {
    @Test
    void rateLimitsDoNotSpendTheBudgetAndEachWaitsLonger() throws Exception {
        RetryPolicy noRetries = RetryPolicy.builder().maxRetries(0).build();
        ScriptedAttempt attempt = new ScriptedAttempt(
                IntStream.range(0, 10).mapToObj(i -> failure(ErrorType.RATE_LIMIT)).toArray(CodegenException[]::new));

        String result = manager(noRetries).execute(attempt, minutes(30), listener);

        assertThat(result).isEqualTo("done after 11");
        for (int retry = 1; retry <= 10; retry++) {
            assertWithinJitter(noRetries, retry, clock.sleeps().get(retry - 1));
        }
    }

    @Test
    void aRateLimitWaitsAtLeastAsLongAsTheServerAsks() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.RATE_LIMIT, Duration.ofSeconds(10)));

        manager(RetryPolicy.defaults()).execute(attempt, minutes(30), listener);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void rateLimitsCountInARowOnly() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.RATE_LIMIT), failure(ErrorType.RATE_LIMIT),
                failure(ErrorType.SERVER), failure(ErrorType.RATE_LIMIT));

        manager(EXACT).execute(attempt, minutes(30), listener);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    @Test
    void progressStartsTheRateLimitBackoffAgain() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.RATE_LIMIT), failure(ErrorType.RATE_LIMIT),
                failure(ErrorType.RATE_LIMIT)).withProgressOnAttempt(3);

        manager(EXACT).execute(attempt, minutes(30), listener);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void endlessRateLimitingEndsAtTheDeadlineWithoutWaitingPastIt() {
        Deadline deadline = minutes(2);

        CodegenException thrown = catchThrowableOfType(CodegenException.class, () -> manager(RetryPolicy.defaults())
                .execute(ScriptedAttempt.failingWith(failure(ErrorType.RATE_LIMIT)), deadline, listener));

        assertThat(thrown.getErrorType()).isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(thrown.getAttempts()).isEqualTo(clock.sleeps().size() + 1).isGreaterThan(4);
        assertThat(clock.slept()).isLessThan(Duration.ofMinutes(2));
        assertThat(deadline.isExpired()).isFalse();
        assertThat(thrown.getGuidance()).startsWith("No time was left for another attempt within the task's timeout");
    }

    @Test
    void retryAfterIsHonouredBeyondTheCap() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.SERVER, Duration.ofSeconds(90)));

        manager(RetryPolicy.defaults()).execute(attempt, minutes(30), listener);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(90));
        assertThat(waitsHeard()).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void aShorterRetryAfterDoesNotShortenTheBackoff() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.SERVER, Duration.ofMillis(1)));

        manager(EXACT).execute(attempt, minutes(30), listener);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1));
    }
}
