package io.jenkins.plugins.codegen.prompt;

import io.jenkins.plugins.codegen.error.CodegenException;
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

/** Tasks and contexts for the prompt tests: a realistic small one and one far too big for any prompt. */
final class PromptFixtures {
    static final String TITLE = "Validate signup input on the server";
    static final int EXISTING_FILES = 1_000;
    static final int DEPENDENCIES = 200;
    static final int AFFECTED_FILES = 30;
    static final int ACCEPTANCE_CRITERIA = 40;
    static final int REQUIREMENTS = 10;

    private PromptFixtures() {
    }

    static CodegenTask.Builder smallTask() {
        return CodegenTask.builder()
                .id("task-123")
                .type(TaskType.FEATURE)
                .title(TITLE)
                .description("The signup endpoint accepts any payload.")
                .requirements(List.of("Reject invalid email addresses", "Require passwords of 12 characters"))
                .acceptanceCriteria(List.of("An invalid email returns 400"))
                .complexityScore(5)
                .priority(Priority.HIGH)
                .language("JavaScript")
                .framework("Node.js")
                .testingFramework("Jest")
                .affectedFiles(List.of("src/routes/signup.js"))
                .relatedTasks(List.of(new RelatedTask("task-98", "Client-side validation", "done")));
    }

    static TaskContext smallContext() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("team", "identity");
        entries.put("api_style", "REST");
        return new TaskContext(
                new CodebaseContext("https://github.com/acme/webapp", "feature/input-validation",
                        List.of("src/app.js"), List.of("express")),
                new ProjectContext("microservices", "kubernetes", entries));
    }

    static CodegenTask bigTask() {
        return smallTask()
                .description(description(5_000))
                .requirements(numbered(REQUIREMENTS, "Requirement %d: the service must handle case %d correctly"))
                .acceptanceCriteria(numbered(ACCEPTANCE_CRITERIA,
                        "Criterion %d: a request of kind %d is answered as specified"))
                .affectedFiles(numbered(AFFECTED_FILES, "src/affected/area-%03d/Handler%03d.js"))
                .relatedTasks(IntStream.range(0, 20)
                        .mapToObj(i -> new RelatedTask("task-" + i, "Earlier work on area " + i, "done")).toList())
                .build();
    }

    static TaskContext bigContext() {
        Map<String, String> entries = new LinkedHashMap<>();
        IntStream.range(0, 10).forEach(i -> entries.put("convention_" + i, "Follow team convention number " + i));
        return new TaskContext(
                new CodebaseContext("acme/webapp", "feature/input-validation",
                        numbered(EXISTING_FILES, "src/existing/module-%03d/Component%03d.js"),
                        numbered(DEPENDENCIES, "library-%03d@%d.0.0")),
                new ProjectContext("microservices", "kubernetes", entries));
    }

    /** Items made from a pattern that takes the item's number twice. */
    static List<String> numbered(int count, String pattern) {
        return IntStream.range(0, count).mapToObj(i -> String.format(pattern, i, i)).toList();
    }

    static String description(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < length; i++) {
            text.append("Sentence ").append(i).append(" of the description explains the problem. ");
        }
        return text.substring(0, length);
    }

    static OptimizedPrompt optimize(CodegenTask task, TaskContext context, OptimizationLevel level, int cap)
            throws CodegenException {
        return new PromptOptimizer(PromptOptions.defaults().withLevel(level).withMaxPromptLength(cap))
                .optimize(task, context);
    }

    /** The {@code ##} headings of a prompt, in order. */
    static List<String> headings(String prompt) {
        return prompt.lines().filter(line -> line.startsWith("## ")).map(line -> line.substring(3)).toList();
    }

    /** The lines of one section, without its heading. */
    static List<String> section(String prompt, String heading) {
        List<String> lines = prompt.lines().toList();
        int start = lines.indexOf("## " + heading);
        if (start < 0) {
            return List.of();
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end).stream().filter(line -> !line.isEmpty()).toList();
    }
}
