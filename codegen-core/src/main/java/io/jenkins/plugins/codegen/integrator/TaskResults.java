package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.bridge.BridgeResult;
import io.jenkins.plugins.codegen.bridge.PullRequest;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.prompt.OptimizedPrompt;
import io.jenkins.plugins.codegen.task.CodegenTask;
import java.time.Duration;
import java.util.List;

/** Builds {@link TaskResult}s from what a task's execution produced. */
final class TaskResults {
    private TaskResults() {
    }

    static TaskResult success(CodegenTask task, OptimizedPrompt prompt, BridgeResult result, TaskExecution execution,
                              Duration elapsed, String backend) {
        AgentRun run = result.agentRun().orElseThrow();
        PullRequest pr = result.pullRequest().orElse(null);
        return new TaskResult(task.id(), task.title(), TaskStatus.SUCCEEDED,
                pr == null ? null : pr.url(), pr == null ? null : pr.number(), pr == null ? null : pr.title(),
                pr == null ? null : pr.branch(), run.id(), run.webUrl(), run.status(), execution.attempts(), elapsed,
                prompt.level().wireName(), prompt.originalLength(), prompt.finalLength(), prompt.shed(), prompt.text(),
                null, null, null, false, execution.apiRequests(), backend);
    }

    /** The agent run exists and was not waited for: its id, page and status, no pull request yet. */
    static TaskResult active(CodegenTask task, OptimizedPrompt prompt, BridgeResult result, TaskExecution execution,
                             Duration elapsed, String backend) {
        AgentRun run = result.agentRun().orElseThrow();
        return new TaskResult(task.id(), task.title(), TaskStatus.ACTIVE, null, null, null, null, run.id(),
                run.webUrl(), run.status(), execution.attempts(), elapsed, prompt.level().wireName(),
                prompt.originalLength(), prompt.finalLength(), prompt.shed(), prompt.text(), null, null, null, false,
                execution.apiRequests(), backend);
    }

    /** @param prompt null when the task failed before its prompt was built */
    static TaskResult failure(CodegenTask task, OptimizedPrompt prompt, CodegenException error,
                              TaskExecution execution, Duration elapsed, String backend) {
        Long runId = error.getRunId().orElse(execution == null ? null : execution.runId());
        String webUrl = error.getWebUrl().orElse(execution == null ? null : execution.webUrl());
        return new TaskResult(task.id(), task.title(), TaskStatus.FAILED, null, null, null, null, runId, webUrl,
                execution == null ? null : execution.runStatus(), error.getAttempts(), elapsed,
                prompt == null ? null : prompt.level().wireName(), prompt == null ? 0 : prompt.originalLength(),
                prompt == null ? 0 : prompt.finalLength(), prompt == null ? List.of() : prompt.shed(),
                prompt == null ? null : prompt.text(), error.getErrorType(), error.getMessage(), error.getGuidance(),
                error.isRetryable(), execution == null ? 0 : execution.apiRequests(), backend);
    }

    /** What was known when the task was aborted: the attempts so far, the prompt, the run that may still work. */
    static TaskResult aborted(CodegenTask task, OptimizedPrompt prompt, String message, TaskExecution execution,
                              Duration elapsed, String backend) {
        CodegenException error = CodegenException.builder(ErrorType.ABORTED, message)
                .attempts(execution == null ? 0 : execution.attempts())
                .runId(execution == null ? null : execution.runId())
                .webUrl(execution == null ? null : execution.webUrl()).build();
        return failure(task, prompt, error, execution, elapsed, backend);
    }

    /** "Pull request #17 opened: <url> (agent run 5, 1 attempt, 12.3 s)". */
    static String summary(TaskResult result) {
        if (result.active()) {
            return "Agent run " + result.runId() + " created" + (result.webUrl() != null ? ": " + result.webUrl() : "")
                    + "; not waited for (it is " + result.runStatus() + "; wait for it with its run id)";
        }
        String what = result.prUrl() != null
                ? "Pull request " + (result.prNumber() != null ? "#" + result.prNumber() + " " : "") + "opened: "
                        + result.prUrl()
                : "The agent run completed without opening a pull request";
        return what + " (agent run " + result.runId() + ", " + result.attempts()
                + (result.attempts() == 1 ? " attempt, " : " attempts, ") + CodegenIntegrator.seconds(result.responseTime())
                + ")";
    }
}
