package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How many status reads a run costs and how late its end is noticed, with the engine's adaptive
 * poll and with a fixed 5-second one, measured on the simulator's side: the run record's
 * {@code gets}, and {@code detected_sim - terminal_sim}. Those runs go without the live log (their
 * spec turns the logs endpoint off, so the bridge reads plain status as before); the 10-minute runs
 * are also run with it, where the reads are the run's {@code logs} reads plus its {@code gets}.
 */
final class RequestsSuite implements Suite {
    /**
     * Simulated seconds per real second. Every poll cycle has a real cost (the bridge waking, a new
     * connection, the answer: a few milliseconds) that the scale stretches: at 20, one real
     * millisecond is 0.02 simulated seconds, 0.4 % of the 5-second bound. The suite measures that
     * cost on the fixed-poll runs and reports it as the measurement error. The 30-minute runs take
     * 90 real seconds; all runs go at once.
     */
    static final double SCALE = 20;
    static final int[] MINUTES = {1, 5, 10, 30};
    static final int REPEATS = 3;
    static final double INTERVAL_SECONDS = 5;
    static final int TARGET_READS_10_MINUTES = 40;
    /** The same reads, plus the one plain read for the pull requests that the logs answer lacks. */
    static final int TARGET_READS_10_MINUTES_LIVE_LOG = TARGET_READS_10_MINUTES + 1;
    static final int LIVE_LOG_MINUTES = 10;
    static final int TARGET_FRACTION_30_MINUTES = 6;
    /** Long enough for a 30-minute run and its last poll; the timeout does not change how polling goes. */
    private static final Duration TIMEOUT = Duration.ofHours(2);

    @Override
    public String name() {
        return "requests";
    }

    enum Poll {
        ADAPTIVE("adaptive (5 s, +10 %, ≤ 120 s)"), FIXED("fixed 5 s"),
        LIVE_LOG("adaptive, with live log");

        final String label;

        Poll(String label) {
            this.label = label;
        }
    }

    /** One run: its length, how it is polled, and which repeat it is. */
    record Case(Poll poll, int minutes, int repeat) {
        String id() {
            return poll.name().toLowerCase(Locale.ROOT) + "-" + minutes + "m-" + repeat;
        }

        /** Its own spec: the run is told apart by it, and the engine's per-URL budget is its own. */
        String spec() {
            return "success;duration=" + minutes * 60 + ";id=" + id()
                    + (poll == Poll.LIVE_LOG ? "" : ";logs_endpoint=false");
        }
    }

    /** What the simulator recorded of one case's run. */
    record Observed(Case testCase, SimulatorClient.Run run) {
        double delay() {
            return run.detectedSim() - run.terminalSim();
        }

        /** Time from creation to the read that noticed the end. */
        double elapsed() {
            return run.detectedSim() - run.createdSim();
        }

        double bound() {
            return Math.max(INTERVAL_SECONDS, 0.1 * elapsed());
        }

        /** Simulated seconds per poll cycle beyond the nominal interval (fixed poll only). */
        double cycleExcess() {
            return elapsed() / run.gets() - INTERVAL_SECONDS;
        }

        /** The status reads: plain reads, and with the live log the reads of the run's log too. */
        int reads() {
            return run.gets() + run.logs();
        }
    }

