package io.jenkins.plugins.codegen.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line: which suites to run, whether to rewrite the docs, which Python to use.
 *
 * @param suites the suites to run, in the order they were named; the performance suites when none was
 * @param writeDocs rewrite docs/performance.md (after the five performance suites) and the soak section
 *                  of docs/reliability.md (after the soak)
 * @param python the interpreter to resolve: {@code --python}, else {@code PYTHON_PATH}, else {@code python3}
 * @param help print the usage and run nothing
 */
record BenchOptions(List<String> suites, boolean writeDocs, String python, boolean help) {
    /** What {@code ./bench/run} runs without suite names; the soak takes minutes and is run on its own. */
    static final List<String> PERFORMANCE_SUITES = List.of("overhead", "requests", "concurrency", "ratelimits",
            "optimizer");
    static final String SOAK = "soak";
    /** 1,000 runs waited on by the watcher, then followed by bridges; run on its own (about three minutes). */
    static final String WATCHER = "watcher";
    /** The job history's first page for a job of 5,000 builds; run on its own (a few seconds). */
    static final String HISTORY = "history";

    static final String USAGE = """
            usage: ./bench/run [SUITE...] [--write-docs] [--python PATH]

              SUITE         overhead, requests, concurrency, ratelimits, optimizer (the default: all five),
                            soak (1,100 tasks against a faulty simulator; takes a few minutes), or
                            watcher (1,000 runs waited on at once, then followed by bridges; a few minutes), or
                            history (a job of 5,000 builds: the history's first page, time and builds read)
              --write-docs  rewrite docs/performance.md (when all five performance suites ran), its
                            watcher section (when the watcher ran) and the soak section of
                            docs/reliability.md (when the soak ran)
              --python PATH the Python to run (default: $PYTHON_PATH, else python3)
            """;

    static BenchOptions parse(List<String> args, Map<String, String> env) {
        List<String> suites = new ArrayList<>();
        boolean writeDocs = false;
        boolean help = false;
        String python = env.getOrDefault("PYTHON_PATH", "");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--write-docs" -> writeDocs = true;
                case "-h", "--help" -> help = true;
                case "--python" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--python needs a path");
                    }
                    python = args.get(++i);
                }
                default -> {
                    if (!PERFORMANCE_SUITES.contains(arg) && !arg.equals(SOAK) && !arg.equals(WATCHER)
                            && !arg.equals(HISTORY)) {
                        throw new IllegalArgumentException("unknown suite or option: " + arg);
                    }
                    if (!suites.contains(arg)) {
                        suites.add(arg);
                    }
                }
            }
        }
        return new BenchOptions(suites.isEmpty() ? PERFORMANCE_SUITES : List.copyOf(suites), writeDocs,
                python.isBlank() ? "python3" : python, help);
    }

    boolean runsAllPerformanceSuites() {
        return suites.containsAll(PERFORMANCE_SUITES);
    }

    boolean runsSoak() {
        return suites.contains(SOAK);
    }

    boolean runsWatcher() {
        return suites.contains(WATCHER);
    }
}
