package io.jenkins.plugins.codegen.reliability;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault the Codegen API or the network can produce, in every phase, against the whole
 * engine: what the user is told, whether it was retried, how many attempts it took, how it ended,
 * and how many agent runs exist afterwards (never more than one). The table it collects is written
 * to docs/reliability.md, so the document always says what the code does.
 *
 * <p>Engine and simulator both run 20 times faster than real time: a 5-second request timeout is
 * 250 ms, a 1-second backoff 50 ms.
 */
class FaultMatrixTest {
    private static final String TOKEN = "cg-matrix-token-0e5d7a";
    private static final double SCALE = 20;
    private static final List<MatrixRow> ROWS = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension(SimulatorOptions.DEFAULT.withTimeScale(SCALE));

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

    @AfterAll
    static void writeTable() throws Exception {
        ReliabilityDoc.replaceSection("fault-matrix", MatrixRow.table(ROWS));
    }

    /** A fault the simulator injects, how the engine classifies it, and whether a retry can help. */
    record Fault(String name, String spec, ErrorType type, boolean transientFault) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Fault> FAULTS = List.of(
            new Fault("401 Unauthorized", "fault=401", ErrorType.AUTHENTICATION, false),
            new Fault("402 Payment Required", "fault=402", ErrorType.QUOTA, false),
            new Fault("403 Forbidden", "fault=403", ErrorType.PERMISSION, false),
            new Fault("404 Not Found", "fault=404", ErrorType.NOT_FOUND, false),
            new Fault("422 Unprocessable", "fault=422", ErrorType.VALIDATION, false),
            new Fault("429 with Retry-After", "fault=429;retry_after=2", ErrorType.RATE_LIMIT, true),
            new Fault("429 without Retry-After", "fault=429_no_retry_after", ErrorType.RATE_LIMIT, true),
            new Fault("500 Internal Server Error", "fault=500", ErrorType.SERVER, true),
            new Fault("502 Bad Gateway (HTML)", "fault=502", ErrorType.SERVER, true),
            new Fault("503 Service Unavailable", "fault=503", ErrorType.SERVER, true),
            new Fault("slow answer past the request timeout", "fault=slow;delay=8", ErrorType.TIMEOUT, true),
            new Fault("dropped before the server stored it", "fault=drop_before", ErrorType.CONNECTION, true),
            new Fault("dropped after the server stored it", "fault=drop_after", ErrorType.CONNECTION, true),
            new Fault("malformed JSON", "fault=malformed", ErrorType.SERVER, true),
            new Fault("empty body", "fault=empty", ErrorType.SERVER, true));

    static Stream<Arguments> runPhases() {
        return FAULTS.stream().flatMap(f -> Stream.of(Arguments.of(f, "create"), Arguments.of(f, "poll")));
    }

    private CodegenSettings.Builder settings(String apiUrl) {
        return CodegenSettings.builder().token(TOKEN).orgId(1L).apiUrl(apiUrl).pythonPath(TestPython.interpreter())
                .timeScale(SCALE).pollInterval(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(5));
    }

