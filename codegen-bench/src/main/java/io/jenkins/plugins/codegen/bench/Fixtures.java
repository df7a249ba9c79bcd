package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.Priority;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.RelatedTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The tasks and settings the suites share. */
final class Fixtures {
    /** The simulator takes any non-empty token; this one is no secret. */
    static final String TOKEN = "bench-token";
    static final long ORG_ID = 1;

    private Fixtures() {
    }

    /** A small, ordinary task; the id ties the agent run (its metadata's {@code task_id}) to the task. */
    static CodegenTask task(String id) {
        return CodegenTask.builder().id(id).type(TaskType.FEATURE).title("Validate signup input on the server")
                .description("The signup endpoint accepts any payload.")
                .requirements(List.of("Reject invalid email addresses", "Require passwords of 12 characters"))
                .acceptanceCriteria(List.of("An invalid email returns 400"))
                .language("JavaScript").framework("Node.js").testingFramework("Jest").build();
    }

    /** Settings that send tasks to a simulator (or anything else) at this URL, as a real API. */
    static CodegenSettings.Builder against(String apiUrl, Interpreter python, double timeScale) {
        return CodegenSettings.builder().apiUrl(apiUrl).token(TOKEN).orgId(ORG_ID)
                .pythonPath(python.executable()).timeScale(timeScale);
    }

    /** Mock-mode settings: the integrator starts its own simulator playing this scenario. */
    static CodegenSettings.Builder mock(String scenario, Interpreter python, double timeScale) {
        return CodegenSettings.builder().mock(true).mockScenario(scenario).pythonPath(python.executable())
                .timeScale(timeScale);
    }

    /** A task far too big for any prompt: 5,000 characters of description, 40 criteria, 30 affected files. */
    static CodegenTask bigTask() {
        return task("big-task").toBuilder()
                .description(description(5_000))
                .requirements(numbered(10, "Requirement %d: the service must handle case %d correctly"))
                .acceptanceCriteria(numbered(40, "Criterion %d: a request of kind %d is answered as specified"))
                .complexityScore(8).priority(Priority.HIGH)
                .affectedFiles(numbered(30, "src/affected/area-%03d/Handler%03d.js"))
                .relatedTasks(IntStream.range(0, 20)
                        .mapToObj(i -> new RelatedTask("task-" + i, "Earlier work on area " + i, "done")).toList())
                .build();
    }

    /** A large codebase's context: 1,000 existing files and 200 dependencies. */
    static TaskContext bigContext() {
        Map<String, String> entries = new LinkedHashMap<>();
        IntStream.range(0, 10).forEach(i -> entries.put("convention_" + i, "Follow team convention number " + i));
        return new TaskContext(
                new CodebaseContext("acme/webapp", "feature/input-validation",
                        numbered(1_000, "src/existing/module-%03d/Component%03d.js"),
                        numbered(200, "library-%03d@%d.0.0")),
                new ProjectContext("microservices", "kubernetes", entries));
    }

    /** Items made from a pattern that takes the item's number twice. */
    private static List<String> numbered(int count, String pattern) {
        return IntStream.range(0, count).mapToObj(i -> String.format(pattern, i, i)).toList();
    }

    private static String description(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < length; i++) {
            text.append("Sentence ").append(i).append(" of the description explains the problem. ");
        }
        return text.substring(0, length);
    }
}
