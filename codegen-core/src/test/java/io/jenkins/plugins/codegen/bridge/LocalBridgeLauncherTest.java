package io.jenkins.plugins.codegen.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
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
