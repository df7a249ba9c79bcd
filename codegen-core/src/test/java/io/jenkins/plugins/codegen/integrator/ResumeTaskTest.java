package io.jenkins.plugins.codegen.integrator;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.BridgeFiles;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task whose caller lost track of it (a controller restart) is picked up again from the state it
 * kept: the bridge that still runs is followed, a bridge that died is replaced by one in attach
 * mode, and the simulator never sees a second create.
 */
class ResumeTaskTest {
    private static final String TOKEN = "cg-resume-token-7d2a9c";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    private final DetachableLauncher launcher = new DetachableLauncher(new LocalBridgeLauncher());
    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        launcher.local.close();
    }

    private CodegenIntegrator integrator(String spec) throws Exception {
        return integrator(spec, Duration.ZERO);
    }

    private CodegenIntegrator integrator(String spec, Duration timeoutUsed) throws Exception {
        return CodegenIntegrator.builder(CodegenSettings.builder().token(TOKEN).orgId(1L).apiUrl(SIMULATOR.url(spec))
                .pythonPath(TestPython.interpreter()).timeScale(50).pollInterval(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(60)).build(), launcher).timeoutUsed(timeoutUsed).build();
    }

    /**
     * Starts the task, and once its agent run exists, lets go of it the way a controller that shuts
     * down does: the bridge goes on, its folder stays. Returns what the caller kept.
     */
    private BridgeState startAndLetGo(String spec) throws Exception {
        AtomicReference<BridgeState> started = new AtomicReference<>();
        CompletableFuture<BridgeState> created = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (CodegenIntegrator engine = integrator(spec)) {
                engine.processTask(CodegenIntegratorTest.task("Add input validation"), CodegenIntegratorTest.context(),
                        new ProgressListener() {
                            @Override
                            public void onProgress(Progress p) {
                                if (p.kind() == Progress.Kind.RUN_CREATED) {
                                    BridgeState s = started.get();
                                    created.complete(new BridgeState(s.folder(), 0, p.runId(), p.webUrl()));
                                }
                            }

                            @Override
                            public void onBridgeStarted(BridgeState state) {
                                started.set(state);
                            }
                        }, new ClientRequestId("resume-" + spec, false));
            } catch (Exception e) {
                created.completeExceptionally(e);
            }
        });
        thread.start();
        BridgeState kept = created.get(60, TimeUnit.SECONDS);
        launcher.detached = true;
        thread.interrupt();
        thread.join(30_000);
        launcher.detached = false;
        return kept;
    }

    private TaskResult resume(String spec, BridgeState kept) throws Exception {
        return resume(spec, kept, Duration.ZERO);
    }

    private TaskResult resume(String spec, BridgeState kept, Duration timeoutUsed) throws Exception {
        try (CodegenIntegrator engine = integrator(spec, timeoutUsed)) {
            return engine.resumeTask(CodegenIntegratorTest.task("Add input validation"),
                    CodegenIntegratorTest.context(), progress::add, new ClientRequestId("resume-" + spec, false), kept);
        }
    }

    @Test
    void aBridgeThatStillRunsIsFollowedToItsResult() throws Exception {
        String spec = unique("success;polls=30");
        BridgeState kept = startAndLetGo(spec);
        assertThat(Path.of(kept.folder(), BridgeFiles.RESULT)).doesNotExist();

        TaskResult result = resume(spec, kept);

        assertThat(result.succeeded()).as("%s %s: %s", result.errorType(), result.errorMessage(), progress).isTrue();
        assertThat(result.runId()).isEqualTo(kept.runId());
        assertThat(result.prUrl()).isNotNull();
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(Path.of(kept.folder())).doesNotExist();
    }

    @Test
    void aResultWrittenWhileNobodyFollowedIsTaken() throws Exception {
        String spec = unique("success;polls=5");
        BridgeState kept = startAndLetGo(spec);
        waitFor(Path.of(kept.folder(), BridgeFiles.RESULT));

        TaskResult result = resume(spec, kept);

        assertThat(result.succeeded()).as("%s %s: %s", result.errorType(), result.errorMessage(), progress).isTrue();
        assertThat(result.runId()).isEqualTo(kept.runId());
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void aBridgeThatDiedIsReplacedByOneThatAttachesToTheSameRun() throws Exception {
        String spec = unique("success;polls=30");
        BridgeState kept = startAndLetGo(spec);
        long pid = Long.parseLong(Files.readString(Path.of(kept.folder(), BridgeFiles.PID),
                StandardCharsets.US_ASCII).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

        TaskResult result = resume(spec, kept);

        assertThat(result.succeeded()).as("%s %s: %s", result.errorType(), result.errorMessage(), progress).isTrue();
        assertThat(result.runId()).isEqualTo(kept.runId());
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(progress).extracting(Progress::message)
                .anyMatch(m -> m.contains("Following agent run " + kept.runId() + " with a new bridge (attach mode)"));
    }

    /** The bridge is gone: its process killed and its folder removed, as on an agent that was wiped. */
    private void killAndRemove(BridgeState kept) throws Exception {
        long pid = Long.parseLong(Files.readString(Path.of(kept.folder(), BridgeFiles.PID),
                StandardCharsets.US_ASCII).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        launcher.folder(kept.folder()).delete();
    }

    @Test
    void aTaskWhoseTimeoutPassedWhileItsBridgeWentAwayEndsWithATimeoutNamingItsRunAndStartsNoBridge()
            throws Exception {
        String spec = unique("success;polls=30");
        BridgeState kept = startAndLetGo(spec);
        killAndRemove(kept);

        // The first call started a day ago: the task's timeout counts from then, and nothing of it is left.
        TaskResult result = resume(spec, kept, Duration.ofDays(1));

        assertThat(result.failed()).isTrue();
        assertThat(result.errorType()).isEqualTo(io.jenkins.plugins.codegen.error.ErrorType.TIMEOUT);
        assertThat(result.runId()).isEqualTo(kept.runId());
        assertThat(result.errorMessage()).isEqualTo("Agent run " + kept.runId() + " did not finish within the "
                + "task's timeout, which counts from the task's first start.");
        assertThat(result.guidance()).isEqualTo("Raise the timeout, or follow the run at " + kept.webUrl()
                + "; it may still finish.");
        assertThat(progress).extracting(Progress::message).noneMatch(m -> m.contains("with a new bridge"));
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void aTaskWithSomeOfItsTimeoutLeftIsFollowedToItsResult() throws Exception {
        String spec = unique("success;polls=30");
        BridgeState kept = startAndLetGo(spec);

        TaskResult result = resume(spec, kept, Duration.ofSeconds(1));

        assertThat(result.succeeded()).as("%s %s: %s", result.errorType(), result.errorMessage(), progress).isTrue();
        assertThat(result.runId()).isEqualTo(kept.runId());
    }

    /** The task's time, as its result and the build page show it, counts from its first start, not from the pickup. */
    @Test
    void aTaskPickedUpAgainCountsItsTimeFromItsFirstStart() throws Exception {
        String spec = unique("success;polls=30");
        BridgeState kept = startAndLetGo(spec);

        // The task first started 20 s before this call (its controller was down meanwhile).
        TaskResult result = resume(spec, kept, Duration.ofSeconds(20));

        assertThat(result.succeeded()).as("%s %s: %s", result.errorType(), result.errorMessage(), progress).isTrue();
        assertThat(result.responseTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(progress).filteredOn(p -> p.kind() == Progress.Kind.SUCCEEDED).extracting(Progress::message)
                .singleElement().asString().containsPattern(", [2-9]\\d\\.\\d s\\)$");
    }

    @Test
    void aFolderThatIsGoneWithTheRunUnknownLooksForTheTaggedRunInsteadOfCreatingAnother() throws Exception {
        String spec = unique("success;polls=30");
        BridgeState kept = startAndLetGo(spec);
        killAndRemove(kept);

        // The caller kept only the folder: the bridge had not reported its run yet when it lost track.
        TaskResult result = resume(spec, new BridgeState(kept.folder(), 0, null, null));

        assertThat(result.succeeded()).as("%s %s: %s", result.errorType(), result.errorMessage(), progress).isTrue();
        assertThat(result.runId()).isEqualTo(kept.runId());
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    private static void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
    }

    /** The local launcher, with a switch that makes an interrupt let go of the bridge instead of stopping it. */
    private static final class DetachableLauncher implements BridgeLauncher {
        final LocalBridgeLauncher local;
        volatile boolean detached;

        DetachableLauncher(LocalBridgeLauncher local) {
            this.local = local;
        }

        @Override
        public String script(String fileName) throws IOException {
            return local.script(fileName);
        }

        @Override
        public BridgeFolder newFolder() throws IOException {
            return local.newFolder();
        }

        @Override
        public BridgeFolder folder(String path) {
            return local.folder(path);
        }

        @Override
        public Launched launch(List<String> command, BridgeFolder folder, Duration timeout)
                throws IOException, InterruptedException {
            return local.launch(command, folder, timeout);
        }

        @Override
        public void kill(BridgeFolder folder, long pid, List<String> killCommand) {
            local.kill(folder, pid, killCommand);
        }

        @Override
        public boolean detached() {
            return detached;
        }

        @Override
        public void close() {
            // the test closes the local launcher
        }
    }
}
