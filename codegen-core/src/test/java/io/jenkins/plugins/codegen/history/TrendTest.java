package io.jenkins.plugins.codegen.history;

import static io.jenkins.plugins.codegen.history.Builds.opened;
import static io.jenkins.plugins.codegen.history.Builds.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void eachBuildWithTasksIsOnePointOldestFirstCountingHowItsTasksEnded() {
        Builds builds = new Builds(4, n -> switch (n) {
            case 4 -> List.of(opened(4, 60_000), opened(4, 120_400), row(4, TaskKind.FIX, "FAILED"));
            case 3 -> List.of(row(3, TaskKind.TASK, "ABORTED"), row(3, TaskKind.TASK, "INTERRUPTED"),
                    row(3, TaskKind.TASK, "RUNNING"));
            case 1 -> List.of(row(1, TaskKind.FOLLOW_UP, "SUCCEEDED"));
            default -> List.of();
        });

        Trend trend = Trend.read(builds, Trend.DEFAULT_BUILDS);

        assertThat(trend.points()).extracting(TrendPoint::build).containsExactly(1, 3, 4);
        TrendPoint newest = trend.points().get(2);
        assertThat(newest.succeeded()).isEqualTo(2);
        assertThat(newest.failed()).isEqualTo(1);
        assertThat(newest.pullRequests()).isEqualTo(2);
        assertThat(newest.timeToPullRequestSeconds()).isEqualTo(90L);
        assertThat(newest.label()).isEqualTo("#4");
        TrendPoint aborted = trend.points().get(1);
        assertThat(aborted.aborted()).isEqualTo(2);
        assertThat(aborted.unfinished()).isEqualTo(1);
        assertThat(aborted.tasks()).isEqualTo(3);
        assertThat(aborted.timeToPullRequestMs()).isNull();
        assertThat(trend.buildsRead()).isEqualTo(4);
    }

    @Test
    void theTrendReadsNoMoreThanItsWindowOfBuilds() {
        Builds builds = Builds.oneTaskEach(5_000);

        Trend trend = Trend.read(builds, Trend.DEFAULT_BUILDS);

        assertThat(builds.made).isEqualTo(Trend.DEFAULT_BUILDS);
        assertThat(trend.points()).hasSize(Trend.DEFAULT_BUILDS);
        assertThat(trend.points().get(0).build()).isEqualTo(4_951);
    }

    @Test
    void aJobWithoutTasksHasAnEmptyTrend() {
        assertThat(Trend.read(new Builds(3, n -> List.of()), 10).isEmpty()).isTrue();
    }
}
