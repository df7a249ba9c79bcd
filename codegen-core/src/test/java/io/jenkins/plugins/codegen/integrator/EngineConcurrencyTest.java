package io.jenkins.plugins.codegen.integrator;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.health.HealthMonitor;
import io.jenkins.plugins.codegen.stats.Statistics;
import io.jenkins.plugins.codegen.stats.StatisticsSnapshot;
import io.jenkins.plugins.codegen.testing.CountingLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine end to end with many tasks at once: independent results, shared figures, the bridge limit. */
class EngineConcurrencyTest extends EngineTestBase {
    @Test
    void twentyTasksAtOnceKeepIndependentResultsAndExactStatistics() throws Exception {
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            specs.add(unique(i % 5 == 0 ? "failed" : i % 7 == 0 ? "no_pr" : "success;polls=" + (1 + i % 3)));
        }
        Statistics statistics = new Statistics();
        HealthMonitor health = new HealthMonitor(statistics);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<TaskResult>> futures = new ArrayList<>();
            for (String spec : specs) {
                CodegenIntegrator engine = CodegenIntegrator.builder(settings(spec).build(), launcher)
                        .monitoring(statistics, health).build();
                futures.add(pool.submit(() -> engine.processTask(task("Task " + spec), context())));
            }
            List<TaskResult> results = new ArrayList<>();
            for (Future<TaskResult> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            for (int i = 0; i < 20; i++) {
                TaskResult result = results.get(i);
                assertThat(result.title()).isEqualTo("Task " + specs.get(i));
                assertThat(SIMULATOR.runs(specs.get(i))).singleElement()
                        .satisfies(run -> assertThat(run.get("id")).isEqualTo(result.runId().intValue()));
                boolean failed = specs.get(i).startsWith("failed");
                assertThat(result.succeeded()).isEqualTo(!failed);
                assertThat(result.prUrl() != null).isEqualTo(specs.get(i).startsWith("success"));
            }
            StatisticsSnapshot stats = statistics.snapshot();
            assertThat(stats.requests()).isEqualTo(20);
            assertThat(stats.successes()).isEqualTo(16);
            assertThat(stats.failures()).isEqualTo(4);
            assertThat(stats.errorsByType()).containsExactly(Map.entry(ErrorType.TASK_FAILED, 4L));
            assertThat(stats.successRate()).isEqualTo(0.8);
            assertThat(stats.p95ResponseTimeMs()).isGreaterThanOrEqualTo(stats.averageResponseTimeMs() / 2);
            assertThat(results.stream().map(TaskResult::runId).distinct()).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBridgeLimitHoldsAcrossIntegrators() throws Exception {
        // A controller builds one integrator per task, so the limit must hold between integrators.
        CountingLauncher counting = new CountingLauncher(launcher);
        BridgeSlots slots = new BridgeSlots();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<TaskResult>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                CodegenIntegrator engine = CodegenIntegrator.builder(
                        settings(unique("success;polls=2")).maxConcurrentBridges(2).build(), counting)
                        .bridgeSlots(slots).build();
                futures.add(pool.submit(() -> engine.processTask(task("Limited"), context())));
            }
            for (Future<TaskResult> future : futures) {
                assertThat(future.get(120, TimeUnit.SECONDS).succeeded()).isTrue();
            }
            assertThat(counting.started()).isEqualTo(6);
            assertThat(counting.peak()).isEqualTo(2);
            assertThat(slots.running()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void trackingOffKeepsTasksOutOfTheSharedStatistics() throws Exception {
        Statistics shared = new Statistics();
        String spec = unique("success");
        for (boolean tracking : new boolean[] {true, false}) {
            try (CodegenIntegrator engine = CodegenIntegrator.builder(settings(spec).tracking(tracking).build(),
                    launcher).monitoring(shared, new HealthMonitor(shared)).build()) {
                engine.processTask(task("Add input validation"), context());
                assertThat(engine.getStatistics().successes()).as("its own figures either way").isEqualTo(1);
            }
        }
        assertThat(shared.snapshot().requests()).as("only the tracked task").isEqualTo(1);
    }
}
