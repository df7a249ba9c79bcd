package io.jenkins.plugins.codegen.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bridge's poll: 5 s at first, 10 % of the quiet time later, at most 120 s, never under a floor. */
class PollPolicyTest {
    private static final PollPolicy POLL = PollPolicy.DEFAULT;

    private static long seconds(long s) {
        return Duration.ofSeconds(s).toNanos();
    }

    @Test
    void intervalsGrowWithTheQuietTimeUpToTheMaximum() {
        assertThat(POLL.nextNanos(0, 0)).isEqualTo(seconds(5));
        assertThat(POLL.nextNanos(seconds(50), 0)).isEqualTo(seconds(5));
        assertThat(POLL.nextNanos(seconds(300), 0)).isEqualTo(seconds(30));
        assertThat(POLL.nextNanos(seconds(5000), 0)).isEqualTo(seconds(120));
    }

    @Test
    void aFloorFromTheBudgetOrRetryAfterWins() {
        assertThat(POLL.nextNanos(0, seconds(30))).isEqualTo(seconds(30));
        assertThat(POLL.nextNanos(seconds(5000), seconds(500))).isEqualTo(seconds(500));
    }

    @Test
    void backoffDoublesFromTheIntervalUpToTheMaximum() {
        assertThat(POLL.backoffNanos(1)).isEqualTo(seconds(5));
        assertThat(POLL.backoffNanos(2)).isEqualTo(seconds(10));
        assertThat(POLL.backoffNanos(5)).isEqualTo(seconds(80));
        assertThat(POLL.backoffNanos(6)).isEqualTo(seconds(120));
        assertThat(POLL.backoffNanos(1000)).isEqualTo(seconds(120));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new PollPolicy(Duration.ZERO, Duration.ofSeconds(1), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
