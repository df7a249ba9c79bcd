package io.jenkins.plugins.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.prompt.OptimizedPrompt;
import io.jenkins.plugins.codegen.prompt.PromptOptimizer;
import io.jenkins.plugins.codegen.prompt.PromptOptions;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.Priority;
import io.jenkins.plugins.codegen.task.RelatedTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskJson;
import io.jenkins.plugins.codegen.task.TaskType;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sample files in {@code examples/} are what users copy, so they must read and validate cleanly. */
class ExampleFilesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @ParameterizedTest
    @ValueSource(strings = {"task-feature.json", "task-bugfix.json"})
    void readsAndValidatesEachExampleTaskWithTheExampleContext(String file) throws CodegenException {
        TaskJson.Parsed<CodegenTask> task = TaskJson.readTask(EXAMPLES.resolve(file));
        TaskJson.Parsed<TaskContext> context = TaskJson.readContext(EXAMPLES.resolve("context.json"));

        assertThat(task.warnings()).isEmpty();
        assertThat(context.warnings()).isEmpty();
        assertThat(TaskValidator.validate(task.value(), context.value())).isEmpty();
        PromptOptions comprehensive = PromptOptions.defaults().withLevel(OptimizationLevel.COMPREHENSIVE);
        OptimizedPrompt prompt = new PromptOptimizer(comprehensive).optimize(task.value(), context.value());
        assertThat(prompt.wasShortened()).isFalse();
    }

    @Test
    void theFeatureExampleIsANodeJsFeature() throws CodegenException {
        CodegenTask task = TaskJson.readTask(EXAMPLES.resolve("task-feature.json")).value();

        assertThat(task.id()).isEqualTo("task-123");
        assertThat(task.type()).isEqualTo(TaskType.FEATURE);
        assertThat(task.priority()).contains(Priority.HIGH);
        assertThat(task.language()).isEqualTo("JavaScript");
        assertThat(task.framework()).isEqualTo("Node.js");
        assertThat(task.testingFramework()).isEqualTo("Jest");
        assertThat(task.requirements()).hasSize(4);
        assertThat(task.relatedTasks()).extracting(RelatedTask::status).containsExactly("done", "planned");
    }

    @Test
    void theBugFixExampleUsesSnakeCaseKeys() throws CodegenException {
        CodegenTask task = TaskJson.readTask(EXAMPLES.resolve("task-bugfix.json")).value();

        assertThat(task.type()).isEqualTo(TaskType.BUG_FIX);
        assertThat(task.language()).isEqualTo("Java");
        assertThat(task.testingFramework()).isEqualTo("JUnit 5");
        assertThat(task.complexityScore()).contains(3);
        assertThat(task.acceptanceCriteria()).hasSize(2);
        assertThat(task.affectedFiles()).hasSize(3);
        assertThat(task.relatedTasks()).containsExactly(RelatedTask.withId("BUG-455"));
        assertThat(task.description()).contains("\n1. Add one discounted item");
    }

    @Test
    void theContextExampleNamesTheRepositoryBranchAndProjectConventions() throws CodegenException {
        TaskContext context = TaskJson.readContext(EXAMPLES.resolve("context.json")).value();

        assertThat(context.codebase().repository()).isEqualTo("acme/webapp");
        assertThat(context.codebase().branch()).isEqualTo("feature/input-validation");
        assertThat(context.codebase().dependencies()).contains("express", "jest");
        assertThat(context.project().architecture()).isEqualTo("microservices");
        assertThat(context.project().entries()).containsOnlyKeys("api_style", "node_version", "code_owners")
                .containsEntry("node_version", "20")
                .containsEntry("code_owners", "@acme/identity-team");
    }
}
