package io.jenkins.plugins.codegen.bench;

import java.util.List;

/**
 * What one suite found: its summary lines, its detail tables and notes, and a paragraph saying what
 * it measures and how (printed, and written into the docs).
 */
record SuiteReport(String title, String about, List<Measure> measures, List<Table> details, List<String> notes) {

    SuiteReport {
        measures = List.copyOf(measures);
        details = List.copyOf(details);
        notes = List.copyOf(notes);
    }

    boolean allMet() {
        return measures.stream().noneMatch(m -> m.verdict() == Measure.Verdict.MISSED);
    }

    /** The report as a Markdown section under a heading of the given level. */
    String toMarkdown(int headingLevel) {
        return "#".repeat(headingLevel) + " " + title + "\n\n" + body();
    }

    /** The report without its heading: what it measures, the summary, the details and the notes. */
    String body() {
        StringBuilder text = new StringBuilder(about).append("\n\n");
        text.append(summary(measures).toMarkdown()).append('\n');
        for (Table table : details) {
            text.append(table.toMarkdown()).append('\n');
        }
        for (String note : notes) {
            text.append("- ").append(note).append('\n');
        }
        if (!notes.isEmpty()) {
            text.append('\n');
        }
        return text.toString();
    }

    /** The {@code | measure | figure | target | met |} table of some measures. */
    static Table summary(List<Measure> measures) {
        Table table = new Table(null, "measure", "figure", "target", "met");
        measures.forEach(m -> table.row(m.measure(), m.figure(), m.target(), m.verdict().text()));
        return table;
    }
}
