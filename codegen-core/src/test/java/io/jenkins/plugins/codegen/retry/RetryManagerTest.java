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
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryManagerTest {
    private static final RetryPolicy EXACT = RetryPolicy.builder().jitter(0).build();

    private final FakeClock clock = new FakeClock();
    private final List<Retry> retries = new ArrayList<>();
    private final RetryListener listener = (next, failure, wait) -> retries.add(new Retry(next, failure, wait));

    /** What the listener heard. */
    private record Retry(int nextAttempt, CodegenException failure, Duration announcedWait) {
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private RetryManager manager(RetryPolicy policy) {
        return new RetryManager(policy, clock, clock, new Random(42));
    }

    private Deadline minutes(long minutes) {
        return Deadline.after(Duration.ofMinutes(minutes), clock);
    }

    private static CodegenException failure(ErrorType type) {
        return CodegenException.builder(type, type.wireName() + " failure").build();
    }

    private static CodegenException failure(ErrorType type, Duration retryAfter) {
        return failure(type).toBuilder().retryAfter(retryAfter).build();
    }

    private List<Duration> waitsHeard() {
        return retries.stream().map(Retry::announcedWait).toList();
    }

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

    @Test
    void aWaitBeyondTheDeadlineIsNotTakenAndTheFailureSaysWhy() {
        CodegenException failure = failure(ErrorType.SERVER, Duration.ofSeconds(10));
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);

        CodegenException thrown = catchThrowableOfType(CodegenException.class, () -> manager(RetryPolicy.defaults())
                .execute(ScriptedAttempt.failingWith(failure), deadline, listener));

        assertThat(clock.sleeps()).isEmpty();
        assertThat(retries).isEmpty();
        assertThat(thrown.getErrorType()).isEqualTo(ErrorType.SERVER);
        assertThat(thrown.getMessage()).isEqualTo(failure.getMessage());
        assertThat(thrown.getRetryAfter()).contains(Duration.ofSeconds(10));
        assertThat(thrown.getAttempts()).isEqualTo(1);
        assertThat(thrown.getGuidance()).isEqualTo("No time was left for another attempt within the task's timeout "
                + "(the next was due in 10.0 s, with 10.0 s left). " + failure.getGuidance());
    }

    @Test
    void aWaitEndingExactlyAtTheDeadlineIsNotTaken() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(1), clock);

        CodegenException thrown = catchThrowableOfType(CodegenException.class, () -> manager(EXACT)
                .execute(ScriptedAttempt.failingWith(failure(ErrorType.CONNECTION)), deadline, listener));

        assertThat(thrown.getAttempts()).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void retriesStopShortOfTheDeadline() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);
        RetryPolicy generous = EXACT.toBuilder().maxRetries(10).build();

        CodegenException thrown = catchThrowableOfType(CodegenException.class, () -> manager(generous)
                .execute(ScriptedAttempt.failingWith(failure(ErrorType.SERVER)), deadline, listener));

        // 1 s + 2 s + 4 s = 7 s slept; the next wait, 8 s, would end after the deadline.
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(thrown.getAttempts()).isEqualTo(4);
        assertThat(thrown.getGuidance()).contains("(the next was due in 8.0 s, with 3.0 s left)");
    }

    @Test
    void anAttemptThatUsedUpTheTimeIsNotRetried() {
        Deadline deadline = minutes(30);
        Attempt<String> slow = context -> {
            clock.advance(Duration.ofMinutes(31));
            throw failure(ErrorType.TIMEOUT);
        };

        CodegenException thrown = catchThrowableOfType(CodegenException.class,
                () -> manager(RetryPolicy.defaults()).execute(slow, deadline, listener));

        assertThat(thrown.getErrorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(thrown.getAttempts()).isEqualTo(1);
        assertThat(thrown.getGuidance()).contains("with 0.0 s left");
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void anInterruptDuringAWaitEndsEverythingAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        Attempt<String> abortedBuild = context -> {
            attempts.incrementAndGet();
            Thread.currentThread().interrupt();
            throw failure(ErrorType.SERVER);
        };

        assertThatThrownBy(() -> manager(RetryPolicy.defaults()).execute(abortedBuild, minutes(30), listener))
                .isInstanceOf(InterruptedException.class);
        assertThat(attempts).hasValue(1);
        assertThat(retries).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void theSystemSleeperGivesUpItsWaitOnInterrupt() {
        RetryManager real = new RetryManager(RetryPolicy.defaults(), Sleeper.system(), TimeSource.system(), new Random());
        AtomicInteger attempts = new AtomicInteger();
        Attempt<String> abortedBuild = context -> {
            attempts.incrementAndGet();
            Thread.currentThread().interrupt();
            throw failure(ErrorType.SERVER);
        };

        assertThatThrownBy(() -> real.execute(abortedBuild, Deadline.none(), RetryListener.NONE))
                .isInstanceOf(InterruptedException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anInterruptInsideAnAttemptIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Attempt<String> interrupted = context -> {
            attempts.incrementAndGet();
            throw new InterruptedException();
        };

        assertThatThrownBy(() -> manager(RetryPolicy.defaults()).execute(interrupted, minutes(30), listener))
                .isInstanceOf(InterruptedException.class);
        assertThat(attempts).hasValue(1);
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

    /**
     * Fails with the given failures in turn, then succeeds with "done after N"; records what each
     * attempt was told.
     */
    private static final class ScriptedAttempt implements Attempt<String> {
        final List<CodegenException> failures;
        final List<Integer> numbers = new ArrayList<>();
        final List<Optional<CodegenException>> previousFailures = new ArrayList<>();
        private final boolean failForever;
        private int progressOn = -1;
        private boolean progressOnEveryFailure;

        ScriptedAttempt(CodegenException... failures) {
            this(List.of(failures), false);
        }

        private ScriptedAttempt(List<CodegenException> failures, boolean failForever) {
            this.failures = failures;
            this.failForever = failForever;
        }

        static ScriptedAttempt failingWith(CodegenException failure) {
            return new ScriptedAttempt(List.of(failure), true);
        }

        /** Gets somewhere, then fails, {@code times} times; then succeeds. */
        static ScriptedAttempt progressThenFailing(int times, CodegenException failure) {
            ScriptedAttempt attempt = new ScriptedAttempt(Collections.nCopies(times, failure), false);
            attempt.progressOnEveryFailure = true;
            return attempt;
        }

        ScriptedAttempt withProgressOnAttempt(int number) {
            progressOn = number;
            return this;
        }

        @Override
        public String run(AttemptContext context) throws CodegenException {
            int number = context.attemptNumber();
            numbers.add(number);
            previousFailures.add(context.previousFailure());
            if (!failForever && number > failures.size()) {
                return "done after " + number;
            }
            if (progressOnEveryFailure || number == progressOn) {
                context.madeProgress();
            }
            throw failures.get(failForever ? 0 : number - 1);
        }
    }
}
