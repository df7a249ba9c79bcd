package io.jenkins.plugins.codegen.bridge;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge's folder protocol as the engine follows it: what happens between the files and the
 * engine when lines arrive in halves, a result lands mid-read, the bridge dies, the agent goes away.
 */
class FileProtocolTest {
    private static final String TOKEN = "cg-files-token-3c9e1a7b5d";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    @TempDir
    Path temp;

    private final LocalBridgeLauncher local = new LocalBridgeLauncher();
    private final List<BridgeEvent> events = new CopyOnWriteArrayList<>();
    private final HookedLauncher launcher = new HookedLauncher(local, events);

    @AfterEach
    void tearDown() throws Exception {
        local.close();
    }

    private BridgeRequest.Builder run(String spec) {
        return BridgeRequest.builder(BridgeCommand.RUN, SIMULATOR.url(spec), 1)
                .prompt("# Add input validation\nValidate the signup form.")
                .clientRequestId("files-" + spec)
                .deadline(Duration.ofSeconds(60))
                .requestTimeout(Duration.ofSeconds(2))
                .lookupGrace(Duration.ofMillis(50))
                .poll(new BridgeRequest.PollSettings(Duration.ofMillis(50), Duration.ofMillis(50), 0, Duration.ZERO));
    }

    private PythonBridge bridge(String python) {
        return new PythonBridge(launcher, python, Map.of(),
                new PythonBridge.Limits(1 << 20, 1 << 16, Duration.ofSeconds(2), Duration.ofMillis(1500)));
    }

    private BridgeResult execute(BridgeRequest request) throws Exception {
        return bridge(TestPython.interpreter()).execute(request, TOKEN, events::add);
    }

    private CodegenException failure(BridgeRequest request) {
        return catchThrowableOfType(CodegenException.class, () -> execute(request));
    }

    @Test
    void halfWrittenLinesAndAResultThatLandsMidReadAreFollowedWhole() throws Exception {
        // A bridge that writes an event in two halves, then its last event and the result together.
        String python = TestPython.fakeInterpreter(temp, "halves", "("
                + "echo '{\"event\":\"start\"}' >> events.jsonl; sleep 0.3; "
                + "printf '{\"event\":\"created\",\"run_id\":7,' >> events.jsonl; sleep 0.5; "
                + "echo '\"web_url\":\"https://codegen.com/agent/trace/7\"}' >> events.jsonl; sleep 0.3; "
                + "echo '{\"event\":\"status\",\"run_id\":7,\"status\":\"COMPLETE\",\"previous\":\"ACTIVE\"}' >> events.jsonl; "
                + "echo '{\"event\":\"result\",\"run\":{\"id\":7,\"status\":\"COMPLETE\"},\"stats\":{\"requests\":3}}' "
                + "> result.json.tmp; mv result.json.tmp result.json) > /dev/null 2>&1 & echo $! > pid");
        BridgeResult result = bridge(python).execute(run(unique("success")).build(), TOKEN, events::add);
        assertThat(result.agentRun().orElseThrow().id()).isEqualTo(7);
        assertThat(events).extracting(BridgeEvent::type).containsExactly("start", "created", "status");
        assertThat(events.get(1).text("web_url")).contains("https://codegen.com/agent/trace/7");
    }

