package io.jenkins.plugins.codegen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.bridge.BridgeCommand;
import io.jenkins.plugins.codegen.bridge.BridgeListener;
import io.jenkins.plugins.codegen.bridge.BridgeRequest;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.bridge.PythonBridge;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import io.jenkins.plugins.codegen.watch.Budgets;
import io.jenkins.plugins.codegen.watch.Watch;
import io.jenkins.plugins.codegen.watch.WatchClock;
import io.jenkins.plugins.codegen.watch.Watcher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * A thousand agent runs waited on at once by one watcher in one JVM, then the same thousand runs
 * (the same lengths, created the same way) followed by bridges, as the engine follows a run today.
 * The simulator records every run's reads and when its end was noticed; the JVM counts threads,
 * child processes and heap.
 */
final class WatcherSuite implements Suite {
    static final int RUNS = 1_000;
    /** Run lengths in simulated minutes, in turn: 200 runs of each, 10 minutes among them. */
    static final double[] MINUTES = {5, 7.5, 10, 12.5, 15};
    /** Runs are created one after another over this many simulated seconds, as builds start: all overlap. */
    static final double STAGGER_SECONDS = 240;
    /** Watcher part: 1,140 simulated seconds in 114 real ones; a real millisecond is 0.01 simulated seconds. */
    static final double WATCHER_SCALE = 10;
    /**
     * Bridge part: the engine runs at most {@code maxConcurrentBridges} (64) bridges at once, so the
     * thousand runs are followed 64 at a time; a higher scale keeps that within a minute or two.
     */
    static final double BRIDGE_SCALE = 200;
    static final int BRIDGE_SLOTS = 64;
    static final int TARGET_THREADS = 8;
    static final int TARGET_READS_10_MINUTES = 40;
    static final double INTERVAL_SECONDS = 5;
    private static final Duration TIMEOUT = Duration.ofHours(2);
    /**
     * Simulated time, as the bridge counts it: 6,000 s are 30 real seconds at scale 200. A default
     * 30 s would be 0.15 real seconds, which a simulator busy with 64 bridges does not always meet.
     */
    private static final Duration BRIDGE_REQUEST_TIMEOUT = Duration.ofSeconds(6_000);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String name() {
        return "watcher";
    }

    /** What one way of following the runs did, from the JVM's and the simulator's side. */
    record Load(String label, long completed, long wallNanos, int addedThreads, long bridgesStarted,
                long processesStarted,
                long peakHeapBytes, List<SimulatorClient.Run> runs, Map<Long, Double> minutesById,
                List<String> failures) {

        int maxReads(double minutes) {
            return runs.stream().filter(r -> minutesById.get(r.id()) == minutes).mapToInt(r -> r.gets() + r.logs())
                    .max().orElse(0);
        }

        long boundHeld() {
            return runs.stream().filter(r -> r.detectedSim() != null && delay(r) <= bound(r)).count();
        }

        SimulatorClient.Run worst() {
            return runs.stream().filter(r -> r.detectedSim() != null)
                    .max((a, b) -> Double.compare(delay(a) / bound(a), delay(b) / bound(b))).orElse(null);
        }
    }

    static double delay(SimulatorClient.Run run) {
        return run.detectedSim() - run.terminalSim();
    }

    /** max(5 s, 10 % of the time from the run's creation to the read that noticed its end). */
    static double bound(SimulatorClient.Run run) {
        return Math.max(INTERVAL_SECONDS, 0.1 * (run.detectedSim() - run.createdSim()));
    }

    @Override
    public SuiteReport run(Machine machine) throws Exception {
        Load watcher = watcherLoad(machine);
        Load bridges = bridgeLoad(machine);
        return report(watcher, bridges);
    }

    private static double minutes(int index) {
        return MINUTES[index % MINUTES.length];
    }

