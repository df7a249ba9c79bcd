package io.jenkins.plugins.codegen.task;

import io.jenkins.plugins.codegen.error.FieldError;
import java.util.List;

/** What the validator's tests build on: a valid task, and the errors of a task or context. */
final class ValidatorFixtures {
    private ValidatorFixtures() {
    }

    /** A task that breaks no rule, to break one at a time. */
    static CodegenTask.Builder task() {
        return CodegenTask.builder().id("task-1").title("Add input validation").description("Validate the form.")
                .requirements(List.of("Reject bad emails")).acceptanceCriteria(List.of("Bad email gives 400"))
                .language("JavaScript").framework("Node.js").testingFramework("Jest");
    }

    static List<FieldError> errorsOf(CodegenTask.Builder task) {
        return TaskValidator.validate(task.build(), TaskContext.empty());
    }

    static List<FieldError> errorsOf(CodebaseContext codebase) {
        return TaskValidator.validate(task().build(), new TaskContext(codebase, null));
    }

    static List<FieldError> errorsOf(ProjectContext project) {
        return TaskValidator.validate(task().build(), new TaskContext(null, project));
    }

    static CodebaseContext codebase(String repository, String branch) {
        return new CodebaseContext(repository, branch, List.of(), List.of());
    }
}