    @Test
    void aResultWrittenWhileTheEventsAreBeingReadLosesNoEvent() throws Exception {
        // The engine looks for the result (none yet), then reads the events: the bridge writes its
        // last event and renames its result into place in between. That event still arrives, and
        // arrives before the result is returned.
        String python = TestPython.fakeInterpreter(temp, "racer", "("
                + "echo '{\"event\":\"start\"}' >> events.jsonl; "
                + "while [ ! -f go ]; do sleep 0.01; done; "
                + "echo '{\"event\":\"status\",\"run_id\":7,\"status\":\"COMPLETE\"}' >> events.jsonl; "
                + "echo '{\"event\":\"result\",\"run\":{\"id\":7,\"status\":\"COMPLETE\"}}' > result.json.tmp; "
                + "mv result.json.tmp result.json) > /dev/null 2>&1 & echo $! > pid");
        launcher.beforeRead = (name, folder) -> {
            if (name.equals(BridgeFiles.EVENTS) && !events.isEmpty() && !Files.exists(folder.resolve("go"))) {
                Files.createFile(folder.resolve("go"));
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!Files.exists(folder.resolve(BridgeFiles.RESULT)) && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        };
        BridgeResult result = bridge(python).execute(run(unique("success")).build(), TOKEN, events::add);
        assertThat(result.agentRun().orElseThrow().status()).isEqualTo("COMPLETE");
        assertThat(events).extracting(BridgeEvent::type).containsExactly("start", "status");
    }

    @Test
    void theSecretsFileIsOwnerOnlyFromItsCreationAndGoneOnceTheBridgeStarted() throws Exception {
        AtomicReference<Set<PosixFilePermission>> permissions = new AtomicReference<>();
        AtomicReference<Boolean> presentAtStart = new AtomicReference<>();
        AtomicReference<Path> folder = new AtomicReference<>();
        launcher.beforeLaunch = path -> {
            folder.set(path);
            permissions.set(Files.getPosixFilePermissions(path.resolve(BridgeFiles.SECRETS)));
        };
        BridgeResult result = bridge(TestPython.interpreter()).execute(run(unique("success")).build(), TOKEN, event -> {
            if (event.type().equals("start")) {
                presentAtStart.set(Files.exists(folder.get().resolve(BridgeFiles.SECRETS)));
            }
        });
        assertThat(result.pullRequest()).isPresent();
        assertThat(permissions.get()).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(presentAtStart.get()).as("secrets file present when the bridge said it started").isFalse();
        assertThat(launcher.launches).allSatisfy(command -> assertThat(String.join(" ", command)).doesNotContain(TOKEN));
    }

    @Test
    void secretsAreCreatedOwnerOnlyByTheCreationItself() throws Exception {
        Path file = temp.resolve("secret");
        LocalBridgeFolder.writeOwnerOnly(file, "x".getBytes());
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        // Created, never replaced: a file someone else put there first is refused, not reused.
        assertThat(catchThrowableOfType(java.nio.file.FileAlreadyExistsException.class,
                () -> LocalBridgeFolder.writeOwnerOnly(file, "y".getBytes()))).isNotNull();
    }

    @Test
    void aBridgeThatDiesWithoutAResultIsAClearErrorNamingTheRun() throws Exception {
        String spec = unique("success;duration=3600");
        launcher.onEvent = null;
        AtomicReference<Path> folder = new AtomicReference<>();
        launcher.beforeLaunch = folder::set;
        CodegenException e = catchThrowableOfType(CodegenException.class, () -> bridge(TestPython.interpreter())
                .execute(run(spec).build(), TOKEN, event -> {
                    events.add(event);
                    if (event.type().equals("created")) {
                        killBridge(folder.get());
                    }
                }));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.PYTHON);
        assertThat(e.getMessage()).contains("stopped without writing a result");
        Long runId = events.stream().filter(ev -> ev.type().equals("created")).findFirst().orElseThrow()
                .runId().orElseThrow();
        assertThat(e.getRunId()).contains(runId);
        assertThat(e.getGuidance()).contains("Agent run " + runId + " may still be working");
    }

