package io.jenkins.plugins.codegen.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codegen.history.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static TaskSample task(String folder, Outcome outcome, int daysAgo, Integer minutesToPr) {
        return new TaskSample(folder, false, outcome, NOW.minus(Duration.ofDays(daysAgo)),
                minutesToPr == null ? null : Duration.ofMinutes(minutesToPr));
    }

    private static TaskSample fix(String folder, Outcome outcome, int daysAgo) {
        return new TaskSample(folder, true, outcome, NOW.minus(Duration.ofDays(daysAgo)), null);
    }

    @Test
    void theWindowsCountOnlyWhatStartedInThem() {
        Overview overview = Overview.of("", List.of(
                task("team-a", Outcome.SUCCEEDED, 1, 10),
                task("team-a", Outcome.FAILED, 10, null),
                fix("team-a", Outcome.SUCCEEDED, 29),
                task("team-a", Outcome.SUCCEEDED, 31, 5)), NOW);

        Figures week = overview.whole(Window.LAST_7_DAYS);
        assertThat(week.tasks()).isEqualTo(1);
        assertThat(week.fixes()).isZero();
        assertThat(week.successRate()).isEqualTo(1.0);
        Figures month = overview.whole(Window.LAST_30_DAYS);
        assertThat(month.tasks()).isEqualTo(2);
        assertThat(month.fixes()).isEqualTo(1);
        assertThat(month.succeeded()).isEqualTo(2);
        assertThat(month.failed()).isEqualTo(1);
        assertThat(month.successRate()).isEqualTo(2.0 / 3);
        assertThat(month.pullRequests()).isEqualTo(1);
    }

    @Test
    void aWindowIncludesItsFirstMoment() {
        Instant edge = Window.LAST_7_DAYS.since(NOW);
        assertThat(Window.LAST_7_DAYS.contains(edge, NOW)).isTrue();
        assertThat(Window.LAST_7_DAYS.contains(edge.minusMillis(1), NOW)).isFalse();
    }

    @Test
    void abortedAndRunningTasksCountAsTasksButNotInTheSuccessRate() {
        Figures figures = Overview.of("", List.of(task("", Outcome.ABORTED, 1, null),
                task("", Outcome.UNFINISHED, 1, null), task("", Outcome.FAILED, 1, null)), NOW)
                .whole(Window.LAST_7_DAYS);

        assertThat(figures.tasks()).isEqualTo(3);
        assertThat(figures.aborted()).isEqualTo(1);
        assertThat(figures.running()).isEqualTo(1);
        assertThat(figures.successRate()).isEqualTo(0.0);
    }

    @Test
    void withNothingEndedThereIsNoRateAndNoTimes() {
        Figures figures = Overview.of("", List.of(), NOW).whole(Window.LAST_30_DAYS);

        assertThat(figures).isEqualTo(Figures.NONE);
        assertThat(figures.successRate()).isNull();
        assertThat(figures.medianTimeToPullRequest()).isNull();
        assertThat(figures.p90TimeToPullRequest()).isNull();
    }

    @Test
    void medianAndNinetiethPercentileAreTimesATaskReallyTook() {
        List<TaskSample> samples = new ArrayList<>();
        for (int minutes = 1; minutes <= 10; minutes++) {
            samples.add(task("", Outcome.SUCCEEDED, 2, minutes));
        }
        samples.add(task("", Outcome.FAILED, 2, null));

        Figures figures = Overview.of("", samples, NOW).whole(Window.LAST_7_DAYS);

        assertThat(figures.medianTimeToPullRequest()).isEqualTo(Duration.ofMinutes(5));
        assertThat(figures.p90TimeToPullRequest()).isEqualTo(Duration.ofMinutes(9));
        assertThat(figures.toMap()).containsEntry("medianTimeToPullRequestMs", 300_000L)
                .containsEntry("p90TimeToPullRequestMs", 540_000L).containsEntry("pullRequests", 10);
    }

    @Test
    void percentilesByNearestRank() {
        List<Duration> one = List.of(Duration.ofSeconds(7));
        assertThat(Percentiles.nearestRank(one, 50)).isEqualTo(Duration.ofSeconds(7));
        assertThat(Percentiles.nearestRank(one, 90)).isEqualTo(Duration.ofSeconds(7));
        List<Duration> four = List.of(Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(2));
        assertThat(Percentiles.nearestRank(four, 50)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Percentiles.nearestRank(four, 90)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Percentiles.nearestRank(List.of(), 50)).isNull();
        assertThatThrownBy(() -> Percentiles.nearestRank(one, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFolderCountsItsSubfoldersAndGetsARowOfItsOwn() {
        Overview overview = Overview.of("", List.of(
                task("team-a", Outcome.SUCCEEDED, 1, 10),
                task("team-a/api", Outcome.FAILED, 1, null),
                task("team-a/api/v2", Outcome.SUCCEEDED, 1, 30),
                fix("team-b", Outcome.SUCCEEDED, 1),
                task("", Outcome.SUCCEEDED, 1, 1)), NOW);

        assertThat(overview.folders()).extracting(Overview.FolderRow::folder)
                .containsExactly("team-a", "team-a/api", "team-a/api/v2", "team-b");
        Figures teamA = overview.folders().get(0).in(Window.LAST_7_DAYS);
        assertThat(teamA.tasks()).isEqualTo(3);
        assertThat(teamA.medianTimeToPullRequest()).isEqualTo(Duration.ofMinutes(10));
        assertThat(overview.folders().get(1).in(Window.LAST_7_DAYS).tasks()).isEqualTo(2);
        assertThat(overview.whole(Window.LAST_7_DAYS).tasks()).isEqualTo(4);
        assertThat(overview.whole(Window.LAST_7_DAYS).fixes()).isEqualTo(1);
    }

    @Test
    void aFolderScopeSeesOnlyItselfAndBelowNotASiblingWithTheSamePrefix() {
        Overview overview = Overview.of("team-a", List.of(
                task("team-a", Outcome.SUCCEEDED, 1, 10),
                task("team-a/api", Outcome.SUCCEEDED, 1, 20),
                task("team-ab", Outcome.SUCCEEDED, 1, 5),
                task("", Outcome.SUCCEEDED, 1, 5)), NOW);

        assertThat(overview.scope()).isEqualTo("team-a");
        assertThat(overview.whole(Window.LAST_30_DAYS).tasks()).isEqualTo(2);
        assertThat(overview.folders()).extracting(Overview.FolderRow::folder).containsExactly("team-a/api");
    }

    @Test
    void aFolderNameIsAFullNameWithoutOuterSlashes() {
        assertThatThrownBy(() -> task("/team-a", Outcome.SUCCEEDED, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
