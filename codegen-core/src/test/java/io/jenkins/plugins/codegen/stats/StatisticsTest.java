package io.jenkins.plugins.codegen.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.ErrorType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    private final Statistics statistics = new Statistics();

    @Test
    void emptyStatisticsReadAsZero() {
        StatisticsSnapshot s = statistics.snapshot();
        assertThat(s.requests()).isZero();
        assertThat(s.successRate()).isZero();
        assertThat(s.p95ResponseTimeMs()).isZero();
        assertThat(statistics.recentSuccessRate()).isEmpty();
    }

    @Test
    void countsOutcomesRetriesAndErrorsByType() {
        for (int i = 0; i < 4; i++) {
            statistics.taskStarted();
        }
        statistics.recordSuccess(Duration.ofMillis(100), 1);
        statistics.recordSuccess(Duration.ofMillis(300), 3);
        statistics.recordFailure(ErrorType.RATE_LIMIT, Duration.ofMillis(200), 2);
        statistics.recordAborted();

        StatisticsSnapshot s = statistics.snapshot();
        assertThat(s.requests()).isEqualTo(4);
        assertThat(s.successes()).isEqualTo(2);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.aborted()).isEqualTo(1);
        assertThat(s.successRate()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.averageResponseTimeMs()).isEqualTo(200);
        assertThat(s.retries()).isEqualTo(3);
        assertThat(s.errorsByType()).containsExactlyInAnyOrderEntriesOf(
                Map.of(ErrorType.RATE_LIMIT, 1L, ErrorType.ABORTED, 1L));
        assertThat(s.toMap()).containsEntry("errorsByType", Map.of("rate_limit", 1L, "aborted", 1L));
    }

    @Test
    void p95IsTheNearestRankOfTheRecentTimes() {
        for (int ms = 1; ms <= 100; ms++) {
            statistics.recordSuccess(Duration.ofMillis(ms), 1);
        }
        assertThat(statistics.snapshot().p95ResponseTimeMs()).isEqualTo(95);
        // Older samples leave the window: after WINDOW more, only the new ones count.
        for (int i = 0; i < Statistics.WINDOW; i++) {
            statistics.recordSuccess(Duration.ofMillis(1000), 1);
        }
        assertThat(statistics.snapshot().p95ResponseTimeMs()).isEqualTo(1000);
    }

    @Test
    void recentSuccessRateForgetsOldOutcomes() {
        for (int i = 0; i < Statistics.RECENT; i++) {
            statistics.recordFailure(ErrorType.SERVER, Duration.ZERO, 1);
        }
        assertThat(statistics.recentSuccessRate()).hasValue(0.0);
        for (int i = 0; i < Statistics.RECENT; i++) {
            statistics.recordSuccess(Duration.ZERO, 1);
        }
        assertThat(statistics.recentSuccessRate()).hasValue(1.0);
    }

    @Test
    void manyThreadsLoseNoCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    statistics.taskStarted();
                    if (i % 2 == 0) {
                        statistics.recordSuccess(Duration.ofMillis(i % 50), 1);
                    } else {
                        statistics.recordFailure(ErrorType.CONNECTION, Duration.ofMillis(i % 50), 2);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        StatisticsSnapshot s = statistics.snapshot();
        assertThat(s.requests()).isEqualTo(80_000);
        assertThat(s.successes()).isEqualTo(40_000);
        assertThat(s.errorsByType()).containsEntry(ErrorType.CONNECTION, 40_000L);
        assertThat(s.retries()).isEqualTo(40_000);
    }
}
