package io.jenkins.plugins.codegen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void printsAPaddedMarkdownTable() {
        Table table = new Table("Title:", "measure", "figure").row("ratio", 1.25).row("a longer measure", null);

        assertThat(table.toMarkdown()).isEqualTo("""
                Title:

                | measure          | figure |
                | ---------------- | ------ |
                | ratio            | 1.25   |
                | a longer measure |        |
                """);
    }

    @Test
    void cellsCannotBreakTheTable() {
        String markdown = new Table(null, "a").row("x | y\nz").toMarkdown();

        assertThat(markdown.lines().toList()).containsExactly("| a        |", "| -------- |", "| x \\| y z |");
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table(null, "a", "b").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSummaryMarksMissedTargets() {
        String summary = SuiteReport.summary(List.of(Measure.check("ratio", "1.6", "≤ 1.5", false),
                Measure.check("reads", "37", "≤ 40", true), Measure.info("wall", "2 s"))).toMarkdown();

        assertThat(summary).contains("| ratio   | 1.6    | ≤ 1.5  | **NO** |")
                .contains("| reads   | 37     | ≤ 40   | yes    |")
                .contains("| wall    | 2 s    | —      | —      |");
    }
}
