package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskType;
import java.util.List;

/**
 * The task that asks the agent to fix a failed build: "Fix the failing build of JOB at COMMIT",
 * what to do and not to do, and the failure's evidence as context. The evidence goes to the
 * prompt optimizer like any context, so the prompt respects the length cap: the log excerpt is
 * shed before the failed tests.
 */
public record FixTask(CodegenTask task, TaskContext context) {
    /** Leaves room in the 200-character title for the rest of it. */
    static final int MAX_JOB_IN_TITLE = 120;

    /** @throws CodegenException a {@code VALIDATION} failure when there is nothing to go on */
    public static FixTask of(BuildFailure failure) throws CodegenException {
        if (failure.evidence().isEmpty()) {
            throw CodegenException.invalid(List.of(new FieldError("log",
                    "is empty and no test failed: there is nothing to tell the agent what went wrong",
                    "Give the console log of the failed build (and its JUnit reports, if it has any).")));
        }
        CodeLocation where = failure.location();
        CodegenTask task = CodegenTask.builder()
                .id("fix-" + where.shortCommit())
                // Not BUG_FIX: its way of working (write a failing test first) does not fit a build that fails already.
                .type(TaskType.IMPLEMENTATION)
                .title("Fix the failing build of " + jobName(failure) + " at " + where.shortCommit())
                .description(description(failure))
                .requirements(List.of(
                        "Reproduce the failure on commit " + where.commit() + " before changing anything.",
                        "Fix its cause in the code, the tests or the build configuration, whichever is wrong.",
                        "Do not disable, skip or delete failing tests, and do not weaken their assertions.",
                        "Run the build's tests and make sure they pass with the change."))
                .acceptanceCriteria(List.of("The build that failed passes with the change."))
                .build();
        CodebaseContext codebase = new CodebaseContext(where.repository(), where.branch(), List.of(), List.of());
        return new FixTask(task, new TaskContext(codebase, ProjectContext.empty(),
                failure.evidence().toFailureContext()));
    }

    private static String jobName(BuildFailure failure) {
        String job = failure.jobOrRepository();
        return job.length() <= MAX_JOB_IN_TITLE ? job : job.substring(0, MAX_JOB_IN_TITLE - 1) + "…";
    }

    private static String description(BuildFailure failure) {
        CodeLocation where = failure.location();
        StringBuilder text = new StringBuilder("The build")
                .append(failure.buildUrl().isEmpty() ? "" : " " + failure.buildUrl())
                .append(failure.job().isEmpty() ? "" : " of job " + failure.job())
                .append(" failed on ").append(where.repository())
                .append(where.branch().isEmpty() ? "" : " branch " + where.branch())
                .append(where.targetBranch().isEmpty() ? "" : ", in a pull request into " + where.targetBranch() + ",")
                .append(" at commit ").append(where.commit()).append('.');
        int tests = failure.evidence().failedTests().size();
        if (tests > 0) {
            text.append(tests == 1 ? " One test failed; it is listed below" : " " + tests + " tests failed; they are "
                    + "listed below");
            text.append(failure.evidence().log().isEmpty() ? "." : ", with the last lines of the console log.");
        } else {
            text.append(" The last lines of its console log are below.");
        }
        text.append(" Find the cause of the failure and fix it; open a pull request against ")
                .append(where.branch().isEmpty() ? "the branch that failed" : where.branch()).append('.');
        return text.toString();
    }
}
