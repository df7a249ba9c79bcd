package io.jenkins.plugins.codegen.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void remainingShrinksAsTimePasses() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(30), clock);

        clock.advance(Duration.ofMinutes(10));

        assertThat(deadline.remaining()).isEqualTo(Duration.ofMinutes(20));
        assertThat(deadline.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(deadline.isExpired()).isFalse();
    }

    @Test
    void expiresAtTheVeryInstantItIsReached() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(5), clock);

        clock.advance(Duration.ofSeconds(5).minusNanos(1));
        assertThat(deadline.isExpired()).isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(deadline.isExpired()).isTrue();
        assertThat(deadline.remaining()).isZero();
    }

    @Test
    void remainingIsZeroNotNegativeLongAfterTheDeadline() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(5), clock);

        clock.advance(Duration.ofHours(1));

        assertThat(deadline.remaining()).isZero();
        assertThat(deadline.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void allowsOnlyWaitsThatEndBeforeTheDeadline() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);
        clock.advance(Duration.ofSeconds(4));

        assertThat(deadline.allows(Duration.ofSeconds(6).minusNanos(1))).isTrue();
        assertThat(deadline.allows(Duration.ofSeconds(6))).as("a wait ending at the deadline").isFalse();
        assertThat(deadline.allows(Duration.ofSeconds(7))).isFalse();
    }

    @Test
    void anExpiredDeadlineAllowsNoWaitAtAll() {
        Deadline deadline = Deadline.after(Duration.ZERO, clock);

        assertThat(deadline.isExpired()).isTrue();
        assertThat(deadline.allows(Duration.ZERO)).isFalse();
    }

    @Test
    void noneNeverExpires() {
        Deadline deadline = Deadline.none();

        assertThat(deadline.isExpired()).isFalse();
        assertThat(deadline.allows(Duration.ofDays(365_000))).isTrue();
        assertThat(deadline.remaining()).isGreaterThan(Duration.ofDays(365_000_000));
        assertThat(deadline.elapsed()).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void refusesANegativeTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> Deadline.after(Duration.ofSeconds(-1), clock));
    }
}
