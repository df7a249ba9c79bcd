package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the engine's end-to-end tests share: the simulator, a bridge launcher per test, settings that
 * run the engine's clock 50 times faster (a 1-second poll interval and 1-second backoff take 20 ms;
 * scenarios are counted in polls, which no clock changes), and the task they send.
 */
abstract class EngineTestBase {
    static final String TOKEN = "cg-integrator-token-4b8e2f";
    static final double FAST = 50;

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    LocalBridgeLauncher launcher;
    final List<Progress> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        launcher = new LocalBridgeLauncher();
    }

    @AfterEach
    void tearDown() throws Exception {
        launcher.close();
    }

    CodegenSettings.Builder settings(String spec) {
        return CodegenSettings.builder().token(TOKEN).orgId(1L).apiUrl(SIMULATOR.url(spec))
                .pythonPath(TestPython.interpreter()).timeScale(FAST).pollInterval(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(60));
    }

    CodegenIntegrator integrator(CodegenSettings.Builder settings) throws CodegenException {
        return CodegenIntegrator.builder(settings.build(), launcher).build();
    }

    TaskResult process(String spec) throws Exception {
        return process(spec, settings(spec));
    }

    static CodegenTask task(String title) {
        return CodegenTask.builder().id("task-123").title(title)
                .description("Validate the signup form before it is sent.")
                .requirements(List.of("Reject empty e-mail addresses", "Show the error next to the field"))
                .acceptanceCriteria(List.of("Invalid input never reaches the server"))
                .language("JavaScript").framework("Node.js").testingFramework("Jest").build();
    }

    static TaskContext context() {
        return new TaskContext(new CodebaseContext("acme/webapp", "feature/input-validation",
                List.of("src/form.js"), List.of("express")), ProjectContext.empty());
    }

    TaskResult process(String spec, CodegenSettings.Builder settings) throws Exception {
        try (CodegenIntegrator engine = integrator(settings)) {
            return engine.processTask(task("Add input validation"), context(), progress::add);
        }
    }
}