    @Test
    void attachFollowsAnExistingRunAndNeverCreatesOne() throws Exception {
        String spec = unique("success;polls=3");
        long runId = execute(run(spec).build()).agentRun().orElseThrow().id();
        events.clear();
        BridgeResult attached = execute(run(spec).resumeRunId(runId).build());
        assertThat(attached.agentRun().orElseThrow().id()).isEqualTo(runId);
        assertThat(events).filteredOn(e -> e.type().equals("created")).singleElement()
                .satisfies(e -> assertThat(e.text("how")).contains("resumed"));
        assertThat(attached.stats().requestsIn("create")).isZero();
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void aLauncherThatFailsMidFollowIsALostMachineNamingTheRun() throws Exception {
        String spec = unique("success;polls=40");
        // Remoting's RequestAbortedException, when the agent goes away, is a RuntimeException.
        launcher.onEvent = "created";
        launcher.failure = () -> new IllegalStateException("hudson.remoting.RequestAbortedException: agent went away");
        launcher.deleteFails = true;
        CodegenException e = failure(run(spec).build());
        assertThat(e.getErrorType()).isEqualTo(ErrorType.BRIDGE_LOST);
        assertThat(e.getMessage()).contains("Lost the machine that ran the bridge").contains("agent went away");
        Long runId = events.stream().filter(ev -> ev.type().equals("created")).findFirst().orElseThrow()
                .runId().orElseThrow();
        assertThat(e.getRunId()).contains(runId);
        assertThat(e.getWebUrl()).hasValueSatisfying(url -> assertThat(url).startsWith("http"));
        assertThat(e.getCreateOutcome()).isEqualTo(CreateOutcome.CREATED);
        assertThat(e.getGuidance()).contains("Agent run " + runId + " may still be working");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void aChannelClosedWhileFollowingIsALostMachineToo() throws Exception {
        launcher.onEvent = "start";
        launcher.failure = () -> new IOException("hudson.remoting.ChannelClosedException: channel is already closed");
        CodegenException e = failure(run(unique("success;polls=40")).build());
        assertThat(e.getErrorType()).isEqualTo(ErrorType.BRIDGE_LOST);
        assertThat(e.getMessage()).contains("channel is already closed");
    }

    @Test
    void aBridgeLostTrackOfIsFollowedAgainFromItsStateWithoutASecondRun() throws Exception {
        String spec = unique("success;polls=40");
        AtomicReference<BridgeState> state = new AtomicReference<>();
        launcher.onEvent = "created";
        launcher.failure = () -> new IOException("hudson.remoting.ChannelClosedException: the agent went away");
        CodegenException lost = catchThrowableOfType(CodegenException.class, () -> bridge(TestPython.interpreter())
                .execute(run(spec).build(), TOKEN, new BridgeListener() {
                    @Override
                    public void onEvent(BridgeEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void onStarted(BridgeState started) {
                        state.set(started);
                    }
                }));
        assertThat(lost.getErrorType()).isEqualTo(ErrorType.BRIDGE_LOST);
        // Its folder is not removed (could it be reached): the bridge may still be working there.
        assertThat(Path.of(state.get().folder()).resolve(BridgeFiles.REQUEST)).exists();

        // The agent is back. What the caller kept (serialized, as a durable step keeps it) finds the bridge.
        launcher.onEvent = null;
        launcher.deleteFails = false;
        BridgeState kept = roundTrip(state.get());
        List<BridgeEvent> again = new CopyOnWriteArrayList<>();
        BridgeResult result = bridge(TestPython.interpreter()).reattach(kept, run(spec).build(), TOKEN, again::add);
        assertThat(result.agentRun().orElseThrow().id()).isEqualTo(lost.getRunId().orElseThrow());
        assertThat(result.pullRequest()).isPresent();
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(Path.of(kept.folder())).doesNotExist();
    }

    private static BridgeState roundTrip(BridgeState state) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (BridgeState) in.readObject();
        }
    }

    @Test
    void aFinishedResultWinsOverAFailingEventsRead() throws Exception {
        // The events cannot be read any more, but the result is there: the task succeeded.
        launcher.beforeRead = (name, folder) -> {
            if (name.equals(BridgeFiles.EVENTS) && Files.exists(folder.resolve(BridgeFiles.RESULT))) {
                throw new IOException("events unreadable");
            }
        };
        BridgeResult result = execute(run(unique("success;polls=2")).build());
        assertThat(result.pullRequest()).isPresent();
    }

    /** A thread that runs an hour-long task under {@code spec} and keeps what it throws. */
    private Thread longRun(String spec, AtomicReference<Throwable> thrown) {
        return new Thread(() -> {
            try {
                execute(run(spec).poll(BridgeRequest.PollSettings.DEFAULT).deadline(Duration.ofHours(1)).build());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
    }

    @Test
    void theStopFileEndsTheBridgeWithoutAKill() throws Exception {
        String spec = unique("success;duration=3600");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = longRun(spec, thrown);
        AtomicReference<Path> folder = new AtomicReference<>();
        AtomicReference<String> result = new AtomicReference<>();
        launcher.beforeLaunch = folder::set;
        launcher.beforeDelete = path -> result.set(Files.exists(path.resolve(BridgeFiles.RESULT))
                ? Files.readString(path.resolve(BridgeFiles.RESULT)) : null);
        worker.start();
        while (events.stream().noneMatch(e -> e.type().equals("created"))) {
            assertThat(worker.isAlive()).isTrue();
            Thread.sleep(10);
        }
        worker.interrupt();
        worker.join(10_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(launcher.kills).as("the bridge honoured the stop file").isZero();
        assertThat(result.get()).contains("\"type\":\"aborted\"").contains("may still be working");
        assertThat(Files.exists(folder.get())).isFalse();
    }

    @Test
    void anAbortThatLandsInAFileReadIsAnAbortNotALostMachine() throws Exception {
        // The bridge runs on this machine (the CLI, a build on the controller): an interrupt during a
        // read closes the file under it, and the read fails with ClosedByInterruptException.
        String spec = unique("success;duration=3600");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean pressed = new java.util.concurrent.atomic.AtomicBoolean();
        launcher.beforeRead = (name, folder) -> {
            if (name.equals(BridgeFiles.EVENTS) && events.stream().anyMatch(e -> e.type().equals("created"))
                    && pressed.compareAndSet(false, true)) {
                Thread.currentThread().interrupt();
            }
        };
        AtomicReference<String> result = new AtomicReference<>();
        launcher.beforeDelete = path -> result.set(Files.exists(path.resolve(BridgeFiles.RESULT))
                ? Files.readString(path.resolve(BridgeFiles.RESULT)) : null);
        Thread worker = longRun(spec, thrown);
        worker.start();
        worker.join(30_000);
        assertThat(pressed).isTrue();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class)
                .hasRootCauseInstanceOf(java.nio.channels.ClosedByInterruptException.class);
        assertThat(result.get()).as("the bridge was asked to stop, and did")
                .contains("\"type\":\"aborted\"").contains("may still be working");
    }

    @Test
    void aFolderThatCannotBeRemovedNeverReplacesTheResult() throws Exception {
        launcher.deleteFails = true;
        BridgeResult result = execute(run(unique("success")).build());
        assertThat(result.pullRequest()).isPresent();
    }

    private static void killBridge(Path folder) {
        try {
            long pid = Long.parseLong(Files.readString(folder.resolve(BridgeFiles.PID)).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
