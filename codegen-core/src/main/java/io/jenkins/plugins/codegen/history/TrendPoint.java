package io.jenkins.plugins.codegen.history;

import java.util.List;

/**
 * What one build's tasks came to, one point of the job's trend.
 *
 * @param build the build's number
 * @param label the build's name on the chart's axis
 * @param succeeded tasks that succeeded
 * @param failed tasks that failed
 * @param aborted tasks that were aborted or cut off
 * @param unfinished tasks still running or left running remotely
 * @param pullRequests pull requests opened
 * @param timeToPullRequestMs the mean time of the tasks that opened one; null when none did
 */
public record TrendPoint(int build, String label, int succeeded, int failed, int aborted, int unfinished,
        int pullRequests, Long timeToPullRequestMs) {

    /** The figures of one build's tasks. */
    public static TrendPoint of(BuildTasks build) {
        int[] counts = new int[Outcome.values().length];
        long prTime = 0;
        int prs = 0;
        List<HistoryRow> rows = build.rows();
        for (HistoryRow row : rows) {
            counts[row.outcome().ordinal()]++;
            if (row.openedPullRequest()) {
                prs++;
                prTime += row.timeMs();
            }
        }
        return new TrendPoint(build.build(), build.label(), counts[Outcome.SUCCEEDED.ordinal()],
                counts[Outcome.FAILED.ordinal()], counts[Outcome.ABORTED.ordinal()],
                counts[Outcome.UNFINISHED.ordinal()], prs, prs == 0 ? null : prTime / prs);
    }

    /** The time to pull request in whole seconds, rounded; null when no pull request was opened. */
    public Long timeToPullRequestSeconds() {
        return timeToPullRequestMs == null ? null : (timeToPullRequestMs + 500) / 1000;
    }

    public int tasks() {
        return succeeded + failed + aborted + unfinished;
    }
}
