package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.bridge.PullRequest;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.Sentence;
import io.jenkins.plugins.codegen.integrator.SafeLinks;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.time.Duration;
import java.util.List;

/**
 * The {@link TaskResult} of a wait: the same shape a waiting {@code codegenTask} returns, without
 * the parts a wait has no part in (task id, title, prompt), one "attempt", and {@code backend}
 * {@value #BACKEND}; and how a wait's end is worded, as the bridge words a task's.
 */
final class WaitResults {
    static final String BACKEND = "watcher";

    private WaitResults() {
    }

    static TaskResult success(AgentRun run, Duration elapsed, int reads) {
        PullRequest pr = run.firstPullRequest().orElse(null);
        return new TaskResult(null, null, TaskStatus.SUCCEEDED, pr == null ? null : link(pr.url()),
                pr == null ? null : pr.number(), pr == null ? null : pr.title(), pr == null ? null : pr.branch(),
                run.id(), link(run.webUrl()), run.status(), 1, elapsed, null, 0, 0, List.of(), null, null, null, null,
                false, reads, BACKEND);
    }

    static TaskResult failure(CodegenException error, long runId, String webUrl, String runStatus, Duration elapsed,
                              int reads) {
        return new TaskResult(null, null, TaskStatus.FAILED, null, null, null, null, runId, link(webUrl), runStatus, 1,
                elapsed, null, 0, 0, List.of(), null, error.getErrorType(), error.getMessage(), error.getGuidance(),
                error.isRetryable(), reads, BACKEND);
    }

    /** The run ended without success: its result, else its summary, explains why. */
    static CodegenException taskFailed(long runId, AgentRun run, String status, String webUrl, SecretMasker masker) {
        String explanation = run.result() != null && !run.result().isEmpty() ? run.result()
                : run.summary() != null && !run.summary().isEmpty() ? run.summary() : "no explanation given";
        return CodegenException.builder(ErrorType.TASK_FAILED, masker.mask("agent run "
                        + runId + " ended with status " + status + ": " + explanation))
                .guidance(WatchGuidance.taskFailed(webUrl)).retryable(false).phase(ApiFailures.PHASE)
                .runId(runId).webUrl(webUrl).createOutcome(CreateOutcome.CREATED).build();
    }

    /** The deadline passed while the run worked; it may still be working. */
    static CodegenException timedOut(WatchState state, String status, String webUrl) {
        return CodegenException.builder(ErrorType.TIMEOUT, "agent run " + state.runId()
                        + " did not finish by the deadline, " + state.deadline() + " (last status " + status
                        + "); it may still be working: " + WatchGuidance.page(webUrl))
                .guidance(WatchGuidance.timeout(webUrl)).retryable(false).phase(ApiFailures.PHASE)
                .runId(state.runId()).webUrl(webUrl).createOutcome(CreateOutcome.CREATED).build();
    }

    /** The wait was cancelled; the run goes on. */
    static CodegenException aborted(long runId, String webUrl) {
        String message = "Aborted. Agent run " + runId + " may still be working: " + WatchGuidance.page(webUrl);
        return CodegenException.builder(ErrorType.ABORTED, message).runId(runId).webUrl(webUrl).build();
    }

    /** The last progress line: the pull request, or the error type, what happened and what to do. */
    static String endLine(TaskResult outcome) {
        if (!outcome.succeeded()) {
            return "[" + outcome.errorType().wireName() + "] "
                    + Sentence.withGuidance(outcome.errorMessage(), outcome.guidance());
        }
        return outcome.prUrl() != null
                ? "Pull request " + (outcome.prNumber() != null ? "#" + outcome.prNumber() + " " : "") + "opened: "
                        + outcome.prUrl() + " (agent run " + outcome.runId() + ")"
                : "Agent run " + outcome.runId() + " completed without opening a pull request";
    }

    /** Only http(s) links leave the watcher: a {@code javascript:} URL from the API is no link. */
    static String link(String url) {
        return SafeLinks.http(url).orElse(null);
    }
}
