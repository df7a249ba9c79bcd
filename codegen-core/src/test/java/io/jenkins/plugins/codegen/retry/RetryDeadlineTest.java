package io.jenkins.plugins.codegen.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry manager against the task's deadline, and when its thread is interrupted. */
class RetryDeadlineTest extends RetryManagerTestBase {
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
}
