package io.jenkins.plugins.codegen.bridge;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge runs isolated from the agent's Python setup: a shared agent's PYTHONPATH (and a
 * sitecustomize on it, which would run at every start) never reaches the bridge, while the SDK
 * backend still finds an SDK installed there.
 */
class BridgeIsolationTest {
    private static final String TOKEN = "cg-isolation-token-5b2e7c";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    @TempDir
    Path temp;

    private Path marker;
    private Path foreign;

    @BeforeEach
    void foreignPythonPath() throws Exception {
        // What another job left on a shared agent's PYTHONPATH: code that runs at every Python start.
        foreign = Files.createDirectories(temp.resolve("foreign"));
        marker = temp.resolve("ran");
        Files.writeString(foreign.resolve("sitecustomize.py"), "open(" + pythonString(marker) + ", 'w').close()\n");
    }

    private static String pythonString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private LocalBridgeLauncher launcher;

    @AfterEach
    void tearDown() throws Exception {
        if (launcher != null) {
            launcher.close();
        }
    }

    private BridgeResult execute(String pythonPath, Backend backend, String spec) throws Exception {
        launcher = new LocalBridgeLauncher(Map.of("PYTHONPATH", pythonPath));
        BridgeRequest request = BridgeRequest.builder(BridgeCommand.RUN, SIMULATOR.url(spec), 1)
                .prompt("# Add input validation").clientRequestId("isolation-" + spec).backend(backend)
                .deadline(Duration.ofSeconds(20)).requestTimeout(Duration.ofSeconds(5))
                .poll(new BridgeRequest.PollSettings(Duration.ofMillis(10), Duration.ofMillis(50), 0.1, Duration.ZERO))
                .build();
        return new PythonBridge(launcher, TestPython.interpreter()).execute(request, TOKEN, BridgeListener.NONE);
    }

    @Test
    void aSharedAgentsPythonPathNeverReachesTheRestBridge() throws Exception {
        BridgeResult result = execute(foreign.toString(), Backend.REST, unique("success"));
        assertThat(result.pullRequest()).isPresent();
        assertThat(marker).as("code on the agent's PYTHONPATH ran in the bridge").doesNotExist();
    }

    @Test
    void theSdkOnThePythonPathIsFoundWhileTheRestOfItStaysOut() throws Exception {
        String pythonPath = TestPython.pythonTestFolder("sdk_double") + File.pathSeparator + foreign;
        BridgeResult result = execute(pythonPath, Backend.SDK, unique("success"));
        assertThat(result.pullRequest()).isPresent();
        assertThat(marker).as("code on the agent's PYTHONPATH ran in the bridge").doesNotExist();
    }
}
