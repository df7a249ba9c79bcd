package io.jenkins.plugins.codegen.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodegenTaskTest {

    @Test
    void aTaskWithOnlyATitleHasEmptyValuesRatherThanNulls() {
        CodegenTask task = CodegenTask.builder().title("Fix login").build();

        assertThat(task.type()).isEqualTo(TaskType.IMPLEMENTATION);
        assertThat(task.id()).isEmpty();
        assertThat(task.description()).isEmpty();
        assertThat(task.language()).isEmpty();
        assertThat(task.requirements()).isEmpty();
        assertThat(task.acceptanceCriteria()).isEmpty();
        assertThat(task.affectedFiles()).isEmpty();
        assertThat(task.relatedTasks()).isEmpty();
        assertThat(task.complexityScore()).isEmpty();
        assertThat(task.priority()).isEmpty();
    }

    @Test
    void nullMeansNotGiven() {
        CodegenTask task = CodegenTask.builder().title(null).type(null).requirements(null).language(null).build();

        assertThat(task.title()).isEmpty();
        assertThat(task.type()).isEqualTo(TaskType.IMPLEMENTATION);
        assertThat(task.requirements()).isEmpty();
        assertThat(task.language()).isEmpty();
    }

    @Test
    void changingTheListsGivenToTheBuilderDoesNotChangeTheTask() {
        List<String> requirements = new ArrayList<>(List.of("one"));
        CodegenTask task = CodegenTask.builder().title("t").requirements(requirements).build();

        requirements.add("two");

        assertThat(task.requirements()).containsExactly("one");
    }

    @Test
    void theTasksListsCannotBeChanged() {
        CodegenTask task = CodegenTask.builder().title("t").requirements(List.of("one")).build();

        assertThatThrownBy(() -> task.requirements().add("two")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> task.relatedTasks().add(RelatedTask.withId("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listsMustNotHoldNulls() {
        assertThatThrownBy(() -> CodegenTask.builder().requirements(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void toBuilderCopiesEveryField() {
        CodegenTask task = CodegenTask.builder().id("task-1").type(TaskType.REFACTOR).title("t").description("d")
                .requirements(List.of("r")).acceptanceCriteria(List.of("a")).complexityScore(3)
                .priority(Priority.LOW).language("Go").framework("Gin").testingFramework("testing")
                .affectedFiles(List.of("main.go")).relatedTasks(List.of(new RelatedTask("task-0", "x", "done")))
                .build();

        assertThat(task.toBuilder().build()).isEqualTo(task).hasSameHashCodeAs(task);
        assertThat(task.toBuilder().priority(Priority.HIGH).build()).isNotEqualTo(task);
    }

    @Test
    void toStringNamesTheTaskWithoutItsContent() {
        CodegenTask task = CodegenTask.builder().id("task-7").type(TaskType.BUG_FIX).title("Fix login")
                .description("x".repeat(10_000)).build();

        assertThat(task.toString()).isEqualTo("CodegenTask[id=task-7, type=bug_fix, title=Fix login]");
    }

    @Test
    void contextsHoldEmptyValuesRatherThanNulls() {
        TaskContext context = new TaskContext(new CodebaseContext(null, null, null, null), null);

        assertThat(context.codebase().repository()).isEmpty();
        assertThat(context.codebase().existingFiles()).isEmpty();
        assertThat(context.project()).isEqualTo(ProjectContext.empty());
        assertThat(TaskContext.empty().codebase()).isEqualTo(CodebaseContext.empty());
    }

    @Test
    void projectContextEntriesKeepTheirOrderAndCannotBeChanged() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("zeta", "1");
        entries.put("alpha", "2");
        entries.put("mu", "3");
        ProjectContext project = new ProjectContext("", "", entries);

        entries.put("omega", "4");

        assertThat(project.entries().keySet()).containsExactly("zeta", "alpha", "mu");
        assertThatThrownBy(() -> project.entries().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
