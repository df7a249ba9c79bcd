package io.jenkins.plugins.codegen.retry;

import static io.jenkins.plugins.codegen.retry.RetryPolicyTest.assertWithinJitter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The retry manager's attempts and budget: what is retried, what is not, progress, and one manager
 * for many threads. Rate limits are in {@link RetryRateLimitTest}, the deadline and interrupts in
 * {@link RetryDeadlineTest}.
 */
class RetryManagerTest extends RetryManagerTestBase {
    @Test
    void returnsTheFirstSuccessWithoutWaiting() throws Exception {
        String result = manager(RetryPolicy.defaults()).execute(context -> "pr-1", minutes(30), listener);

        assertThat(result).isEqualTo("pr-1");
        assertThat(clock.sleeps()).isEmpty();
        assertThat(retries).isEmpty();
    }

    @Test
    void retriesRetryableFailuresUntilOneSucceeds() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.SERVER), failure(ErrorType.CONNECTION));

        String result = manager(RetryPolicy.defaults()).execute(attempt, minutes(30), listener);

        assertThat(result).isEqualTo("done after 3");
        assertThat(attempt.numbers).containsExactly(1, 2, 3);
        assertThat(attempt.previousFailures).containsExactly(Optional.empty(), Optional.of(attempt.failures.get(0)),
                Optional.of(attempt.failures.get(1)));
        assertWithinJitter(RetryPolicy.defaults(), 1, clock.sleeps().get(0));
        assertWithinJitter(RetryPolicy.defaults(), 2, clock.sleeps().get(1));
    }

    @Test
    void theListenerHearsOfEachRetryWithTheFailureAndTheWait() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.SERVER), failure(ErrorType.TIMEOUT));

        manager(RetryPolicy.defaults()).execute(attempt, minutes(30), listener);

        assertThat(retries).extracting(Retry::nextAttempt).containsExactly(2, 3);
        assertThat(retries).extracting(Retry::failure).containsExactlyElementsOf(attempt.failures);
        assertThat(waitsHeard()).isEqualTo(clock.sleeps()).hasSize(2);
    }

    @Test
    void givesUpWhenTheBudgetIsSpentAndRecordsEveryAttempt() {
        CodegenException server = failure(ErrorType.SERVER);

        CodegenException thrown = catchThrowableOfType(CodegenException.class,
                () -> manager(RetryPolicy.defaults()).execute(ScriptedAttempt.failingWith(server), minutes(30), listener));

        assertThat(thrown.getErrorType()).isEqualTo(ErrorType.SERVER);
        assertThat(thrown.getMessage()).isEqualTo(server.getMessage());
        assertThat(thrown.getGuidance()).isEqualTo(server.getGuidance());
        assertThat(thrown.getAttempts()).isEqualTo(4);
        assertThat(clock.sleeps()).hasSize(3);
        for (int retry = 1; retry <= 3; retry++) {
            assertWithinJitter(RetryPolicy.defaults(), retry, clock.sleeps().get(retry - 1));
        }
    }

    @Test
    void noRetriesMeansASingleAttempt() {
        RetryPolicy once = RetryPolicy.builder().maxRetries(0).build();

        CodegenException thrown = catchThrowableOfType(CodegenException.class, () -> manager(once)
                .execute(ScriptedAttempt.failingWith(failure(ErrorType.CONNECTION)), minutes(30), listener));

        assertThat(thrown.getAttempts()).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ErrorType.class, names = {"AUTHENTICATION", "PERMISSION", "QUOTA", "NOT_FOUND", "PYTHON",
            "IMPORT", "VALIDATION", "TASK_FAILED", "UNKNOWN", "ABORTED"})
    void aFailureThatMayNotBeRetriedIsRethrownAtOnce(ErrorType type) {
        CodegenException failure = failure(type);

        CodegenException thrown = catchThrowableOfType(CodegenException.class, () -> manager(RetryPolicy.defaults())
                .execute(ScriptedAttempt.failingWith(failure), minutes(30), listener));

        assertThat(thrown.getErrorType()).isEqualTo(type);
        assertThat(thrown.getAttempts()).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
        assertThat(retries).isEmpty();
    }

    @Test
    void aFailureMarkedNotRetryableIsNotRetriedWhateverItsType() {
        CodegenException failure = failure(ErrorType.SERVER).toBuilder().retryable(false).build();

        CodegenException thrown = catchThrowableOfType(CodegenException.class, () -> manager(RetryPolicy.defaults())
                .execute(ScriptedAttempt.failingWith(failure), minutes(30), listener));

        assertThat(thrown.getAttempts()).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aFailureThatMayNotBeRetriedAfterRetriesCarriesTheTotal() {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.SERVER), failure(ErrorType.SERVER),
                failure(ErrorType.AUTHENTICATION));

        CodegenException thrown = catchThrowableOfType(CodegenException.class,
                () -> manager(RetryPolicy.defaults()).execute(attempt, minutes(30), listener));

        assertThat(thrown.getErrorType()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(thrown.getAttempts()).isEqualTo(3);
    }

    @Test
    void progressStartsTheBudgetAgain() throws Exception {
        RetryPolicy oneRetry = RetryPolicy.builder().maxRetries(1).build();
        ScriptedAttempt attempt = ScriptedAttempt.progressThenFailing(5, failure(ErrorType.CONNECTION));

        String result = manager(oneRetry).execute(attempt, minutes(30), listener);

        assertThat(result).isEqualTo("done after 6");
        assertThat(retries).hasSize(5);
    }

    @Test
    void withoutProgressTheSameFailuresSpendTheBudget() {
        RetryPolicy oneRetry = RetryPolicy.builder().maxRetries(1).build();
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.CONNECTION), failure(ErrorType.CONNECTION),
                failure(ErrorType.CONNECTION));

        CodegenException thrown = catchThrowableOfType(CodegenException.class,
                () -> manager(oneRetry).execute(attempt, minutes(30), listener));

        assertThat(thrown.getAttempts()).isEqualTo(2);
    }

    @Test
    void progressStartsTheBackoffAgain() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(failure(ErrorType.SERVER), failure(ErrorType.SERVER),
                failure(ErrorType.SERVER)).withProgressOnAttempt(3);

        manager(EXACT).execute(attempt, minutes(30), listener);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void progressDoesNotLetADisallowedFailureThrough() {
        ScriptedAttempt attempt = ScriptedAttempt.progressThenFailing(1, failure(ErrorType.QUOTA));

        CodegenException thrown = catchThrowableOfType(CodegenException.class,
                () -> manager(RetryPolicy.defaults()).execute(attempt, minutes(30), listener));

        assertThat(thrown.getAttempts()).isEqualTo(1);
    }

    @Test
    void aBugInAnAttemptPassesThroughUntouched() {
        IllegalStateException bug = new IllegalStateException("bug");

        assertThatThrownBy(() -> manager(RetryPolicy.defaults()).execute(context -> {
            throw bug;
        }, minutes(30), listener)).isSameAs(bug);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameWaits() {
        List<Duration> first = waitsOfAFailingTask(new Random(42));
        List<Duration> second = waitsOfAFailingTask(new Random(42));
        List<Duration> other = waitsOfAFailingTask(new Random(43));

        assertThat(first).hasSize(3).isEqualTo(second).isNotEqualTo(other);
    }

    private static List<Duration> waitsOfAFailingTask(Random random) {
        FakeClock fake = new FakeClock();
        RetryManager manager = new RetryManager(RetryPolicy.defaults(), fake, fake, random);
        catchThrowableOfType(CodegenException.class, () -> manager.execute(
                ScriptedAttempt.failingWith(failure(ErrorType.SERVER)), Deadline.after(Duration.ofHours(1), fake),
                RetryListener.NONE));
        return fake.sleeps();
    }

    @Test
    void oneManagerServesManyThreadsAtOnce() throws Exception {
        RetryManager shared = new RetryManager(RetryPolicy.defaults(), duration -> { }, TimeSource.system(),
                new Random(42));
        AtomicInteger retriesHeard = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int task = 0; task < 400; task++) {
                results.add(pool.submit(() -> shared.execute(context -> {
                    if (context.attemptNumber() < 3) {
                        throw failure(ErrorType.CONNECTION);
                    }
                    return context.attemptNumber();
                }, Deadline.none(), (next, failure, wait) -> retriesHeard.incrementAndGet())));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(retriesHeard).hasValue(800);
    }

    @Test
    void deadlinesAreSetOnTheManagersClock() {
        Deadline deadline = manager(RetryPolicy.defaults()).deadlineAfter(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(4));

        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void refusesAnInvalidPolicy() {
        RetryPolicy invalid = RetryPolicy.builder().maxRetries(-1).build();

        assertThatIllegalArgumentException().isThrownBy(() -> manager(invalid)).withMessageContaining("maxRetries");
    }
}
