package io.jenkins.plugins.codegen.history;

import static io.jenkins.plugins.codegen.history.Builds.buildsOf;
import static io.jenkins.plugins.codegen.history.Builds.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPagerTest {

    @Test
    void theFirstPageOfAJobOf5000BuildsReadsOnlyTheBuildsItShowsPlusOne() {
        Builds builds = Builds.oneTaskEach(5_000);

        HistoryPage page = HistoryPager.read(builds, PageRequest.first());

        assertThat(page.rows()).hasSize(25);
        assertThat(page.rows().get(0).build()).isEqualTo(5_000);
        assertThat(page.rows().get(24).build()).isEqualTo(4_976);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.hasPrevious()).isFalse();
        assertThat(page.buildsRead()).isEqualTo(26);
        assertThat(builds.made).isEqualTo(26);
    }

    @Test
    void aLaterPageStartsWhereThePreviousEndedAndTheLastHasNoNext() {
        HistoryPage second = HistoryPager.read(Builds.oneTaskEach(30), PageRequest.parse("2", null, "10"));
        HistoryPage last = HistoryPager.read(Builds.oneTaskEach(30), PageRequest.parse("3", null, "10"));
        HistoryPage beyond = HistoryPager.read(Builds.oneTaskEach(30), PageRequest.parse(null, "30", "10"));

        assertThat(buildsOf(second.rows())).containsExactly(20, 19, 18, 17, 16, 15, 14, 13, 12, 11);
        assertThat(second.hasNext()).isTrue();
        assertThat(second.previousStart()).isZero();
        assertThat(second.nextStart()).isEqualTo(20);
        assertThat(buildsOf(last.rows())).containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(last.builds()).extracting(TrendPoint::build).containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(last.hasNext()).isFalse();
        assertThat(beyond.rows()).isEmpty();
        assertThat(beyond.hasNext()).isFalse();
    }

    @Test
    void aBuildsTasksAreListedNewestFirstAndBuildsWithoutTasksAreSkipped() {
        Builds builds = new Builds(5, n -> switch (n) {
            case 5 -> List.of(row(5, TaskKind.TASK, "SUCCEEDED"), row(5, TaskKind.FOLLOW_UP, "FAILED"));
            case 3 -> List.of(row(3, TaskKind.FIX, "ABORTED"));
            default -> List.of();
        });

        HistoryPage page = HistoryPager.read(builds, new PageRequest(0, 2));

        assertThat(page.rows()).extracting(HistoryRow::kind).containsExactly(TaskKind.FOLLOW_UP, TaskKind.TASK);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.buildsRead()).isEqualTo(3);
        assertThat(page.builds()).extracting(TrendPoint::build).containsExactly(5);
        assertThat(page.builds().get(0).failed()).isEqualTo(1);
    }

    @Test
    void aPageThatEndsInsideABuildStillKnowsThereIsMore() {
        Builds builds = new Builds(2, n -> List.of(row(n, TaskKind.TASK, "SUCCEEDED"), row(n, TaskKind.TASK,
                "FAILED"), row(n, TaskKind.TASK, "SUCCEEDED")));

        HistoryPage page = HistoryPager.read(builds, new PageRequest(0, 2));

        assertThat(page.rows()).hasSize(2);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.buildsRead()).isEqualTo(1);
    }

    @Test
    void aHandEditedUrlGetsAPageNotAnError() {
        assertThat(PageRequest.parse(null, null, null)).isEqualTo(PageRequest.first());
        assertThat(PageRequest.parse("x", "-4", "100000")).isEqualTo(new PageRequest(0, PageRequest.MAX_SIZE));
        assertThat(PageRequest.parse("0", null, "0")).isEqualTo(new PageRequest(0, 1));
        assertThat(PageRequest.parse("3", "7", null)).isEqualTo(new PageRequest(7, 25));
        assertThat(PageRequest.parse(String.valueOf(Integer.MAX_VALUE), null, "100").start())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(new PageRequest(50, 25).pageNumber()).isEqualTo(3);
    }

    @Test
    void theKindsAreNamedAsThePagesSayThem() {
        assertThat(TaskKind.of(false, false, false).wireName()).isEqualTo("task");
        assertThat(TaskKind.of(true, false, false).wireName()).isEqualTo("fix");
        assertThat(TaskKind.of(false, true, false).wireName()).isEqualTo("follow-up");
        assertThat(TaskKind.of(true, false, true).wireName()).isEqualTo("automatic");
    }
}
