package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.BridgeResult;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.retry.Deadline;
import io.jenkins.plugins.codegen.retry.RetryManager;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.stats.Statistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one call of the engine ({@link Work}: a task or a follow-up) to its end: prepares what is
 * sent, runs it through the retry-wrapped bridge within the organization's budget, and turns the
 * outcome into a result with its progress and statistics; an abort into a
 * {@link TaskAbortedException} that says what was known.
 */
final class TaskCalls {
    private final CodegenSettings settings;
    private final Connections connections;
    private final BridgeRequests requests;
    private final BridgeRuns runs;
    private final RetryManager retryManager;
    private final Statistics statistics;
    private final boolean waitForRun;
    private final Map<String, String> bridgeEnvironment;
    /** How much of the task's timeout earlier calls used: a task picked up again keeps its first deadline. */
    private final Duration timeoutUsed;

    TaskCalls(CodegenSettings settings, Connections connections, BridgeRequests requests, BridgeRuns runs,
              RetryManager retryManager, boolean waitForRun, Map<String, String> bridgeEnvironment,
              Duration timeoutUsed) {
        this.settings = settings;
        this.connections = connections;
        this.requests = requests;
        this.runs = runs;
        this.retryManager = retryManager;
        this.statistics = runs.statistics();
        this.waitForRun = waitForRun;
        this.bridgeEnvironment = Map.copyOf(bridgeEnvironment);
        this.timeoutUsed = timeoutUsed;
    }

    TaskResult execute(Work work, ProgressListener listener, BridgeState resumeFrom) throws InterruptedException {
        long started = System.nanoTime();
        statistics.taskStarted();
        TaskExecution execution = null;
        try {
            Work.Request request = work.prepare();
            Connections.Connection connection = connections.connection();
            if (work.followUp != null && settings.mock()) {
                connections.mockRunToFollowUp(connection, work.followUp.runId(), requests, runs, listener);
            }
            OrganizationBudget budget = settings.mock() ? OrganizationBudget.unlimited()
                    : OrganizationBudget.of(connection.apiUrl(), connection.orgId(), settings.timeScale());
            Deadline deadline = retryManager.deadlineAfter(timeLeft());
            execution = new TaskExecution(runs, request.build(connection), deadline, listener, budget,
                    work.lookFirst, secretMasker(connection), work.followUp);
            if (resumeFrom != null) {
                execution.resumingFrom(resumeFrom);
                listener.onProgress(Progress.ofRun(Progress.Kind.ATTEMPT, "Following the task's bridge again"
                        + (resumeFrom.runId() != null ? " (agent run " + resumeFrom.runId() + ")" : "")
                        + "; what it reported before is shown again.",
                        resumeFrom.runId(), resumeFrom.webUrl()));
            }
            BridgeResult result = runWithRetries(execution, deadline, budget, listener);
            Duration elapsed = elapsedSince(started);
            // Not waited for: the engine's part, creating the run exactly once, is what succeeded here.
            statistics.recordSuccess(elapsed, execution.attempts());
            TaskResult outcome = !waitForRun && !result.agentRun().orElseThrow().completed()
                    ? TaskResults.active(work.subject, result, execution, elapsed, backendName())
                    : TaskResults.success(work.subject, result, execution, elapsed, backendName());
            listener.onProgress(Progress.ofRun(Progress.Kind.SUCCEEDED, TaskResults.summary(outcome),
                    outcome.runId(), outcome.webUrl()));
            return outcome;
        } catch (CodegenException e) {
            Duration elapsed = elapsedSince(started);
            statistics.recordFailure(e.getErrorType(), elapsed, e.getAttempts());
            TaskResult outcome = TaskResults.failure(work.subject, e, execution, elapsed, backendName());
            listener.onProgress(Progress.ofFailure(Progress.Kind.FAILED, e.describe(), e.getErrorType(),
                    outcome.runId(), outcome.webUrl()));
            return outcome;
        } catch (InterruptedException e) {
            statistics.recordAborted();
            Long runId = execution == null ? null : execution.runId();
            String webUrl = execution == null ? null : execution.webUrl();
            String message = execution == null ? "Aborted before an agent run was created." : execution.abortMessage();
            listener.onProgress(Progress.ofFailure(Progress.Kind.ABORTED, message, ErrorType.ABORTED, runId, webUrl));
            TaskAbortedException aborted = new TaskAbortedException(message, TaskResults.aborted(work.subject, message,
                    execution, elapsedSince(started), backendName()));
            aborted.addSuppressed(e);
            throw aborted;
        }
    }

    /** The task's time: from its first start, for a task picked up again ({@code Builder#timeoutUsed}). */
    private Duration elapsedSince(long startedNanos) {
        return timeoutUsed.plusNanos(System.nanoTime() - startedNanos);
    }

    /** The task's timeout in real time (a time-scaled simulator shortens it), less what earlier calls used. */
    private Duration timeLeft() {
        Duration left = divide(settings.timeout(), settings.timeScale()).minus(timeoutUsed);
        return left.isNegative() ? Duration.ZERO : left;
    }

    static Duration divide(Duration duration, double by) {
        return Duration.ofNanos(Math.max(1, (long) (duration.toNanos() / by)));
    }

    /** Everything an entry of the agent's log is masked with: the token and the bridge's extra variables. */
    private SecretMasker secretMasker(Connections.Connection connection) {
        List<String> secrets = new ArrayList<>(bridgeEnvironment.values());
        secrets.add(connection.token());
        return SecretMasker.of(secrets);
    }

    private BridgeResult runWithRetries(TaskExecution execution, Deadline deadline, OrganizationBudget budget,
                                        ProgressListener listener) throws CodegenException, InterruptedException {
        budget.enter();
        try {
            return retryManager.execute(execution::attempt, deadline, (next, failure, wait) ->
                    listener.onProgress(Progress.ofFailure(Progress.Kind.RETRY, "Attempt " + (next - 1) + " failed ("
                            + failure.getErrorType().wireName() + ": " + failure.getMessage() + "); retrying in "
                            + TaskResults.seconds(wait), failure.getErrorType(), execution.runId(), execution.webUrl())));
        } finally {
            budget.leave();
        }
    }

    String backendName() {
        return settings.mock() ? "mock (" + settings.backend().wireName() + ")" : settings.backend().wireName();
    }
}
