package io.jenkins.plugins.codegen.overview;

import io.jenkins.plugins.codegen.history.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of tasks and fixes came to: how many, how they ended, the share that succeeded, and
 * the median and 90th percentile of the time to a pull request.
 *
 * @param successRate succeeded / (succeeded + failed), aborted and running ones left out as on the
 *     management page; null when none of them ended either way
 * @param medianTimeToPullRequest null without a pull request; likewise the 90th percentile
 */
public record Figures(int tasks, int fixes, int succeeded, int failed, int aborted, int running, int pullRequests,
                      Double successRate, Duration medianTimeToPullRequest, Duration p90TimeToPullRequest) {

    public static final Figures NONE = of(List.of());

    public static Figures of(Collection<TaskSample> samples) {
        int tasks = 0;
        int fixes = 0;
        int[] byOutcome = new int[Outcome.values().length];
        List<Duration> times = new ArrayList<>();
        for (TaskSample sample : samples) {
            if (sample.fix()) {
                fixes++;
            } else {
                tasks++;
            }
            byOutcome[sample.outcome().ordinal()]++;
            if (sample.timeToPullRequest() != null) {
                times.add(sample.timeToPullRequest());
            }
        }
        int succeeded = byOutcome[Outcome.SUCCEEDED.ordinal()];
        int failed = byOutcome[Outcome.FAILED.ordinal()];
        Double rate = succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed);
        return new Figures(tasks, fixes, succeeded, failed, byOutcome[Outcome.ABORTED.ordinal()],
                byOutcome[Outcome.UNFINISHED.ordinal()], times.size(), rate,
                Percentiles.nearestRank(times, 50), Percentiles.nearestRank(times, 90));
    }

    /** The figures as the REST API gives them: counts, the rate as a share, times in milliseconds. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tasks", tasks);
        map.put("fixes", fixes);
        map.put("succeeded", succeeded);
        map.put("failed", failed);
        map.put("aborted", aborted);
        map.put("running", running);
        map.put("pullRequests", pullRequests);
        map.put("successRate", successRate);
        map.put("medianTimeToPullRequestMs", medianTimeToPullRequest == null ? null : medianTimeToPullRequest.toMillis());
        map.put("p90TimeToPullRequestMs", p90TimeToPullRequest == null ? null : p90TimeToPullRequest.toMillis());
        return map;
    }
}