    private TaskResult run(String apiUrl) throws Exception {
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings(apiUrl).build(), launcher).build()) {
            return engine.processTask(task(), context(), progress::add);
        }
    }

    static CodegenTask task() {
        return CodegenTask.builder().title("Add input validation").description("Validate the signup form.")
                .requirements(List.of("Reject empty e-mail addresses")).build();
    }

    static TaskContext context() {
        return new TaskContext(new CodebaseContext("acme/webapp", "main", List.of(), List.of()), ProjectContext.empty());
    }

    /** The type of the first failure: from a retry, a rate-limit wait inside the bridge, or the final error. */
    private ErrorType firstFailure(TaskResult result) {
        for (Progress p : progress) {
            if (p.kind() == Progress.Kind.RETRY) {
                return p.error().orElseThrow();
            }
            if (p.bridgeEvent().map(e -> e.type().equals("wait")).orElse(false)) {
                return ErrorType.RATE_LIMIT;
            }
        }
        return result.errorType();
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("runPhases")
    void faultDuringARun(Fault fault, String phase) throws Exception {
        String spec = unique(fault.spec() + ";phase=" + phase + ";times=1;polls=2");
        TaskResult result = run(SIMULATOR.url(spec));
        int runs = SIMULATOR.runs(spec).size();
        ErrorType seen = firstFailure(result);

        assertThat(runs).as("agent runs after %s at %s", fault, phase).isLessThanOrEqualTo(1);
        assertThat(seen).as("classification").isEqualTo(fault.type());
        if (fault.transientFault()) {
            assertThat(result.succeeded()).as("a single transient fault is survived").isTrue();
            assertThat(runs).isEqualTo(1);
        } else {
            assertThat(result.succeeded()).isFalse();
            assertThat(result.attempts()).as("not retried").isEqualTo(1);
            assertThat(result.guidance()).isNotBlank();
            assertThat(runs).isEqualTo(phase.equals("create") ? 0 : 1);
        }
        assertThat(result.errorMessage() == null ? "" : result.errorMessage()).doesNotContain(TOKEN);
        ROWS.add(MatrixRow.of(fault.name(), phase, seen, retriedHow(result), result, runs));
    }

    private String retriedHow(TaskResult result) {
        if (result.attempts() > 1) {
            return "yes";
        }
        boolean waited = progress.stream().anyMatch(p -> p.bridgeEvent().map(e -> e.type().equals("wait")).orElse(false));
        return waited ? "waited in the bridge" : "no";
    }

    @ParameterizedTest(name = "{0} at health")
    @MethodSource("faults")
    void faultDuringAHealthCheck(Fault fault) throws Exception {
        String spec = unique(fault.spec() + ";phase=health;times=1");
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings(SIMULATOR.url(spec)).build(), launcher)
                .build()) {
            CodegenException e = org.assertj.core.api.Assertions.catchThrowableOfType(CodegenException.class,
                    engine::checkConnection);
            assertThat(e.getErrorType()).isEqualTo(fault.type());
            assertThat(e.getGuidance()).isNotBlank();
            ROWS.add(MatrixRow.health(fault.name(), e));
        }
        assertThat(SIMULATOR.runs(spec)).isEmpty();
    }

    static Stream<Fault> faults() {
        return FAULTS.stream();
    }

    @ParameterizedTest(name = "agent run ends {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"failed", "error", "cancelled"})
    void agentRunEndsWithoutSuccess(String outcome) throws Exception {
        String spec = unique(outcome + ";polls=2");
        TaskResult result = run(SIMULATOR.url(spec));
        assertThat(result.errorType()).isEqualTo(ErrorType.TASK_FAILED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.webUrl()).isNotNull();
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        ROWS.add(MatrixRow.of("agent run ends " + outcome.toUpperCase(java.util.Locale.ROOT), "run end",
                result.errorType(), "no", result, 1));
    }

    @Test
    void connectionRefusedAtCreate() throws Exception {
        TaskResult result = run("http://127.0.0.1:" + closedPort());
        assertThat(result.errorType()).isEqualTo(ErrorType.CONNECTION);
        assertThat(result.attempts()).as("retried: nothing was sent").isEqualTo(4);
        ROWS.add(MatrixRow.of("connection refused", "create", result.errorType(), "yes", result, 0));
    }

    @Test
    void connectionRefusedWhilePolling() throws Exception {
        AtomicInteger runsAtCreate = new AtomicInteger(-1);
        try (LocalBridgeLauncher ownLauncher = new LocalBridgeLauncher();
             SimulatorServer doomed = SimulatorServer.start(ownLauncher, TestPython.interpreter(),
                     SimulatorOptions.scenario("success;polls=1000").withTimeScale(SCALE))) {
            try (CodegenIntegrator engine = CodegenIntegrator.builder(settings(doomed.baseUrl()).build(), launcher)
                    .build()) {
                TaskResult result = engine.processTask(task(), context(), p -> {
                    progress.add(p);
                    if (p.kind() == Progress.Kind.RUN_CREATED) {
                        runsAtCreate.set(1);
                        doomed.close(); // the API goes away while the run is being followed
                    }
                });
                assertThat(result.errorType()).isEqualTo(ErrorType.CONNECTION);
                assertThat(result.runId()).as("the run is still named").isNotNull();
                assertThat(result.attempts()).isEqualTo(4);
                assertThat(progress).filteredOn(p -> p.kind() == Progress.Kind.ATTEMPT)
                        .allSatisfy(p -> assertThat(p.message()).contains("following agent run " + result.runId()));
                ROWS.add(MatrixRow.of("connection refused", "poll", result.errorType(), "yes", result,
                        runsAtCreate.get()));
            }
        }
    }

    @Test
    void connectionRefusedAtHealth() throws Exception {
        try (CodegenIntegrator engine = CodegenIntegrator.builder(
                settings("http://127.0.0.1:" + closedPort()).build(), launcher).build()) {
            CodegenException e = org.assertj.core.api.Assertions.catchThrowableOfType(CodegenException.class,
                    engine::checkConnection);
            assertThat(e.getErrorType()).isEqualTo(ErrorType.CONNECTION);
            ROWS.add(MatrixRow.health("connection refused", e));
        }
    }

    @Test
    void persistentFaultsEndTheTaskWithoutARun() throws Exception {
        String spec = unique("fault=503;phase=create;times=all");
        TaskResult result = run(SIMULATOR.url(spec));
        assertThat(result.errorType()).isEqualTo(ErrorType.SERVER);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(SIMULATOR.runs(spec)).isEmpty();
        ROWS.add(MatrixRow.of("503 on every create", "create", result.errorType(), "yes", result, 0));

        String limited = unique("fault=429;phase=create;times=all;retry_after=1");
        TaskResult rateLimited;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(
                // 90 simulated seconds are 4.5 real ones: room for several bridge starts on a busy machine.
                settings(SIMULATOR.url(limited)).maxRetries(1).timeout(Duration.ofSeconds(90)).build(), launcher)
                .build()) {
            rateLimited = engine.processTask(task(), context(), progress::add);
        }
        assertThat(rateLimited.errorType()).isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(rateLimited.attempts()).as("429s are waited out until the timeout, beyond maxRetries")
                .isGreaterThan(2);
        assertThat(SIMULATOR.runs(limited)).isEmpty();
        ROWS.add(new MatrixRow("429 on every create (maxRetries 1)", "create", "rate_limit",
                "yes, until the timeout", "more than maxRetries + 1", "FAILED (rate_limit)", 0));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One line of the table. */
    record MatrixRow(String fault, String phase, String errorType, String retried, String attempts, String outcome,
                     int runs) {
        static MatrixRow of(String fault, String phase, ErrorType type, String retried, TaskResult result, int runs) {
            String outcome = result.succeeded() ? "SUCCEEDED" : "FAILED (" + result.errorType().wireName() + ")";
            return new MatrixRow(fault, phase, type.wireName(), retried, String.valueOf(result.attempts()), outcome,
                    runs);
        }

        static MatrixRow health(String fault, CodegenException e) {
            return new MatrixRow(fault, "health", e.getErrorType().wireName(), "no (a check reports, it does not retry)",
                    "1", "FAILED (" + e.getErrorType().wireName() + ")", 0);
        }

        static String table(List<MatrixRow> rows) {
            List<String> phases = List.of("create", "poll", "run end", "health");
            List<MatrixRow> sorted = new ArrayList<>(rows);
            sorted.sort(java.util.Comparator.comparing((MatrixRow r) -> phases.indexOf(r.phase()))
                    .thenComparing(r -> faultOrder(r.fault())));
            StringBuilder table = new StringBuilder()
                    .append("| fault | phase | error type | retried | attempts | outcome | agent runs after |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (MatrixRow r : sorted) {
                table.append("| ").append(String.join(" | ", r.fault(), r.phase(), r.errorType(), r.retried(),
                        r.attempts(), r.outcome(), String.valueOf(r.runs()))).append(" |\n");
            }
            return table.toString();
        }

        private static String faultOrder(String fault) {
            for (int i = 0; i < FAULTS.size(); i++) {
                if (FAULTS.get(i).name().equals(fault)) {
                    return String.format("%03d", i);
                }
            }
            return "999 " + fault;
        }
    }
}
