package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.history.BuildTasks;
import io.jenkins.plugins.codegen.history.HistoryPage;
import io.jenkins.plugins.codegen.history.HistoryPager;
import io.jenkins.plugins.codegen.history.PageRequest;
import io.jenkins.plugins.codegen.history.Trend;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * The job's Codegen history for a job of 5,000 builds with one task each: the first page, a deep
 * page and the job page's trend, each timed and with the builds it read, against reading every build.
 */
final class HistorySuite implements Suite {
    static final int BUILDS = 5_000;
    private static final int WARMUP = 200;
    private static final int TIMED = 200;
    private static final int WHOLE_JOB_TIMED = 10;

    @Override
    public String name() {
        return "history";
    }

    /** What one reading of the history came to: the builds it parsed and the rows or points it made. */
    private record Reading(int buildsRead, int shown) {
    }

    @Override
    public SuiteReport run(Machine machine) {
        StoredBuilds job = new StoredBuilds(BUILDS);
        Table table = new Table("A job of " + Units.grouped(BUILDS) + " builds, one task each; median and p90 of "
                + TIMED + " readings after " + WARMUP + " warm-up readings (" + WHOLE_JOB_TIMED
                + " for the whole job):", "reading", "median", "p90", "builds read", "rows or points shown");
        List<Measure> measures = new ArrayList<>();

        PageRequest first = PageRequest.first();
        Timed firstPage = time(job, WARMUP, TIMED, builds -> page(HistoryPager.read(builds, first)));
        table.row("history, first page (" + first.size() + " rows)", Units.micros(firstPage.samples.median()),
                Units.micros(firstPage.samples.percentile(90)), Units.grouped(firstPage.reading.buildsRead()),
                Units.grouped(firstPage.reading.shown()));
        PageRequest deep = PageRequest.parse("100", null, null);
        Timed deepPage = time(job, WARMUP / 10, TIMED / 10, builds -> page(HistoryPager.read(builds, deep)));
        table.row("history, page 100 (rows " + Units.grouped(deep.start() + 1L) + " to "
                        + Units.grouped(deep.start() + (long) deep.size()) + ")", Units.millis(deepPage.samples.median()),
                Units.millis(deepPage.samples.percentile(90)), Units.grouped(deepPage.reading.buildsRead()),
                Units.grouped(deepPage.reading.shown()));
        Timed trend = time(job, WARMUP, TIMED, builds -> {
            Trend read = Trend.read(builds, Trend.DEFAULT_BUILDS);
            return new Reading(read.buildsRead(), read.points().size());
        });
        table.row("job page trend (" + Trend.DEFAULT_BUILDS + " newest builds)", Units.micros(trend.samples.median()),
                Units.micros(trend.samples.percentile(90)), Units.grouped(trend.reading.buildsRead()),
                Units.grouped(trend.reading.shown()));
        Timed whole = time(job, 2, WHOLE_JOB_TIMED, builds -> {
            int rows = 0;
            int read = 0;
            while (builds.hasNext()) {
                rows += builds.next().rows().size();
                read++;
            }
            return new Reading(read, rows);
        });
        table.row("every build (what a page that read the whole job would cost)", Units.millis(whole.samples.median()),
                Units.millis(whole.samples.percentile(90)), Units.grouped(whole.reading.buildsRead()),
                Units.grouped(whole.reading.shown()));

        int wanted = first.size() + 1;
        measures.add(Measure.check("History, first page of a 5,000-build job: builds read",
                Units.grouped(firstPage.reading.buildsRead()), "≤ " + wanted + " (the page's builds plus one)",
                firstPage.reading.buildsRead() <= wanted));
        measures.add(Measure.check("History, first page of a 5,000-build job: time", Units.micros(
                firstPage.samples.median()), "< 100 ms (well under 1 s)", firstPage.samples.median() < 100_000_000L));
        measures.add(Measure.info("Job page trend: time, builds read", Units.micros(trend.samples.median()) + ", "
                + trend.reading.buildsRead()));
        return new SuiteReport("Job history",
                "The history page's data (`HistoryPager`) and the job page's trend (`Trend`) for a job of "
                        + Units.grouped(BUILDS) + " builds with one task each. Each build is stored as text and parsed "
                        + "only when the reader asks for it, as Jenkins loads a build's `build.xml` on first access, so "
                        + "the builds read are the cost that grows with a real job. The times are this process's own; in "
                        + "Jenkins, each build read that is not in memory also costs the load of its `build.xml`.",
                measures, List.of(table), List.of("A deeper page reads every build before it (a build's tasks "
                        + "must be read to count its rows): page 100 costs about what its builds read say."));
    }

    private static Reading page(HistoryPage page) {
        return new Reading(page.buildsRead(), page.rows().size());
    }

    private record Timed(Samples samples, Reading reading) {
    }

    private static Timed time(StoredBuilds job, int warmup, int timed,
            Function<Iterator<BuildTasks>, Reading> read) {
        Samples samples = new Samples();
        Reading reading = null;
        for (int i = 0; i < warmup + timed; i++) {
            job.parsed = 0;
            long started = System.nanoTime();
            reading = read.apply(job.newestFirst());
            long elapsed = System.nanoTime() - started;
            if (reading.buildsRead() != job.parsed) {
                throw new IllegalStateException("the reader counted " + reading.buildsRead() + " builds, "
                        + job.parsed + " were parsed");
            }
            if (i >= warmup) {
                samples.add(elapsed);
            }
        }
        return new Timed(samples, reading);
    }
}
