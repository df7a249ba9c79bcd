package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.bridge.BridgeResult;
import io.jenkins.plugins.codegen.bridge.PullRequest;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.prompt.OptimizedPrompt;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.time.Duration;
import java.util.List;

/** Builds {@link TaskResult}s from what a task's execution produced. */
final class TaskResults {
    private TaskResults() {
    }

    /**
     * What a result says about the work that was sent: a task and its optimized prompt, or a
     * follow-up and its prompt as given.
     */
    record Subject(String taskId, String title, String promptLevel, int originalPromptLength, int promptLength,
                   List<String> shed, String prompt, Long followUpOf) {

        /** @param prompt null when the task failed before its prompt was built */
        static Subject of(CodegenTask task, OptimizedPrompt prompt) {
            return new Subject(task.id(), TaskValidator.quotedTitle(task.title()), prompt == null ? null : prompt.level().wireName(),
                    prompt == null ? 0 : prompt.originalLength(), prompt == null ? 0 : prompt.finalLength(),
                    prompt == null ? List.of() : prompt.shed(), prompt == null ? null : prompt.text(), null);
        }

        /** A follow-up's prompt is sent as it is: no level, nothing shed. */
        static Subject of(FollowUp followUp) {
            int length = followUp.prompt() == null ? 0 : followUp.prompt().length();
            return new Subject("", followUp.title(), null, length, length, List.of(), followUp.prompt(),
                    followUp.runId());
        }
    }

    static TaskResult success(Subject subject, BridgeResult result, TaskExecution execution, Duration elapsed,
                              String backend) {
        AgentRun run = result.agentRun().orElseThrow();
        PullRequest pr = result.pullRequest().orElse(null);
        return new TaskResult(subject.taskId(), subject.title(), TaskStatus.SUCCEEDED,
                pr == null ? null : pr.url(), pr == null ? null : pr.number(), pr == null ? null : pr.title(),
                pr == null ? null : pr.branch(), run.id(), run.webUrl(), run.status(), execution.attempts(), elapsed,
                subject.promptLevel(), subject.originalPromptLength(), subject.promptLength(), subject.shed(),
                subject.prompt(), null, null, null, false, execution.apiRequests(), backend, subject.followUpOf(),
                execution.agentLog());
    }

    /** The agent run exists and was not waited for: its id, page and status, no pull request yet. */
    static TaskResult active(Subject subject, BridgeResult result, TaskExecution execution, Duration elapsed,
                             String backend) {
        AgentRun run = result.agentRun().orElseThrow();
        return new TaskResult(subject.taskId(), subject.title(), TaskStatus.ACTIVE, null, null, null, null, run.id(),
                run.webUrl(), run.status(), execution.attempts(), elapsed, subject.promptLevel(),
                subject.originalPromptLength(), subject.promptLength(), subject.shed(), subject.prompt(), null, null,
                null, false, execution.apiRequests(), backend, subject.followUpOf(), execution.agentLog());
    }

    static TaskResult failure(Subject subject, CodegenException error, TaskExecution execution, Duration elapsed,
                              String backend) {
        Long runId = error.getRunId().orElse(execution == null ? null : execution.runId());
        String webUrl = error.getWebUrl().orElse(execution == null ? null : execution.webUrl());
        return new TaskResult(subject.taskId(), subject.title(), TaskStatus.FAILED, null, null, null, null, runId,
                webUrl, execution == null ? null : execution.runStatus(), error.getAttempts(), elapsed,
                subject.promptLevel(), subject.originalPromptLength(), subject.promptLength(), subject.shed(),
                subject.prompt(), error.getErrorType(), error.getMessage(), error.getGuidance(), error.isRetryable(),
                execution == null ? 0 : execution.apiRequests(), backend, subject.followUpOf(),
                execution == null ? List.of() : execution.agentLog());
    }

    /** What was known when the task was aborted: the attempts so far, the prompt, the run that may still work. */
    static TaskResult aborted(Subject subject, String message, TaskExecution execution, Duration elapsed,
                              String backend) {
        CodegenException error = CodegenException.builder(ErrorType.ABORTED, message)
                .attempts(execution == null ? 0 : execution.attempts())
                .runId(execution == null ? null : execution.runId())
                .webUrl(execution == null ? null : execution.webUrl()).build();
        return failure(subject, error, execution, elapsed, backend);
    }

    /** "Pull request #17 opened: <url> (agent run 5, 1 attempt, 12.3 s)". */
    static String summary(TaskResult result) {
        if (result.active()) {
            // The run's creation (or the follow-up), with its page, was said as it happened.
            String what = result.followUp() ? "The follow-up to agent run " + result.runId()
                    : "Agent run " + result.runId();
            return what + " is not waited for (it is " + result.runStatus() + "; wait for it with its run id)";
        }
        String what = result.prUrl() != null
                ? "Pull request " + (result.prNumber() != null ? "#" + result.prNumber() + " " : "") + "opened: "
                        + result.prUrl()
                : "The agent run completed without opening a pull request";
        return what + " (agent run " + result.runId() + (result.followUp() ? ", follow-up" : "") + ", "
                + result.attempts() + (result.attempts() == 1 ? " attempt, " : " attempts, ")
                + seconds(result.responseTime()) + ")";
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
