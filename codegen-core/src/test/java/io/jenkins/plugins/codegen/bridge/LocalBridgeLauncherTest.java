package io.jenkins.plugins.codegen.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.testing.TestPython;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalBridgeLauncherTest {

    @Test
    void foldersArePrivateAndGoWithTheLauncher() throws Exception {
        Path folder;
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher()) {
            BridgeFolder bridge = launcher.newFolder();
            folder = Path.of(bridge.path());
            assertThat(folder.getParent()).isEqualTo(launcher.folder());
            assertThat(Files.getPosixFilePermissions(folder)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    void aLaunchedCommandHasNoStdinAndItsOutputGoesToTheLog() throws Exception {
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher()) {
            BridgeFolder folder = launcher.newFolder();
            BridgeLauncher.Launched launched = launcher.launch(List.of("sh", "-c", "echo said; cat; exit 4"), folder,
                    Duration.ofSeconds(30));
            assertThat(launched.exitCode()).isEqualTo(4);
            assertThat(folder.read(BridgeFiles.LOG, 0, 100)).asString().isEqualTo("said\n");
        }
    }

    @Test
    void withoutCommandLinesAPidThatIsNotTheBridgeIsNeverKilled() throws Exception {
        // As on Windows (or macOS for another user's process): no command line to read. The folder's
        // bridge died (before a reboot, say) and its pid now belongs to an unrelated process.
        Process stranger = new ProcessBuilder("sleep", "30").start();
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher(Map.of(), null, process -> Optional.empty())) {
            BridgeFolder folder = launcher.newFolder();
            folder.write(BridgeFiles.LOCK, new byte[0]); // the dead bridge's lock file, held by nobody
            launcher.kill(folder, stranger.pid(), List.of());
            assertThat(stranger.isAlive()).as("an unrelated process was killed").isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void withoutCommandLinesTheLiveBridgeIsKilledByItsLock() throws Exception {
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher(Map.of(), null, process -> Optional.empty())) {
            BridgeFolder folder = launcher.newFolder();
            // Holds the folder's lock as the bridge does, then says so and waits to be killed.
            Process bridge = new ProcessBuilder(TestPython.interpreter(), "-c", "import fcntl, os, sys, time; "
                    + "d = os.open(os.path.join(sys.argv[1], 'lock'), os.O_RDWR | os.O_CREAT, 0o600); "
                    + "fcntl.lockf(d, fcntl.LOCK_EX, 1); print('locked', flush=True); time.sleep(60)",
                    folder.path()).start();
            try {
                assertThat(new String(bridge.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
                        .isEqualTo("locked\n");
                launcher.kill(folder, bridge.pid(), List.of());
                assertThat(bridge.waitFor(10, TimeUnit.SECONDS)).as("the bridge was killed").isTrue();
            } finally {
                bridge.destroyForcibly();
            }
        }
    }

    @Test
    void aKillSparesAProcessThatIsNotTheFoldersBridge() throws Exception {
        // A pid file outlives its bridge; by the time it is read, the pid may be someone else's.
        Process stranger = new ProcessBuilder("sleep", "30").start();
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher()) {
            launcher.kill(launcher.newFolder(), stranger.pid(), List.of());
            assertThat(stranger.isAlive()).as("a kill waits for the exit of what it kills").isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }
}
