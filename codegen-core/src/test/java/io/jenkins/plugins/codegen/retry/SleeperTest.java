package io.jenkins.plugins.codegen.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real sleeper, tested without waiting: an interrupted thread must not wait at all. */
class SleeperTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedThreadDoesNotWaitEvenAnHour() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofHours(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt status, cleared as Thread.sleep does")
                .isFalse();
    }

    @Test
    void aZeroWaitStillNoticesAnInterrupt() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ZERO)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void zeroAndNegativeWaitsReturnAtOnce() {
        assertThatCode(() -> {
            Sleeper.system().sleep(Duration.ZERO);
            Sleeper.system().sleep(Duration.ofSeconds(-5));
        }).doesNotThrowAnyException();
    }
}