    @Override
    public SuiteReport run(Machine machine) throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int minutes : MINUTES) {
            for (Poll poll : Poll.values()) {
                for (int repeat = 1; repeat <= REPEATS && (poll != Poll.LIVE_LOG || minutes == LIVE_LOG_MINUTES);
                     repeat++) {
                    cases.add(new Case(poll, minutes, repeat));
                }
            }
        }
        List<Observed> observed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher();
             SimulatorServer simulator = SimulatorServer.start(launcher, machine.python().executable(),
                     SimulatorOptions.DEFAULT.withTimeScale(SCALE))) {
            ExecutorService pool = Executors.newFixedThreadPool(cases.size());
            try {
                List<Future<TaskResult>> results = new ArrayList<>();
                for (Case c : cases) {
                    results.add(pool.submit(() -> runTask(c, simulator, launcher, machine)));
                }
                for (int i = 0; i < cases.size(); i++) {
                    TaskResult result = results.get(i).get();
                    if (!result.succeeded()) {
                        notes.add("Run " + cases.get(i).spec() + " failed: " + result.errorType() + ": "
                                + result.errorMessage());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            Map<String, List<SimulatorClient.Run>> runsBySpec = new SimulatorClient(simulator.baseUrl()).runs()
                    .stream().collect(Collectors.groupingBy(SimulatorClient.Run::spec));
            for (Case c : cases) {
                List<SimulatorClient.Run> runs = runsBySpec.getOrDefault(c.spec(), List.of());
                if (runs.size() != 1 || runs.get(0).detectedSim() == null) {
                    throw new IllegalStateException(c.spec() + ": expected one run whose end was noticed, found "
                            + runs);
                }
                observed.add(new Observed(c, runs.get(0)));
            }
        }
        return report(observed, notes);
    }

    private static TaskResult runTask(Case c, SimulatorServer simulator, LocalBridgeLauncher launcher,
                                      Machine machine) throws Exception {
        CodegenSettings.Builder settings = Fixtures.against(simulator.baseUrl(c.spec()), machine.python(), SCALE)
                .timeout(TIMEOUT);
        if (c.poll() == Poll.FIXED) {
            // maxPollInterval = pollInterval: the growth cannot raise the wait above the cap.
            Duration interval = Duration.ofSeconds((long) INTERVAL_SECONDS);
            settings.pollInterval(interval).maxPollInterval(interval);
        }
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings.build(), launcher).build()) {
            return engine.processTask(Fixtures.task(c.id()), TaskContext.empty());
        }
    }

    private static SuiteReport report(List<Observed> observed, List<String> notes) {
        double error = observed.stream().filter(o -> o.testCase().poll() == Poll.FIXED)
                .mapToDouble(Observed::cycleExcess).max().orElse(0);
        double allowance = Math.max(0, error);
        Table table = new Table("Per run length and poll, the worst of " + REPEATS + " runs (simulated seconds):",
                "run", "poll", "status reads", "fixed 5 s, analytic", "worst delay", "its bound", "bound held");
        for (int minutes : MINUTES) {
            for (Poll poll : Poll.values()) {
                List<Observed> group = observed.stream()
                        .filter(o -> o.testCase().minutes() == minutes && o.testCase().poll() == poll).toList();
                if (group.isEmpty()) {
                    continue;
                }
                Observed worst = group.stream().max(Comparator.comparingDouble(o -> o.delay() / o.bound())).orElseThrow();
                long held = group.stream().filter(o -> o.delay() <= o.bound() + allowance).count();
                table.row(minutes + " min", poll.label, maxReads(group, o -> true),
                        minutes * 60 / (int) INTERVAL_SECONDS, Units.seconds(worst.delay()),
                        Units.seconds(worst.bound()), held + "/" + group.size());
            }
        }

        int reads10 = maxReads(observed, o -> o.testCase().minutes() == 10 && o.testCase().poll() == Poll.ADAPTIVE);
        int adaptive30 = maxReads(observed, o -> o.testCase().minutes() == 30 && o.testCase().poll() == Poll.ADAPTIVE);
        int fixed30 = observed.stream().filter(o -> o.testCase().minutes() == 30 && o.testCase().poll() == Poll.FIXED)
                .mapToInt(o -> o.run().gets()).min().orElseThrow();
        int fixed10 = maxReads(observed, o -> o.testCase().minutes() == 10 && o.testCase().poll() == Poll.FIXED);
        List<Observed> live = observed.stream().filter(o -> o.testCase().poll() == Poll.LIVE_LOG).toList();
        int live10 = maxReads(live, o -> true);
        int liveLogs = live.stream().mapToInt(o -> o.run().logs()).max().orElseThrow();
        int liveGets = live.stream().mapToInt(o -> o.run().gets()).max().orElseThrow();
        long heldAll = observed.stream().filter(o -> o.delay() <= o.bound() + allowance).count();
        long heldStrictly = observed.stream().filter(o -> o.delay() <= o.bound()).count();
        Observed worst = observed.stream().max(Comparator.comparingDouble(o -> o.delay() / o.bound())).orElseThrow();

        notes.add(Units.format("Time scale %.0f: one real millisecond is %.2f simulated seconds. Measured error: "
                        + "each fixed-poll cycle took up to %.3f simulated seconds (%.1f real ms) beyond its 5 s "
                        + "((detected − created) ÷ reads − 5 s), the cost of waking the bridge and of the request, "
                        + "stretched by the scale. A delay may exceed its nominal wait by that much, so the bound "
                        + "is checked as delay ≤ bound + %.3f s; %d of %d runs hold it without that allowance.",
                SCALE, SCALE / 1000, error, error / SCALE * 1000, allowance, heldStrictly, observed.size()));
        notes.add("The fixed poll's reads match the analytic run length ÷ 5 s (a little under it: each cycle is "
                + "that error longer than 5 s), so the bridge's growth did not raise the fixed interval.");
        notes.add("The runs without the live log have `logs_endpoint=false` in their spec: the bridge's first read of "
                + "the log is refused (404, not a read of the run) and it reads plain status from then on, as before "
                + "the live log. With it, each read while the run works is a read of its log (`skip` = entries "
                + "seen), and one plain read at the end gets the pull request.");
        notes.add("All " + observed.size() + " runs go at once, each under its own scenario spec (so each has "
                + "the engine's per-URL organization budget to itself, as a single task would); the delay bound "
                + "uses the time from creation to the read that noticed the end.");

        List<Measure> measures = List.of(
                Measure.check("Status reads, 10-minute run (adaptive, worst of " + REPEATS + ")",
                        reads10 + " (fixed 5 s: " + fixed10 + "; analytic 120)", "≤ " + TARGET_READS_10_MINUTES,
                        reads10 <= TARGET_READS_10_MINUTES),
                Measure.check("Status reads, 10-minute run with live log (worst of " + REPEATS + ")",
                        Units.format("%d (logs reads ≤ %d, plain reads ≤ %d; without: %d)", live10, liveLogs,
                                liveGets, reads10), "≤ " + TARGET_READS_10_MINUTES_LIVE_LOG,
                        live10 <= TARGET_READS_10_MINUTES_LIVE_LOG),
                Measure.check("Status reads, 30-minute run: adaptive ÷ fixed 5 s",
                        Units.format("%d ÷ %d = 1/%.1f", adaptive30, fixed30, (double) fixed30 / adaptive30),
                        "≤ 1/" + TARGET_FRACTION_30_MINUTES, adaptive30 * TARGET_FRACTION_30_MINUTES <= fixed30),
                Measure.check("Detection delay ≤ max(5 s, 10 % of elapsed), every run",
                        Units.format("%d/%d (worst %s at a %s bound)", heldAll, observed.size(),
                                Units.seconds(worst.delay()), Units.seconds(worst.bound())),
                        "all runs", heldAll == observed.size()),
                Measure.info("Detection delay measurement error (scale " + (int) SCALE + ")",
                        Units.format("%.3f s simulated per poll cycle", error)));
        return new SuiteReport("API requests per run and detection delay",
                "Simulated runs of 1, 5, 10 and 30 minutes (`success;duration=<seconds>`), each " + REPEATS
                        + " times with the default poll (5 s, growing by 10 % of the time since the status last "
                        + "changed, at most 120 s) and " + REPEATS + " times with a fixed 5-second poll "
                        + "(`pollInterval` = `maxPollInterval` = 5 s). The simulator and the engine run at time "
                        + "scale " + (int) SCALE + ". The 10-minute runs are also run " + REPEATS + " times with "
                        + "the live log (the default; the others turn the logs endpoint off). From each run record: "
                        + "the status reads (`gets`, plus `logs` with the live log) and the "
                        + "detection delay (`detected_sim − terminal_sim`), checked against max(5 s, 10 % of the "
                        + "time since creation). Targets: at most " + TARGET_READS_10_MINUTES + " reads for a "
                        + "10-minute run (" + TARGET_READS_10_MINUTES_LIVE_LOG + " with the live log: the same plus "
                        + "the final plain read), at most 1/" + TARGET_FRACTION_30_MINUTES + " of the fixed poll's for a "
                        + "30-minute run, the bound held in every run.",
                measures, List.of(table), notes);
    }

    private static int maxReads(List<Observed> observed, Predicate<Observed> which) {
        return observed.stream().filter(which).mapToInt(Observed::reads).max().orElseThrow();
    }
}
