package io.jenkins.plugins.codegen.retry;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;

/** What the retry manager's tests share: a fake clock, a listener that keeps what it heard, scripted failures. */
abstract class RetryManagerTestBase {
    static final RetryPolicy EXACT = RetryPolicy.builder().jitter(0).build();

    final FakeClock clock = new FakeClock();
    final List<Retry> retries = new ArrayList<>();
    final RetryListener listener = (next, failure, wait) -> retries.add(new Retry(next, failure, wait));

    /** What the listener heard. */
    record Retry(int nextAttempt, CodegenException failure, Duration announcedWait) {
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    RetryManager manager(RetryPolicy policy) {
        return new RetryManager(policy, clock, clock, new Random(42));
    }

    Deadline minutes(long minutes) {
        return Deadline.after(Duration.ofMinutes(minutes), clock);
    }

    static CodegenException failure(ErrorType type) {
        return CodegenException.builder(type, type.wireName() + " failure").build();
    }

    static CodegenException failure(ErrorType type, Duration retryAfter) {
        return failure(type).toBuilder().retryAfter(retryAfter).build();
    }

    List<Duration> waitsHeard() {
        return retries.stream().map(Retry::announcedWait).toList();
    }
}
