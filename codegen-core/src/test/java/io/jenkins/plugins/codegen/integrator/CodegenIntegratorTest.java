package io.jenkins.plugins.codegen.integrator;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.bridge.HealthReport;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.health.HealthStatus;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.testing.TestPython;
import io.jenkins.plugins.codegen.watch.PollPolicy;
import io.jenkins.plugins.codegen.watch.Watcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The whole engine (validation, optimizer, retry manager, bridge, simulator) end to end: what a task
 * brings back, how it fails, mock mode, an abort, the connection check. Retries are in
 * {@link EngineRetryTest}, many tasks at once in {@link EngineConcurrencyTest}.
 */
class CodegenIntegratorTest extends EngineTestBase {
    @Test
    @SuppressWarnings("unchecked")
    void successBringsBackThePullRequestAndTheFigures() throws Exception {
        String spec = unique("success;polls=2");
        TaskResult result = process(spec);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.prUrl()).matches("https://github.com/acme/webapp/pull/\\d+");
        assertThat(result.prNumber()).isPositive();
        assertThat(result.prTitle()).isNotBlank();
        assertThat(result.branch()).startsWith("codegen/run-");
        assertThat(result.runStatus()).isEqualTo("COMPLETE");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.promptLevel()).isEqualTo("standard");
        assertThat(result.promptLength()).isPositive().isEqualTo(result.prompt().length());
        assertThat(result.apiRequests()).isGreaterThanOrEqualTo(3); // repository, create, polls
        assertThat(progress).extracting(Progress::kind).startsWith(Progress.Kind.PROMPT)
                .contains(Progress.Kind.RUN_CREATED).endsWith(Progress.Kind.SUCCEEDED);
        Map<String, Object> run = SIMULATOR.runs(spec).get(0);
        assertThat(run.get("id")).isEqualTo(result.runId().intValue());
        assertThat(run.get("prompt")).isEqualTo(result.prompt());
        assertThat((Map<String, Object>) run.get("metadata")).containsEntry("source", "codegen-jenkins")
                .containsEntry("task_id", "task-123").containsKey("client_request_id");
    }

    @Test
    void resultMapHoldsOnlyPlainTypes() throws Exception {
        Map<String, Object> map = process(unique("success")).toMap();
        assertThat(map).containsKeys("status", "prUrl", "prNumber", "branch", "runId", "webUrl", "attempts",
                "responseTimeMs", "errorType", "guidance");
        assertThat(map.values()).allSatisfy(v -> assertThat(v == null || v instanceof String || v instanceof Number
                || v instanceof Boolean || v instanceof List).isTrue());
    }

    @Test
    void notWaitingEndsAsSoonAsTheRunExistsAndTheWatcherFollowsItToItsEnd() throws Exception {
        String spec = unique("success;polls=3");
        TaskResult result;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings(spec).build(), launcher).waitForRun(false)
                .build()) {
            result = engine.processTask(task("Add input validation"), context(), progress::add);
        }

        assertThat(result.status()).isEqualTo(TaskStatus.ACTIVE);
        assertThat(result.active()).isTrue();
        assertThat(result.failed()).isFalse();
        assertThat(result.toMap()).containsEntry("status", "ACTIVE").containsEntry("prUrl", null)
                .containsEntry("runStatus", "ACTIVE");
        assertThat(result.runId()).isPositive();
        assertThat(result.webUrl()).startsWith("http");
        assertThat(progress).extracting(Progress::kind).contains(Progress.Kind.RUN_CREATED)
                .endsWith(Progress.Kind.SUCCEEDED);
        assertThat(progress.get(progress.size() - 1).message()).contains("not waited for");
        assertThat(progress).extracting(Progress::message).filteredOn(line -> line.contains(" created"))
                .as("the run's creation is said once").hasSize(1);
        assertThat(progress).extracting(Progress::kind).doesNotContain(Progress.Kind.STATUS);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);

        try (Watcher watcher = Watcher.builder()
                .poll(new PollPolicy(Duration.ofMillis(20), Duration.ofMillis(50), 0.1)).build()) {
            TaskResult waited = watcher.await(watcher.stateFor(SIMULATOR.url(spec), 1, result.runId(),
                    Duration.ofMinutes(30)), TOKEN, ProgressListener.NONE);
            assertThat(waited.succeeded()).as(waited.errorMessage()).isTrue();
            assertThat(waited.runId()).isEqualTo(result.runId());
            assertThat(waited.prUrl()).startsWith("https://github.com/acme/webapp/pull/");
        }
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void agentFailureIsReportedWithItsRun() throws Exception {
        String spec = unique("failed");
        TaskResult result = process(spec);
        assertThat(result.errorType()).isEqualTo(ErrorType.TASK_FAILED);
        assertThat(result.runStatus()).isEqualTo("FAILED");
        assertThat(result.runId()).isNotNull();
        assertThat(result.webUrl()).startsWith("http");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void invalidTaskSendsNothing() throws Exception {
        String spec = unique("success");
        TaskResult result;
        try (CodegenIntegrator engine = integrator(settings(spec))) {
            result = engine.processTask(task(" "), context(), progress::add);
            assertThat(engine.getStatistics().errorsByType()).containsEntry(ErrorType.VALIDATION, 1L);
        }
        assertThat(result.errorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(result.errorMessage()).contains("title");
        assertThat(result.prompt()).isNull();
        assertThat(SIMULATOR.runs(spec)).isEmpty();
    }

    @Test
    void anOverlongTitleIsRefusedAndTheResultQuotesOnlyItsStart() throws Exception {
        String spec = unique("success");
        String title = "Refactor the billing module ".repeat(400);
        TaskResult result;
        try (CodegenIntegrator engine = integrator(settings(spec))) {
            result = engine.processTask(task(title), context(), progress::add);
        }
        assertThat(result.errorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(result.title()).startsWith("Refactor the billing module").hasSizeLessThan(150);
        assertThat(result.errorMessage()).hasSizeLessThan(300);
    }

    @Test
    void theTimeoutCoversTheWholeTaskAndNamesTheRun() throws Exception {
        String spec = unique("success;polls=100000");
        TaskResult result = process(spec, settings(spec).timeout(Duration.ofSeconds(20)).requestTimeout(Duration.ofSeconds(5)));
        assertThat(result.errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(result.runId()).isNotNull();
        assertThat(result.guidance()).contains(result.webUrl());
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void mockModeNeedsNoTokenAndNoNetwork() throws Exception {
        CodegenSettings mock = CodegenSettings.builder().mock(true).pythonPath(TestPython.interpreter())
                .timeScale(FAST).pollInterval(Duration.ofSeconds(1)).build();
        try (CodegenIntegrator engine = integrator(mock.toBuilder())) {
            TaskResult result = engine.processTask(task("Add input validation"), context(), progress::add);
            assertThat(result.succeeded()).isTrue();
            assertThat(result.prUrl()).contains("/pull/");
            assertThat(result.backend()).startsWith("mock");
            assertThat(engine.checkConnection().organizationId()).isEqualTo(1);
        }
    }

    @Test
    void mockModeWorksWithTheConfiguredOrganizationAndLinksToNoSimulator() throws Exception {
        CodegenSettings mock = CodegenSettings.builder().mock(true).orgId(4242L).pythonPath(TestPython.interpreter())
                .timeScale(FAST).pollInterval(Duration.ofSeconds(1)).build();
        try (CodegenIntegrator engine = integrator(mock.toBuilder())) {
            TaskResult result = engine.processTask(task("Add input validation"), context(), progress::add);
            assertThat(result.succeeded()).as(String.valueOf(result.errorMessage())).isTrue();
            assertThat(result.webUrl()).isNull();
            assertThat(progress).allSatisfy(p -> assertThat(p.agentRunUrl()).isEmpty());
            assertThat(progress).extracting(Progress::message).noneMatch(m -> m.contains("127.0.0.1"));
            assertThat(engine.checkConnection().organizationId()).isEqualTo(4242);
        }
    }

    @Test
    void abortKillsTheBridgeAndNamesTheRunThatMayStillWork() throws Exception {
        String spec = unique("success;polls=100000");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CodegenIntegrator engine = integrator(settings(spec));
        Thread worker = new Thread(() -> {
            try {
                engine.processTask(task("Add input validation"), context(), progress::add);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (progress.stream().noneMatch(p -> p.kind() == Progress.Kind.RUN_CREATED)) {
            assertThat(System.nanoTime()).isLessThan(until);
            Thread.sleep(10);
        }
        List<ProcessHandle> bridges = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("import codegen_bridge")).toList();
        long abortedAt = System.nanoTime();
        worker.interrupt();
        worker.join(5000);
        for (ProcessHandle bridge : bridges) {
            bridge.onExit().get(1, TimeUnit.SECONDS);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - abortedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class).isInstanceOf(TaskAbortedException.class);
        Progress aborted = progress.get(progress.size() - 1);
        assertThat(aborted.kind()).isEqualTo(Progress.Kind.ABORTED);
        assertThat(aborted.runId()).isNotNull();
        assertThat(aborted.message()).contains("may still be working");
        assertThat(engine.getStatistics().aborted()).isEqualTo(1);
        // What a build record keeps of an aborted task: what was known at the abort.
        TaskResult partial = ((TaskAbortedException) thrown.get()).partialResult();
        assertThat(partial.errorType()).isEqualTo(ErrorType.ABORTED);
        assertThat(partial.attempts()).isEqualTo(1);
        assertThat(partial.runId()).isEqualTo(aborted.runId());
        assertThat(partial.prompt()).contains("Add input validation");
        assertThat(partial.promptLength()).isPositive();
    }

    @Test
    void connectionCheckNamesUserAndOrganizationOrTheProblem() throws Exception {
        try (CodegenIntegrator engine = integrator(settings(unique("success")))) {
            HealthReport report = engine.checkConnection();
            assertThat(report.organizationId()).isEqualTo(1);
            assertThat(engine.getHealth().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(engine.getHealth().connected()).isTrue();
        }
        try (CodegenIntegrator engine = integrator(settings(unique("auth_401")))) {
            CodegenException e = catchThrowableOfType(CodegenException.class,
                    engine::checkConnection);
            assertThat(e.getErrorType()).isEqualTo(ErrorType.AUTHENTICATION);
            assertThat(engine.getHealth().status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(engine.getHealth().connected()).isFalse();
            assertThat(engine.getHealth().components().get("api").detail()).contains("authentication");
        }
    }

    @Test
    void statusReadsAnExistingRun() throws Exception {
        String spec = unique("success");
        TaskResult result = process(spec);
        try (CodegenIntegrator engine = integrator(settings(spec))) {
            assertThat(engine.runStatus(result.runId()).firstPullRequest().orElseThrow().url())
                    .isEqualTo(result.prUrl());
            CodegenException e = catchThrowableOfType(CodegenException.class, () -> engine.runStatus(987_654));
            assertThat(e.getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
        }
    }

    @Test
    void invalidSettingsAreRefusedBeforeAnythingRuns() {
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> integrator(CodegenSettings.builder().apiUrl("ftp://example.com").maxRetries(-1)));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getFieldErrors()).extracting(f -> f.field()).contains("apiUrl", "maxRetries", "orgId", "token");
    }
}
