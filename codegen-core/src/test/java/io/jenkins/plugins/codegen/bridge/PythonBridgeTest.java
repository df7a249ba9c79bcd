package io.jenkins.plugins.codegen.bridge;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonBridgeTest {
    private static final String TOKEN = "cg-java-token-8d1e0b3f7a";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    @TempDir
    Path temp;

    private LocalBridgeLauncher launcher;
    private final List<BridgeEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        launcher = new LocalBridgeLauncher();
    }

    @AfterEach
    void tearDown() throws Exception {
        launcher.close();
    }

    private BridgeRequest.Builder run(String spec) {
        return BridgeRequest.builder(BridgeCommand.RUN, SIMULATOR.url(spec), 1)
                .prompt("# Add input validation\nValidate the signup form.")
                .clientRequestId("java-" + spec)
                .deadline(Duration.ofSeconds(20))
                .requestTimeout(Duration.ofSeconds(2))
                .lookupGrace(Duration.ofMillis(50))
                .poll(new BridgeRequest.PollSettings(Duration.ofMillis(10), Duration.ofMillis(50), 0.1, Duration.ZERO));
    }

    private BridgeResult execute(BridgeRequest request) throws Exception {
        return new PythonBridge(launcher, TestPython.interpreter()).execute(request, TOKEN, events::add);
    }

    private CodegenException failure(BridgeRequest request) {
        return catchThrowableOfType(CodegenException.class, () -> execute(request));
    }

    @Test
    void runReturnsThePullRequestAndStreamsProgress() throws Exception {
        String spec = unique("success;polls=2;statuses=QUEUED,ACTIVE");
        BridgeResult result = execute(run(spec).build());

        PullRequest pr = result.pullRequest().orElseThrow();
        assertThat(pr.url()).matches("https://github.com/acme/webapp/pull/\\d+");
        assertThat(pr.number()).isEqualTo(Integer.valueOf(pr.url().substring(pr.url().lastIndexOf('/') + 1)));
        assertThat(pr.title()).isEqualTo("Add input validation");
        assertThat(pr.branch()).startsWith("codegen/run-");
        AgentRun run = result.agentRun().orElseThrow();
        assertThat(run.status()).isEqualTo("COMPLETE");
        assertThat(run.webUrl()).startsWith("http");
        assertThat(events).extracting(BridgeEvent::type).startsWith("start", "created").contains("status");
        assertThat(events.stream().filter(e -> e.type().equals("created")).findFirst().orElseThrow().runId())
                .contains(run.id());
        assertThat(result.stats().requestsIn("create")).isEqualTo(1);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void controlCharactersFromTheApiNeverReachAConsole() throws Exception {
        BridgeResult result = execute(run(unique("success;pr_title=Fix\u001B[31m\u0007bug")).build());
        assertThat(result.pullRequest().orElseThrow().title()).isEqualTo("Fix?[31m?bug");
    }

    @Test
    void runWithoutPullRequestIsStillAResult() throws Exception {
        BridgeResult result = execute(run(unique("no_pr")).build());
        assertThat(result.pullRequest()).isEmpty();
        assertThat(result.agentRun().orElseThrow().status()).isEqualTo("COMPLETE");
    }

    @ParameterizedTest(name = "{0} at create")
    @CsvSource({
        "401, AUTHENTICATION, NOT_CREATED, false",
        "402, QUOTA, NOT_CREATED, false",
        "403, PERMISSION, NOT_CREATED, false",
        "404, NOT_FOUND, NOT_CREATED, false",
        "422, VALIDATION, NOT_CREATED, false",
        "429, RATE_LIMIT, NOT_CREATED, true",
        "500, SERVER, UNKNOWN, true",
        "503, SERVER, UNKNOWN, true",
        "drop_after, CONNECTION, UNKNOWN, true",
        "malformed, SERVER, UNKNOWN, true",
        "empty, SERVER, UNKNOWN, true",
    })
    void createFailuresAreTyped(String fault, ErrorType type, CreateOutcome outcome, boolean retryable) {
        CodegenException e = failure(run(unique("fault=" + fault + ";phase=create")).build());
        assertThat(e.getErrorType()).isEqualTo(type);
        assertThat(e.getCreateOutcome()).isEqualTo(outcome);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.getPhase()).contains("create");
        assertThat(e.getGuidance()).isNotBlank();
        assertThat(e.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void rateLimitCarriesTheServersWait() {
        CodegenException e = failure(run(unique("fault=429;phase=create;retry_after=7")).build());
        assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.getHttpStatus()).contains(429);
    }

    @Test
    void agentFailureNamesTheRun() throws Exception {
        String spec = unique("failed");
        CodegenException e = failure(run(spec).build());
        assertThat(e.getErrorType()).isEqualTo(ErrorType.TASK_FAILED);
        assertThat(e.getRunId()).isPresent();
        assertThat(e.getWebUrl()).hasValueSatisfying(url -> assertThat(url).startsWith("http"));
        assertThat(e.getMessage()).contains("FAILED");
    }

    @Test
    void healthReportsUserAndOrganization() throws Exception {
        BridgeRequest request = BridgeRequest.builder(BridgeCommand.HEALTH, SIMULATOR.url(unique("success")), 1).build();
        HealthReport health = execute(request).healthReport().orElseThrow();
        assertThat(health.organizationId()).isEqualTo(1);
        assertThat(health.user()).isNotBlank();
    }

    @Test
    void missingInterpreterIsAPythonError() {
        PythonBridge bridge = new PythonBridge(launcher, temp.resolve("no-such-python").toString());
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> bridge.execute(run(unique("success")).build(), TOKEN, BridgeListener.NONE));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.PYTHON);
        assertThat(e.getMessage()).contains("no-such-python");
        assertThat(e.getGuidance()).contains("Python 3.8");
    }

    @Test
    void crashWithoutResultShowsTheEndOfStderr() throws Exception {
        String python = TestPython.fakeInterpreter(temp, "crash", "echo 'Traceback: boom in line 3' >&2; exit 3");
        CodegenException e = bridgeFailure(python);
        assertThat(e.getErrorType()).isEqualTo(ErrorType.PYTHON);
        assertThat(e.getMessage()).contains("exit code 3").contains("boom in line 3");
    }

    @Test
    void whatAnInterpreterPrintsOnItsOwnNeverDisturbsTheProtocol() throws Exception {
        // A sitecustomize (or a shell profile) that prints: the bridge's stdout is only a log now.
        Path site = Files.createDirectories(temp.resolve("site"));
        Files.writeString(site.resolve("sitecustomize.py"), "print('Welcome to corp python!')\n");
        launcher = new LocalBridgeLauncher(Map.of("PYTHONPATH", site.toString()));
        BridgeResult result = execute(run(unique("success")).build());
        assertThat(result.pullRequest()).isPresent();
        assertThat(events).extracting(BridgeEvent::type).doesNotContain("output");
    }

    @Test
    void anInterpreterThatStartsNoBridgeIsReportedWithWhatItPrinted() throws Exception {
        String python = TestPython.fakeInterpreter(temp, "garbage", "echo 'Welcome to corp python!'; exit 0");
        CodegenException e = bridgeFailure(python);
        assertThat(e.getErrorType()).isEqualTo(ErrorType.PYTHON);
        assertThat(e.getMessage()).contains("without writing a result").contains("Welcome to corp python!");
    }

    @Test
    void linesThatAreNotEventsAreReportedAsSuch() throws Exception {
        String python = TestPython.fakeInterpreter(temp, "stray", "echo 'not an event' >> events.jsonl; "
                + "(sleep 30; :) > /dev/null 2>&1 & echo $! > pid");
        PythonBridge bridge = new PythonBridge(launcher, python, Map.of(),
                new PythonBridge.Limits(1 << 20, 1 << 16, Duration.ofSeconds(1), Duration.ofMillis(1500)));
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> bridge.execute(run(unique("success")).build(), TOKEN, events::add));
        assertThat(e.getMessage()).contains("not part of its protocol").contains("not an event");
        assertThat(events).extracting(BridgeEvent::type).containsExactly("output");
    }

    @Test
    void emptyStdoutIsReportedAsSuch() throws Exception {
        CodegenException e = bridgeFailure(TestPython.fakeInterpreter(temp, "silent", "exit 0"));
        assertThat(e.getMessage()).contains("without writing a result");
    }

    @Test
    void pythonTwoIsRecognised() throws Exception {
        String python = TestPython.fakeInterpreter(temp, "python2",
                "echo '  File \"codegen_bridge.py\", line 40' >&2; echo 'SyntaxError: invalid syntax' >&2; exit 1");
        CodegenException e = bridgeFailure(python);
        assertThat(e.getMessage()).contains("older than 3.8");
    }

    @Test
    void anInterpreterThatCannotStartIsolatedIsRecognisedAsTooOld() throws Exception {
        // What Python 2.7 answers to the -I the bridge starts with.
        String python = TestPython.fakeInterpreter(temp, "python27", "echo 'Unknown option: -I' >&2; "
                + "echo 'usage: python [option] ... [-c cmd | -m mod | file | -] [arg] ...' >&2; exit 2");
        CodegenException e = bridgeFailure(python);
        assertThat(e.getMessage()).contains("older than 3.8");
    }

    @Test
    void commandNotFoundThroughAWrapperIsRecognised() throws Exception {
        String python = TestPython.fakeInterpreter(temp, "shim", "echo 'pyenv: python3: command not found' >&2; exit 127");
        CodegenException e = bridgeFailure(python);
        assertThat(e.getMessage()).contains("not found on the build agent");
    }

    @Test
    void endlessOutputIsCutOff() throws Exception {
        String python = TestPython.fakeInterpreter(temp, "flood",
                "(while :; do echo '{\"event\":\"debug\",\"message\":\"x\"}'; done >> events.jsonl) & echo $! > pid");
        PythonBridge bridge = new PythonBridge(launcher, python, Map.of(),
                new PythonBridge.Limits(64 * 1024, 1024, Duration.ofSeconds(5)));
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> bridge.execute(run(unique("success")).build(), TOKEN, BridgeListener.NONE));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.PYTHON);
        assertThat(e.getMessage()).contains("more than 65536 bytes");
    }

    @Test
    void hangingBridgeIsKilledAtTheDeadline() throws Exception {
        Path pidFile = temp.resolve("pid");
        String python = TestPython.fakeInterpreter(temp, "hang", "(sleep 60; :) & echo $! > pid; echo $! > " + pidFile);
        PythonBridge bridge = new PythonBridge(launcher, python, Map.of(),
                new PythonBridge.Limits(1 << 20, 1 << 16, Duration.ofMillis(200)));
        BridgeRequest request = run(unique("success")).deadline(Duration.ofMillis(300))
                .requestTimeout(Duration.ofMillis(100)).build();
        long started = System.nanoTime();
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> bridge.execute(request, TOKEN, BridgeListener.NONE));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void interruptKillsTheBridgeAtOnce() throws Exception {
        String spec = unique("success;duration=3600");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                execute(run(spec).poll(BridgeRequest.PollSettings.DEFAULT).deadline(Duration.ofHours(1)).build());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        awaitEvent("created");
        List<ProcessHandle> bridges = bridgeProcesses();
        assertThat(bridges).isNotEmpty();
        long interruptedAt = System.nanoTime();
        worker.interrupt();
        worker.join(5000);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        while (bridges.stream().anyMatch(TestPython::running)) {
            assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
            Thread.sleep(10);
        }
    }

    @Test
    void tokenNeverInArgumentsOutputOrFiles() throws Exception {
        String spec = unique("success;polls=3");
        List<String> commandLines = new ArrayList<>();
        Thread worker = new Thread(() -> {
            try {
                execute(run(spec).debug(true).poll(new BridgeRequest.PollSettings(Duration.ofMillis(200),
                        Duration.ofMillis(200), 0, Duration.ZERO)).build());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        worker.start();
        awaitEvent("created");
        List<String> environments = new ArrayList<>();
        for (ProcessHandle bridge : bridgeProcesses()) {
            commandLines.add(bridge.info().commandLine().orElse(""));
            environments.add(Files.readString(Path.of("/proc", Long.toString(bridge.pid()), "environ"),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        worker.join(20_000);
        assertThat(commandLines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(TOKEN));
        assertThat(environments).isNotEmpty().allSatisfy(env -> assertThat(env).doesNotContain(TOKEN));
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.toString()).doesNotContain(TOKEN));
        assertThat(events).extracting(BridgeEvent::type).contains("debug");
        Path folder = launcher.folder();
        try (var files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(TOKEN);
            }
        }
        launcher.close();
        assertThat(folder).doesNotExist();
    }

    @Test
    void sdkBackendWorksWithTheSdkOnThePythonPath() throws Exception {
        launcher = new LocalBridgeLauncher(Map.of("PYTHONPATH", TestPython.pythonTestFolder("sdk_double").toString()));
        String spec = unique("success");
        BridgeResult result = execute(run(spec).backend(Backend.SDK).build());
        assertThat(result.pullRequest()).isPresent();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("backend");
            assertThat(e.text("backend")).contains("sdk");
        });
        assertThat(SIMULATOR.runs(spec).get(0).get("metadata")).isNull();
    }

    @Test
    void sdkBackendWithoutTheSdkSaysHowToInstallIt() {
        CodegenException e = failure(run(unique("success")).backend(Backend.SDK).build());
        assertThat(e.getErrorType()).isEqualTo(ErrorType.IMPORT);
        assertThat(e.getGuidance()).contains("pip install codegen").contains("rest");
    }

    private CodegenException bridgeFailure(String python) {
        PythonBridge bridge = new PythonBridge(launcher, python);
        return catchThrowableOfType(CodegenException.class,
                () -> bridge.execute(run(unique("success")).build(), TOKEN, events::add));
    }

    private void awaitEvent(String type) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (events.stream().noneMatch(e -> e.type().equals(type))) {
            assertThat(System.nanoTime()).as("waiting for a '%s' event", type).isLessThan(until);
            Thread.sleep(10);
        }
    }

    /** The processes running the bridge in this test's launcher folder (detached: no longer this JVM's children). */
    private List<ProcessHandle> bridgeProcesses() {
        String folder = launcher.folder().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("import codegen_bridge"))
                .filter(p -> p.info().commandLine().orElse("").contains(folder))
                .toList();
    }

    @Test
    void invalidRequestFieldIsAValidationError() {
        BridgeRequest request = BridgeRequest.builder(BridgeCommand.RUN, "ftp://nowhere", 1).prompt("x").build();
        assertThatThrownBy(() -> execute(request))
                .isInstanceOfSatisfying(CodegenException.class,
                        e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION))
                .hasMessageContaining("api_url");
    }
}
