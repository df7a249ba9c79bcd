package io.jenkins.plugins.codegen.reliability;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text in any script, in every field, reaches the agent exactly as written. */
class UnicodeInputTest {
    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    private static final List<String> SAMPLES = List.of("café crème", "漢字テスト", "שלום עולם", "🚀 déploiement",
            "Zeichen: ß ẞ", "Ελληνικά", "ملف عربي", "e\u0301 combining");

    @Test
    void everyFieldArrivesIntact() throws Exception {
        CodegenTask task = CodegenTask.builder().id("tâche-1").title("Valider " + SAMPLES.get(0))
                .description(String.join("\n", SAMPLES)).requirements(SAMPLES.subList(1, 4))
                .acceptanceCriteria(SAMPLES.subList(4, 6)).language("Python " + SAMPLES.get(6))
                .framework("Django " + SAMPLES.get(1)).testingFramework("pytest " + SAMPLES.get(2))
                .affectedFiles(List.of("src/" + SAMPLES.get(3) + ".py")).build();
        TaskContext context = new TaskContext(new CodebaseContext("acme/webapp", "feature/ünïcode",
                List.of("docs/" + SAMPLES.get(4) + ".md"), List.of("lib-" + SAMPLES.get(5))),
                new ProjectContext("архитектура " + SAMPLES.get(7), "кубернетес", Map.of("équipe", SAMPLES.get(1))));
        String spec = unique("success");
        CodegenSettings settings = CodegenSettings.builder().token("cg-unicode-token").orgId(1L)
                .apiUrl(SIMULATOR.url(spec)).pythonPath(TestPython.interpreter()).timeScale(50)
                .pollInterval(Duration.ofSeconds(1)).optimizationLevel(OptimizationLevel.COMPREHENSIVE)
                .includeExamples(false).build();
        TaskResult result;
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher();
             CodegenIntegrator engine = CodegenIntegrator.builder(settings, launcher).build()) {
            result = engine.processTask(task, context);
        }
        assertThat(result.succeeded()).as(String.valueOf(result.errorMessage())).isTrue();
        String received = (String) SIMULATOR.runs(spec).get(0).get("prompt");
        assertThat(received).isEqualTo(result.prompt());
        for (String sample : SAMPLES) {
            assertThat(received).contains(sample);
        }
        assertThat(received).contains("tâche-1", "feature/ünïcode", "архитектура", "équipe");
        assertThat(result.prTitle()).isEqualTo("Valider café crème");
    }
}
