package io.jenkins.plugins.codegen.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./bench/run}: runs the named suites, prints their tables and a summary, and may rewrite the docs. */
public final class BenchMain {
    private static final Path DOCS = Path.of("docs");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.print(BenchOptions.USAGE);
            return;
        }
        Machine machine = Machine.current(Interpreter.resolve(options.python()));
        ZonedDateTime started = ZonedDateTime.now();
        out.println("Machine: " + machine.describe());
        out.println();

        Map<String, SuiteReport> reports = new LinkedHashMap<>();
        for (String name : options.suites()) {
            Suite suite = suite(name);
            out.println("Running " + name + " ...");
            long t0 = System.nanoTime();
            SuiteReport report = suite.run(machine);
            out.println(Units.format("(%s took %.0f s)", name, (System.nanoTime() - t0) / 1e9));
            out.println();
            out.println(report.toMarkdown(2));
            reports.put(name, report);
        }

        List<Measure> all = new ArrayList<>();
        reports.values().forEach(report -> all.addAll(report.measures()));
        out.println("## Summary");
        out.println();
        out.println(SuiteReport.summary(all).toMarkdown());

        if (options.writeDocs()) {
            DocsWriter docs = new DocsWriter(DOCS, machine, started);
            if (options.runsAllPerformanceSuites()) {
                List<SuiteReport> performance = new ArrayList<>();
                BenchOptions.PERFORMANCE_SUITES.forEach(name -> performance.add(reports.get(name)));
                out.println("Wrote " + docs.writePerformance(performance));
            } else if (!options.runsSoak() && !options.runsWatcher()) {
                out.println("docs/performance.md not written: it needs all five performance suites in one run.");
            }
            if (options.runsSoak()) {
                out.println("Wrote the soak section of " + docs.writeSoak(reports.get(BenchOptions.SOAK)));
            }
            if (options.runsWatcher()) {
                out.println("Wrote the watcher section of " + docs.writeWatcher(reports.get(BenchOptions.WATCHER)));
            }
        }
    }

    private static Suite suite(String name) {
        return switch (name) {
            case "overhead" -> new OverheadSuite();
            case "requests" -> new RequestsSuite();
            case "concurrency" -> new ConcurrencySuite();
            case "ratelimits" -> new RateLimitSuite();
            case "optimizer" -> new OptimizerSuite();
            case BenchOptions.SOAK -> new SoakSuite();
            case BenchOptions.WATCHER -> new WatcherSuite();
            case BenchOptions.HISTORY -> new HistorySuite();
            default -> throw new IllegalArgumentException("unknown suite: " + name);
        };
    }
}
