package io.jenkins.plugins.codegen.bridge;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bridge's folder holds the prompt, the agent's log and the result: the folder and every file in
 * it, whether the engine or the bridge wrote it, are their owner's only (docs/security.md).
 */
class BridgeFolderModesTest {
    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    private final LocalBridgeLauncher launcher = new LocalBridgeLauncher();

    @AfterEach
    void tearDown() throws Exception {
        launcher.close();
    }

    @Test
    void theFolderAndEveryFileInItAreTheOwnersOnlyWhileTheBridgeRuns() throws Exception {
        assumeTrue(LocalBridgeFolder.isPosix(), "POSIX modes");
        AtomicReference<Path> folder = new AtomicReference<>();
        List<String> modes = new CopyOnWriteArrayList<>();
        BridgeRequest request = BridgeRequest.builder(BridgeCommand.RUN, SIMULATOR.url(unique("success;polls=3")), 1)
                .prompt("# Add input validation\nA prompt nobody else may read.")
                .clientRequestId(unique("modes")).deadline(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(5))
                .poll(new BridgeRequest.PollSettings(Duration.ofMillis(50), Duration.ofMillis(50), 0, Duration.ZERO))
                .build();

        new PythonBridge(launcher, TestPython.interpreter(), Map.of(), PythonBridge.Limits.DEFAULT)
                .execute(request, "cg-modes-token", new BridgeListener() {
                    @Override
                    public void onEvent(BridgeEvent event) {
                        if (event.type().equals("created")) {
                            modes.addAll(modesIn(folder.get()));
                        }
                    }

                    @Override
                    public void onStarted(BridgeState state) {
                        folder.set(Path.of(state.folder()));
                    }
                });

        assertThat(modes).contains("rwx------ .", "rw------- " + BridgeFiles.REQUEST, "rw------- " + BridgeFiles.EVENTS,
                "rw------- " + BridgeFiles.LOG, "rw------- " + BridgeFiles.PID);
        assertThat(modes).allSatisfy(mode -> assertThat(mode).matches("rwx------ \\.|rw------- .*"));
        assertThat(modeOf(launcher.folder())).isEqualTo("rwx------");
    }

    private static List<String> modesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> modes = new CopyOnWriteArrayList<>(List.of(modeOf(folder) + " ."));
            for (Path file : files.toList()) {
                modes.add(modeOf(file) + " " + file.getFileName());
            }
            return modes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String modeOf(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
