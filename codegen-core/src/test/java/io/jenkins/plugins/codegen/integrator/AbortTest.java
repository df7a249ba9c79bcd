package io.jenkins.plugins.codegen.integrator;

import static io.jenkins.plugins.codegen.integrator.CodegenIntegratorTest.context;
import static io.jenkins.plugins.codegen.integrator.CodegenIntegratorTest.task;
import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.BridgeFiles;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An abort that lands just as the agent run is being created, through the real bridge against the
 * simulator: the engine reads what the bridge wrote before it ends, so the result names the run; when
 * the create's outcome is not known, it says that a run may exist and how to find it.
 */
class AbortTest {
    private static final String TOKEN = "cg-abort-token-71c3e9";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    private final LocalBridgeLauncher local = new LocalBridgeLauncher();
    private final UnreadEvents launcher = new UnreadEvents(local);
    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        local.close();
    }

    private CodegenIntegrator engine(String spec, double timeScale) throws Exception {
        CodegenSettings settings = CodegenSettings.builder().token(TOKEN).orgId(1L).apiUrl(SIMULATOR.url(spec))
                .pythonPath(TestPython.interpreter()).timeScale(timeScale).pollInterval(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(60)).build();
        return CodegenIntegrator.builder(settings, launcher).build();
    }

    /** Runs the task on a thread, interrupts it once {@code ready} holds, and returns what the abort threw. */
    private Throwable abortWhen(CodegenIntegrator engine, ClientRequestId tag, BooleanSupplier ready) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                engine.processTask(task("Add input validation"), context(), progress::add, tag);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        while (!ready.getAsBoolean()) {
            assertThat(worker.isAlive()).as("the task is still running").isTrue();
            Thread.sleep(5);
        }
        worker.interrupt();
        worker.join(30_000);
        assertThat(worker.isAlive()).isFalse();
        return thrown.get();
    }

    @Test
    void anAbortRightAfterTheCreateNamesTheRun() throws Exception {
        String spec = unique("success;duration=3600");
        try (CodegenIntegrator engine = engine(spec, 50)) {
            // The bridge has written its created event, which the engine has not read yet.
            Throwable thrown = abortWhen(engine, ClientRequestId.random(), () -> launcher.written("\"event\":\"created\""));
            Map<String, Object> run = SIMULATOR.runs(spec).get(0);
            long runId = ((Number) run.get("id")).longValue();

            assertThat(thrown).isInstanceOf(TaskAbortedException.class);
            TaskResult partial = ((TaskAbortedException) thrown).partialResult();
            assertThat(partial.runId()).isEqualTo(runId);
            assertThat(partial.webUrl()).endsWith("/agent/trace/" + runId);
            assertThat(thrown.getMessage()).isEqualTo("Aborted. Agent run " + runId + " may still be working: "
                    + partial.webUrl());
            Progress aborted = progress.get(progress.size() - 1);
            assertThat(aborted.kind()).isEqualTo(Progress.Kind.ABORTED);
            assertThat(aborted.runId()).isEqualTo(runId);
        }
    }

    @Test
    void anAbortWhileTheCreateIsUnansweredSaysARunMayExistAndHowToFindIt() throws Exception {
        // The create reached the API, which takes its time to answer: the abort cannot know its outcome.
        String spec = unique("success;duration=3600;fault=slow;phase=create;delay=30");
        ClientRequestId tag = new ClientRequestId("abort-test-" + UUID.randomUUID(), false);
        try (CodegenIntegrator engine = engine(spec, 1)) {
            Throwable thrown = abortWhen(engine, tag, () -> slowRequestsArrived() > 0);

            assertThat(thrown).isInstanceOf(TaskAbortedException.class);
            assertThat(thrown.getMessage()).doesNotContain("before an agent run was created")
                    .contains("An agent run may have been created").contains(tag.value())
                    .contains("client_request_id").contains("https://codegen.com/agents");
            assertThat(((TaskAbortedException) thrown).partialResult().runId()).isNull();
        }
    }

    private static int slowRequestsArrived() {
        try {
            Object faults = SIMULATOR.stats().get("faults");
            return faults instanceof Map<?, ?> map && map.get("slow") instanceof Number n ? n.intValue() : 0;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A local launcher whose bridges' events stay unread until the engine asks the bridge to stop: as
     * when the engine's quiet-time look at the folder comes a second after the bridge wrote them.
     */
    private static final class UnreadEvents implements BridgeLauncher {
        private final LocalBridgeLauncher delegate;
        private final List<Path> folders = new CopyOnWriteArrayList<>();
        private volatile boolean stopAsked;

        UnreadEvents(LocalBridgeLauncher delegate) {
            this.delegate = delegate;
        }

        /** Whether a bridge's events file holds this text. */
        boolean written(String text) {
            return folders.stream().map(folder -> folder.resolve(BridgeFiles.EVENTS)).anyMatch(events -> {
                try {
                    return Files.exists(events) && Files.readString(events).contains(text);
                } catch (IOException e) {
                    return false;
                }
            });
        }

        @Override
        public String script(String fileName) throws IOException {
            return delegate.script(fileName);
        }

        @Override
        public BridgeFolder newFolder() throws IOException {
            BridgeFolder folder = delegate.newFolder();
            folders.add(Path.of(folder.path()));
            return new Held(folder);
        }

        @Override
        public BridgeFolder folder(String path) {
            return new Held(delegate.folder(path));
        }

        @Override
        public Launched launch(List<String> command, BridgeFolder folder, Duration timeout)
                throws IOException, InterruptedException {
            return delegate.launch(command, ((Held) folder).folder, timeout);
        }

        @Override
        public void kill(BridgeFolder folder, long pid, List<String> killCommand) {
            delegate.kill(((Held) folder).folder, pid, killCommand);
        }

        @Override
        public void close() {
            // The test closes the delegate.
        }

        private final class Held implements BridgeFolder {
            private final BridgeFolder folder;

            Held(BridgeFolder folder) {
                this.folder = folder;
            }

            @Override
            public String path() {
                return folder.path();
            }

            @Override
            public void write(String name, byte[] content) throws IOException, InterruptedException {
                stopAsked |= name.equals(BridgeFiles.STOP);
                folder.write(name, content);
            }

            @Override
            public void writePrivate(String name, byte[] content) throws IOException, InterruptedException {
                folder.writePrivate(name, content);
            }

            @Override
            public byte[] read(String name, long offset, int maxBytes) throws IOException, InterruptedException {
                if (name.equals(BridgeFiles.EVENTS) && !stopAsked) {
                    return new byte[0];
                }
                return folder.read(name, offset, maxBytes);
            }

            @Override
            public boolean exists(String name) throws IOException, InterruptedException {
                return folder.exists(name);
            }

            @Override
            public void delete() throws IOException, InterruptedException {
                folder.delete();
            }
        }
    }
}
