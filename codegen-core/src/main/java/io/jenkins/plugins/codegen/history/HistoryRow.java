package io.jenkins.plugins.codegen.history;

import java.util.Objects;

/**
 * One task of one build, as the job's history lists it: read from what the build stored, never kept
 * apart from it.
 *
 * @param build the build's number
 * @param kind who asked for the task
 * @param status the stored status: {@code RUNNING}, {@code ACTIVE}, {@code SUCCEEDED}, {@code FAILED},
 *               {@code ABORTED} or {@code INTERRUPTED}
 * @param title the task's title (untrusted text)
 * @param prUrl the pull request it opened; null if none (untrusted: a page links only http(s))
 * @param prNumber the pull request's number; null if none or unknown
 * @param runId the agent run; null if none was created
 * @param runUrl the agent run's page at Codegen; null if unknown (untrusted)
 * @param timeMs how long the task took; 0 while it runs
 * @param attempts the attempts the engine made; 0 when unknown
 * @param errorType the error type's wire name on failure; null otherwise
 * @param startedMillis when it started, epoch ms
 */
public record HistoryRow(int build, TaskKind kind, String status, String title, String prUrl, Integer prNumber,
        Long runId, String runUrl, long timeMs, int attempts, String errorType, long startedMillis) {

    public HistoryRow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        title = title == null ? "" : title;
    }

    /** Where the task ended, for the trend. */
    public Outcome outcome() {
        return Outcome.of(status);
    }

    /** Whether it opened a pull request. */
    public boolean openedPullRequest() {
        return prUrl != null && !prUrl.isEmpty();
    }
}