    private static Load watcherLoad(Machine machine) throws Exception {
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher();
             SimulatorServer simulator = SimulatorServer.start(launcher, machine.python().executable(),
                     SimulatorOptions.DEFAULT.withTimeScale(WATCHER_SCALE))) {
            Creator creator = new Creator(simulator);
            SimulatorClient client = new SimulatorClient(simulator.baseUrl());
            List<Watch> watches = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            long completed;
            long wall;
            int added;
            ResourceSampler sampler = ResourceSampler.start();
            int baseline = ManagementFactory.getThreadMXBean().getThreadCount();
            // The watcher's threads start with it: built after the baseline, they are what it adds.
            try (Watcher watcher = Watcher.builder().clock(WatchClock.scaled(WATCHER_SCALE))
                    .budgets(Budgets.UNLIMITED).build()) {
                long started = System.nanoTime();
                for (int i = 0; i < RUNS; i++) {
                    creator.pace(i, WATCHER_SCALE, started);
                    long id = creator.create(i);
                    watches.add(watcher.watch(watcher.stateFor(simulator.baseUrl(), Fixtures.ORG_ID, id, TIMEOUT),
                            Fixtures.TOKEN, ProgressListener.NONE));
                }
                completed = 0;
                for (Watch watch : watches) {
                    TaskResult result = watch.await();
                    if (result.succeeded()) {
                        completed++;
                    } else if (failures.size() < 5) {
                        failures.add(result.runId() + ": " + result.errorType() + ": " + result.errorMessage());
                    }
                }
                wall = System.nanoTime() - started;
                added = sampler.peakThreads() - baseline;
            }
            sampler.stop();
            creator.close();
            return new Load("one watcher", completed, wall, added, sampler.bridgesStarted(),
                    sampler.processesStarted(),
                    sampler.peakHeapBytes(), client.runs(), creator.minutesById(), failures);
        }
    }

    private static Load bridgeLoad(Machine machine) throws Exception {
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher();
             SimulatorServer simulator = SimulatorServer.start(launcher, machine.python().executable(),
                     SimulatorOptions.DEFAULT.withTimeScale(BRIDGE_SCALE))) {
            Creator creator = new Creator(simulator);
            SimulatorClient client = new SimulatorClient(simulator.baseUrl());
            PythonBridge bridge = new PythonBridge(launcher, machine.python().executable());
            List<Future<String>> followed = new ArrayList<>();
            ResourceSampler sampler = ResourceSampler.start();
            int baseline = ManagementFactory.getThreadMXBean().getThreadCount();
            // The callers stand for the engine's bridge slots: a Jenkins executor thread each.
            ExecutorService callers = Executors.newFixedThreadPool(BRIDGE_SLOTS);
            long started = System.nanoTime();
            try {
                for (int i = 0; i < RUNS; i++) {
                    creator.pace(i, BRIDGE_SCALE, started);
                    long id = creator.create(i);
                    BridgeRequest request = BridgeRequest.builder(BridgeCommand.RUN, simulator.baseUrl(), Fixtures.ORG_ID)
                            .resumeRunId(id).prompt("unused when resuming").deadline(TIMEOUT)
                            .requestTimeout(BRIDGE_REQUEST_TIMEOUT).timeScale(BRIDGE_SCALE).build();
                    followed.add(callers.submit(() -> follow(bridge, request)));
                }
                long completed = 0;
                List<String> failures = new ArrayList<>();
                for (Future<String> future : followed) {
                    String failure = future.get();
                    if (failure == null) {
                        completed++;
                    } else if (failures.size() < 5) {
                        failures.add(failure);
                    }
                }
                long wall = System.nanoTime() - started;
                int added = sampler.peakThreads() - baseline;
                sampler.stop();
                return new Load(BRIDGE_SLOTS + " bridges at a time", completed, wall, added,
                        sampler.bridgesStarted(), sampler.processesStarted(), sampler.peakHeapBytes(), client.runs(), creator.minutesById(),
                        failures);
            } finally {
                callers.shutdownNow();
                creator.close();
            }
        }
    }

    /** Null when the bridge followed the run to its end; what went wrong otherwise. */
    private static String follow(PythonBridge bridge, BridgeRequest request) throws InterruptedException {
        try {
            bridge.execute(request, Fixtures.TOKEN, BridgeListener.NONE);
            return null;
        } catch (CodegenException e) {
            return e.describe();
        }
    }

    /** Creates the runs, each under its own spec (its length), one after another over the stagger. */
    private static final class Creator {
        private final SimulatorServer simulator;
        /** The creator's own thread, started before the baseline count: it is the bench's, not the watcher's. */
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(thread)
                .build();
        private final Map<Long, Double> minutesById = new ConcurrentHashMap<>();

        Creator(SimulatorServer simulator) throws Exception {
            this.simulator = simulator;
            thread.submit(() -> { }).get();
        }

        void close() {
            thread.shutdownNow();
        }

        /** Waits until run {@code index} is due: runs are spread evenly over the stagger (simulated seconds). */
        void pace(int index, double scale, long startedNanos) throws InterruptedException {
            long due = startedNanos + (long) (index * STAGGER_SECONDS / RUNS / scale * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }

        long create(int index) throws IOException, InterruptedException {
            double minutes = minutes(index);
            String spec = "success;duration=" + (minutes * 60) + ";id=run-" + index;
            HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl(spec) + "/v1/organizations/"
                            + Fixtures.ORG_ID + "/agent/run"))
                    .header("Authorization", "Bearer " + Fixtures.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Run " + index + "\"}")).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("create " + index + " answered " + response.statusCode() + ": " + response.body());
            }
            long id = MAPPER.readTree(response.body()).path("id").asLong();
            minutesById.put(id, minutes);
            return id;
        }

        Map<Long, Double> minutesById() {
            return minutesById;
        }
    }

    private static SuiteReport report(Load watcher, Load bridges) {
        Table table = new Table("The same " + Units.grouped(RUNS) + " runs, two ways (simulated seconds):",
                "figure", watcher.label(), bridges.label());
        table.row("runs completed", watcher.completed() + "/" + RUNS, bridges.completed() + "/" + RUNS);
        table.row("wall time (time scale)", Units.seconds(watcher.wallNanos() / 1e9) + " (" + (int) WATCHER_SCALE + ")",
                Units.seconds(bridges.wallNanos() / 1e9) + " (" + (int) BRIDGE_SCALE + ")");
        table.row("peak threads added", watcher.addedThreads(), bridges.addedThreads());
        table.row("bridges run (one per folder, sampled)", watcher.bridgesStarted(), bridges.bridgesStarted());
        table.row("processes started (sampled)", watcher.processesStarted(), bridges.processesStarted());
        for (double minutes : MINUTES) {
            table.row("status reads, " + Units.format("%.1f", minutes) + "-minute runs (worst)",
                    watcher.maxReads(minutes), bridges.maxReads(minutes));
        }
        table.row("detection delay ≤ max(5 s, 10 % of elapsed)", watcher.boundHeld() + "/" + RUNS,
                bridges.boundHeld() + "/" + RUNS);
        table.row("worst detection delay (its bound)", worst(watcher), worst(bridges));
        table.row("peak heap used (sampled)", Units.megabytes(watcher.peakHeapBytes()),
                Units.megabytes(bridges.peakHeapBytes()));

        int reads10 = watcher.maxReads(10);
        List<Measure> measures = List.of(
                Measure.check("Watcher: runs completed", watcher.completed() + "/" + RUNS, Units.grouped(RUNS) + " of "
                        + Units.grouped(RUNS), watcher.completed() == RUNS),
                Measure.check("Watcher: peak threads added", String.valueOf(watcher.addedThreads()),
                        "≤ " + TARGET_THREADS, watcher.addedThreads() <= TARGET_THREADS),
                Measure.check("Watcher: processes started", String.valueOf(watcher.processesStarted()), "0",
                        watcher.processesStarted() == 0),
                Measure.check("Watcher: status reads per 10-minute run (worst)", String.valueOf(reads10),
                        "≤ " + TARGET_READS_10_MINUTES + " (the bridge's)", reads10 <= TARGET_READS_10_MINUTES),
                Measure.check("Watcher: detection delay ≤ max(5 s, 10 % of elapsed), every run",
                        watcher.boundHeld() + "/" + RUNS + " (worst " + worst(watcher) + ")", "all runs",
                        watcher.boundHeld() == RUNS),
                Measure.info("Watcher: peak heap used (sampled)", Units.megabytes(watcher.peakHeapBytes())),
                Measure.info("Bridges for the same runs: threads added, bridges (processes), bound held",
                        bridges.addedThreads() + ", " + bridges.bridgesStarted() + " (" + bridges.processesStarted()
                                + "), " + bridges.boundHeld() + "/" + RUNS));
        List<String> notes = new ArrayList<>(List.of(
                "Threads added: the peak of live threads (ThreadMXBean, exact) less those alive before the watcher "
                        + "was built (the simulator's, the bench's sampler). For the watcher that is its timer thread, its "
                        + "pool thread and the HTTP client's selector, and, on a machine of two CPUs or fewer, the "
                        + "short-lived threads on which the JDK's HTTP client completes each exchange (its common pool "
                        + "has one thread there, so CompletableFuture starts a thread per task); for the bridges, the "
                        + BRIDGE_SLOTS
                        + " caller threads (in Jenkins, executor threads that each hold an executor; each follows its "
                        + "bridge's files) and the JDK's process reapers, which wait for the start commands.",
                "Bridges run are counted as in the concurrency section: the machine's processes whose arguments "
                        + "import codegen_bridge and name a folder under this JVM's temporary folder (a bridge runs "
                        + "detached, so it is no longer this JVM's descendant), one per folder. Processes started: "
                        + "the processes seen during the load that were not there before, this JVM's descendants and "
                        + "its bridges (the simulator was there before). Each bridge is two processes: its start "
                        + "command, which forks the bridge, writes its pid and exits, and the bridge itself. Both "
                        + "figures are sampled (every " + ResourceSampler.PERIOD_MILLIS + " ms, and a scan of the "
                        + "machine's processes takes longer under this load): a start command that ends between two "
                        + "samples is not seen, so processes lie between the bridges and twice their number, and a "
                        + "bridge that takes up a run already over can start and end unseen.",
                "The simulator enforces no rate limit here (as in mock mode), so the watcher's organization budget is "
                        + "the unlimited one. Against the real API, 1,000 runs of one organization share its 60 "
                        + "logs reads per 60 s: the shared budget then spreads the reads (about one read of each run "
                        + "every 1,000 s), and the delay bound cannot hold for so many runs of one organization.",
                "The bridges follow the existing runs (`resume_run_id`, the bridge's own way to follow a run that "
                        + "exists), at most " + BRIDGE_SLOTS + " at once as `maxConcurrentBridges` allows, at time scale "
                        + (int) BRIDGE_SCALE + " so that the part ends within minutes; runs waiting for a bridge go on "
                        + "working unobserved, which is why their ends are noticed late.",
                "A bridge reads a run as the watcher does: one plain read when it takes the run up, then one read "
                        + "of the run's log a poll (`logs`, one page), 5 s apart and then 10 % of the time the status "
                        + "has not changed (at most 120 s), and one plain read at the end for the pull request, which "
                        + "a logs answer lacks. That policy polls a 10-minute run followed from its creation 37 "
                        + "times, the last poll seeing its end: the watcher's figures are the policy's. The bridges' "
                        + "are fewer, by how late a bridge took up its run: at time scale " + (int) BRIDGE_SCALE
                        + " a real tenth of a second (64 Python start-ups on a busy machine) is "
                        + (int) (BRIDGE_SCALE / 10) + " simulated seconds, four polls 5 s apart, so the bridges' "
                        + "figures fall as the machine's load rises and differ from one run of the bench to the "
                        + "next; later bridges take up runs that are far along or over. A bridge never polls more "
                        + "than the policy; the watcher's target is the bridge's figure for a run followed from its "
                        + "creation."));
        if (!watcher.failures().isEmpty()) {
            notes.add("Watcher failures (first five): " + String.join("; ", watcher.failures()));
        }
        if (!bridges.failures().isEmpty()) {
            notes.add("Bridge failures (first five): " + String.join("; ", bridges.failures()));
        }
        return new SuiteReport("Waiting without a bridge: the watcher",
                Units.grouped(RUNS) + " agent runs of " + lengths() + " simulated minutes (in turn), created one "
                        + "after another over " + (int) STAGGER_SECONDS + " simulated seconds so that all of them "
                        + "are waited on at once, each waited on by one `Watcher` in this JVM (time scale "
                        + (int) WATCHER_SCALE + "); then the same runs followed by bridges. From the simulator's run "
                        + "records: status reads (`gets` plus `logs`: reads of the run's log while it works, then one plain "
                        + "read) and the detection delay (`detected_sim − terminal_sim`) "
                        + "against max(5 s, 10 % of the time since creation). Targets: every run completed, at most "
                        + TARGET_THREADS + " threads added, no process started, at most " + TARGET_READS_10_MINUTES
                        + " reads per 10-minute run, the bound held in every run.",
                measures, List.of(table), notes);
    }

    private static String lengths() {
        return Arrays.stream(MINUTES).mapToObj(m -> Units.format(m % 1 == 0 ? "%.0f" : "%.1f", m))
                .collect(Collectors.joining(", "));
    }

    private static String worst(Load load) {
        SimulatorClient.Run run = load.worst();
        return run == null ? "none noticed" : Units.seconds(delay(run)) + " (" + Units.seconds(bound(run)) + ")";
    }
}
