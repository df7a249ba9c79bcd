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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The build agent's connection drops while the bridge's start command runs: the command may well
 * have started the bridge (it runs detached), so the failure is a lost machine that the caller can
 * wait for and follow again, never "Python could not be started" (after which a re-run would create
 * a second agent run).
 */
class AgentLostAtStartTest {
    private static final String TOKEN = "cg-lost-at-start-token-6e1d";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    private final LocalBridgeLauncher local = new LocalBridgeLauncher();
    private final DroppingLauncher launcher = new DroppingLauncher(local);

    @AfterEach
    void tearDown() throws Exception {
        local.close();
    }

    private PythonBridge bridge(String python) {
        return new PythonBridge(launcher, python, Map.of(),
                new PythonBridge.Limits(1 << 20, 1 << 16, Duration.ofSeconds(2), Duration.ofMillis(1500)));
    }

    private static BridgeRequest run(String spec) {
        return BridgeRequest.builder(BridgeCommand.RUN, SIMULATOR.url(spec), 1)
                .prompt("# Add input validation\nValidate the signup form.")
                .clientRequestId("lost-at-start-" + spec)
                .deadline(Duration.ofSeconds(60))
                .requestTimeout(Duration.ofSeconds(2))
                .lookupGrace(Duration.ofMillis(50))
                .poll(new BridgeRequest.PollSettings(Duration.ofMillis(50), Duration.ofMillis(50), 0, Duration.ZERO))
                .build();
    }

    @Test
    void aConnectionLostDuringTheStartCommandIsALostMachineWhoseBridgeIsFollowedOnceItIsBack() throws Exception {
        String spec = unique("success;polls=20");
        AtomicReference<BridgeState> started = new AtomicReference<>();
        launcher.dropAfterStart = true;

        CodegenException lost = catchThrowableOfType(CodegenException.class, () -> bridge(TestPython.interpreter())
                .execute(run(spec), TOKEN, new BridgeListener() {
                    @Override
                    public void onEvent(BridgeEvent event) {
                    }

                    @Override
                    public void onStarted(BridgeState state) {
                        started.set(state);
                    }
                }));

        assertThat(lost.getErrorType()).isEqualTo(ErrorType.BRIDGE_LOST);
        assertThat(lost.getMessage()).contains("Lost the machine that ran the bridge").doesNotContain("could not be started");
        assertThat(lost.getCreateOutcome()).isEqualTo(CreateOutcome.UNKNOWN);
        assertThat(started.get()).as("the caller knows where the bridge may run").isNotNull();
        assertThat(Path.of(started.get().folder()).resolve(BridgeFiles.REQUEST)).exists();

        // The agent is back: the bridge that the start command did start is followed, and no second run is made.
        launcher.gone = false;
        BridgeResult result = bridge(TestPython.interpreter()).reattach(started.get(), run(spec), TOKEN, event -> { });
        assertThat(result.pullRequest()).isPresent();
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void aStartCommandThatFailsWhileTheAgentAnswersIsStillAPythonThatCouldNotBeStarted(
            @org.junit.jupiter.api.io.TempDir Path temp) {
        CodegenException e = catchThrowableOfType(CodegenException.class, () -> bridge(
                temp.resolve("no-such-python").toString()).execute(run(unique("success")), TOKEN, event -> { }));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.PYTHON);
        assertThat(e.getMessage()).contains("could not be started");
    }

    /** The local launcher, whose machine goes away right after the start command ran (while it reports back). */
    private static final class DroppingLauncher implements BridgeLauncher {
        private final LocalBridgeLauncher local;
        volatile boolean dropAfterStart;
        volatile boolean gone;

        DroppingLauncher(LocalBridgeLauncher local) {
            this.local = local;
        }

        @Override
        public String script(String fileName) throws IOException {
            unreachable();
            return local.script(fileName);
        }

        @Override
        public BridgeFolder newFolder() throws IOException {
            unreachable();
            return new Folder((LocalBridgeFolder) local.newFolder());
        }

        @Override
        public BridgeFolder folder(String path) {
            return new Folder((LocalBridgeFolder) local.folder(path));
        }

        @Override
        public Launched launch(List<String> command, BridgeFolder folder, Duration timeout)
                throws IOException, InterruptedException {
            unreachable();
            Launched launched = local.launch(command, ((Folder) folder).folder, timeout);
            if (dropAfterStart && command.contains(PythonBridge.START)) {
                dropAfterStart = false;
                gone = true;
                throw new IOException("hudson.remoting.ChannelClosedException: Channel unknown: Remote call on "
                        + "agent failed. The channel is closing down or has closed down");
            }
            return launched;
        }

        @Override
        public void kill(BridgeFolder folder, long pid, List<String> killCommand) {
            local.kill(folder, pid, killCommand);
        }

        @Override
        public void close() {
            // the test closes the local launcher
        }

        private void unreachable() throws IOException {
            if (gone) {
                throw new IOException("hudson.remoting.ChannelClosedException: the channel is closed");
            }
        }

        private final class Folder implements BridgeFolder {
            private final LocalBridgeFolder folder;

            Folder(LocalBridgeFolder folder) {
                this.folder = folder;
            }

            @Override
            public String path() {
                return folder.path();
            }

            @Override
            public void write(String name, byte[] content) throws IOException {
                unreachable();
                folder.write(name, content);
            }

            @Override
            public void writePrivate(String name, byte[] content) throws IOException {
                unreachable();
                folder.writePrivate(name, content);
            }

            @Override
            public byte[] read(String name, long offset, int maxBytes) throws IOException {
                unreachable();
                return folder.read(name, offset, maxBytes);
            }

            @Override
            public boolean exists(String name) throws IOException {
                unreachable();
                return folder.exists(name);
            }

            @Override
            public void delete() throws IOException {
                unreachable();
                if (Files.exists(folder.directory())) {
                    folder.delete();
                }
            }
        }
    }
}
