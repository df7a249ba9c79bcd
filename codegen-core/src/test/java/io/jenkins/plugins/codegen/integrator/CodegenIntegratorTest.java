package io.jenkins.plugins.codegen.integrator;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.BridgeScripts;
import io.jenkins.plugins.codegen.bridge.HealthReport;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.health.HealthMonitor;
import io.jenkins.plugins.codegen.health.HealthStatus;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.stats.Statistics;
import io.jenkins.plugins.codegen.stats.StatisticsSnapshot;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.testing.CountingLauncher;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import io.jenkins.plugins.codegen.watch.PollPolicy;
import io.jenkins.plugins.codegen.watch.Watcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole engine (validation, optimizer, retry manager, bridge, simulator) end to end. Settings
 * run the engine's clock 50 times faster, so a 1-second poll interval and 1-second backoff take
 * 20 ms; scenarios are counted in polls, which no clock changes.
 */
class CodegenIntegratorTest {
    private static final String TOKEN = "cg-integrator-token-4b8e2f";
    private static final double FAST = 50;

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    private LocalBridgeLauncher launcher;
    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        launcher = new LocalBridgeLauncher();
    }

    @AfterEach
    void tearDown() throws Exception {
        launcher.close();
    }

    private CodegenSettings.Builder settings(String spec) {
        return CodegenSettings.builder().token(TOKEN).orgId(1L).apiUrl(SIMULATOR.url(spec))
                .pythonPath(TestPython.interpreter()).timeScale(FAST).pollInterval(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(60));
    }

    private CodegenIntegrator integrator(CodegenSettings.Builder settings) throws CodegenException {
        return CodegenIntegrator.builder(settings.build(), launcher).build();
    }

    private TaskResult process(String spec) throws Exception {
        try (CodegenIntegrator engine = integrator(settings(spec))) {
            return engine.processTask(task("Add input validation"), context(), progress::add);
        }
    }

    static CodegenTask task(String title) {
        return CodegenTask.builder().id("task-123").title(title)
                .description("Validate the signup form before it is sent.")
                .requirements(List.of("Reject empty e-mail addresses", "Show the error next to the field"))
                .acceptanceCriteria(List.of("Invalid input never reaches the server"))
                .language("JavaScript").framework("Node.js").testingFramework("Jest").build();
    }

    static TaskContext context() {
        return new TaskContext(new CodebaseContext("acme/webapp", "feature/input-validation",
                List.of("src/form.js"), List.of("express")), ProjectContext.empty());
    }

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
    void createAnswered429ThenAcceptedCreatesExactlyOneRun() throws Exception {
        String spec = unique("fault=429;phase=create;times=1;retry_after=1");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(progress).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Progress.Kind.RETRY);
            assertThat(p.message()).contains("rate_limit");
        });
    }

    @Test
    void createWhoseAnswerWasDroppedAfterTheServerStoredItEndsWithOneRun() throws Exception {
        String spec = unique("fault=drop_after;phase=create;times=1");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(progress).anySatisfy(p -> assertThat(p.message()).contains("created by the earlier attempt"));
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
    void notWaitingStillCreatesExactlyOnceWhenTheCreatesAnswerWasDropped() throws Exception {
        String spec = unique("fault=drop_after;phase=create;times=1;polls=3");
        TaskResult result;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings(spec).build(), launcher).waitForRun(false)
                .build()) {
            result = engine.processTask(task("Add input validation"), context(), progress::add);
        }

        assertThat(result.status()).as(result.errorMessage()).isEqualTo(TaskStatus.ACTIVE);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(SIMULATOR.runs(spec).get(0).get("id")).isEqualTo(result.runId().intValue());
    }

    @Test
    void createDroppedBeforeTheServerStoredItIsCreatedOnce() throws Exception {
        String spec = unique("fault=drop_before;phase=create;times=1");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void serverErrorOnCreateIsRetriedWithoutASecondRun() throws Exception {
        String spec = unique("fault=500;phase=create;times=2");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void pollFailureResumesTheSameRun() throws Exception {
        String spec = unique("fault=503;phase=poll;times=1;polls=2");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(progress).anySatisfy(p -> assertThat(p.message()).contains("following agent run " + result.runId()));
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheRetries() throws Exception {
        String spec = unique("unavailable_503");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.errorType()).isEqualTo(ErrorType.SERVER);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.retryable()).isTrue();
        assertThat(SIMULATOR.runs(spec)).isEmpty();
    }

    @Test
    void authenticationFailureIsNotRetriedAndSaysWhatToDo() throws Exception {
        String spec = unique("auth_401");
        TaskResult result = process(spec);
        assertThat(result.errorType()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.guidance()).contains("codegen.com/token");
        assertThat(result.errorMessage()).doesNotContain(TOKEN);
        assertThat(SIMULATOR.runs(spec)).isEmpty();
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
    void sdkCreateWithUnknownOutcomeIsNotRetried() throws Exception {
        launcher = new LocalBridgeLauncher(Map.of("PYTHONPATH", TestPython.pythonTestFolder("sdk_double").toString()));
        String spec = unique("fault=drop_after;phase=create;times=1");
        TaskResult result = process(spec, settings(spec).backend(Backend.SDK));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.guidance()).contains("https://codegen.com/agents");
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void sdkCreateRefusedWith429IsRetried() throws Exception {
        launcher = new LocalBridgeLauncher(Map.of("PYTHONPATH", TestPython.pythonTestFolder("sdk_double").toString()));
        String spec = unique("fault=429;phase=create;times=1;retry_after=1");
        TaskResult result = process(spec, settings(spec).backend(Backend.SDK));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    private TaskResult process(String spec, CodegenSettings.Builder settings) throws Exception {
        try (CodegenIntegrator engine = integrator(settings)) {
            return engine.processTask(task("Add input validation"), context(), progress::add);
        }
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
