package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.health.HealthMonitor;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.stats.Statistics;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Many tasks at once in one JVM, as on a busy Jenkins controller: do they all succeed, and do the
 * engine's threads, bridge processes and heap stay bounded while most of them wait for a slot?
 * Once with one integrator, and once with several that share statistics and health (as a
 * controller's builds would, each building its own from its step's settings).
 */
final class ConcurrencySuite implements Suite {
    static final int TASKS = 200;
    static final int SHARED_INTEGRATORS = 4;
    /** Each run lasts 30 simulated seconds, one real second at scale 30, and is polled 6 times. */
    static final String SCENARIO = "success;duration=30";
    static final double SCALE = 30;
    /**
     * 300 simulated seconds, 10 real ones: the default 30 would be one real second at scale 30, and
     * under this load a connection to the simulator can take longer than that (see the notes), which
     * would turn the machine's queueing into the engine's retries.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(300);
    /**
     * Per bridge: two reader threads (stdout, stderr) and the JDK's reaper thread that waits for
     * the process; beyond that a few of the JVM's and the bench's own.
     */
    static final int THREADS_PER_BRIDGE = 3;
    static final int THREAD_ALLOWANCE = 16;

    @Override
    public String name() {
        return "concurrency";
    }

    /** What one load did. */
    private record Load(int integrators, List<TaskResult> results, long wallNanos, String listenOverflows,
                        int baselineThreads,
                        int peakThreads, long peakReaders, long peakReapers, long peakBridges, long peakHeapBytes,
                        long samples) {
        long succeeded() {
            return results.stream().filter(TaskResult::succeeded).count();
        }

        /** Each integrator has its own simulator, whose run ids count from 1: a run is an integrator's and an id. */
        int retries() {
            return results.stream().mapToInt(result -> result.attempts() - 1).sum();
        }

        long distinctRuns() {
            return IntStream.range(0, results.size()).filter(i -> results.get(i).runId() != null)
                    .mapToObj(i -> i % integrators + "#" + results.get(i).runId()).distinct().count();
        }

        int extraThreads() {
            return peakThreads - baselineThreads - TASKS;
        }

        String label() {
            return integrators == 1 ? "one integrator" : integrators + " integrators sharing statistics";
        }
    }

    @Override
    public SuiteReport run(Machine machine) throws Exception {
        CodegenSettings settings = Fixtures.mock(SCENARIO, machine.python(), SCALE).requestTimeout(REQUEST_TIMEOUT)
                .build();
        int slots = settings.maxConcurrentBridges();
        int threadBound = THREADS_PER_BRIDGE * slots + THREAD_ALLOWANCE;
        // Counted once, before any load: the engine's idle reader threads that one load leaves for the next
        // (a cached pool keeps them a minute) are the engine's, and count in the next load's figure.
        int baselineThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        Load one = load(settings, 1, baselineThreads);
        Load shared = load(settings, SHARED_INTEGRATORS, baselineThreads);

        Table table = new Table(null, "figure", one.label(), shared.label());
        table.row("tasks, succeeded, distinct agent runs", counts(one), counts(shared));
        table.row("wall time", Units.seconds(one.wallNanos() / 1e9), Units.seconds(shared.wallNanos() / 1e9));
        table.row("retries (attempts beyond the first)", one.retries(), shared.retries());
        table.row("connections dropped by a full accept queue (Linux, machine-wide)", one.listenOverflows(),
                shared.listenOverflows());
        table.row("live threads before the suite (JVM, bench)", one.baselineThreads(), shared.baselineThreads());
        table.row("peak live threads (ThreadMXBean, exact)", one.peakThreads(), shared.peakThreads());
        table.row("peak bridge reader threads (sampled)", one.peakReaders(), shared.peakReaders());
        table.row("peak JDK process reaper threads (sampled)", one.peakReapers(), shared.peakReapers());
        table.row("peak bridge processes (sampled)", one.peakBridges(), shared.peakBridges());
        table.row("peak heap used (sampled)", Units.megabytes(one.peakHeapBytes()),
                Units.megabytes(shared.peakHeapBytes()));
        table.row("samples taken (every " + ResourceSampler.PERIOD_MILLIS + " ms)", one.samples(), shared.samples());

        String prefix = TASKS + " tasks at once, ";
        List<Measure> measures = new ArrayList<>();
        for (Load load : List.of(one, shared)) {
            measures.add(Measure.check(prefix + load.label() + ": succeeded", load.succeeded() + "/" + TASKS, "all",
                    load.succeeded() == TASKS && load.distinctRuns() == TASKS));
            measures.add(Measure.check(prefix + load.label() + ": peak bridge processes",
                    String.valueOf(load.peakBridges()), "≤ " + slots + " (maxConcurrentBridges)",
                    load.peakBridges() <= slots));
            measures.add(Measure.check(prefix + load.label() + ": peak threads beyond the callers'",
                    load.extraThreads() + " (" + load.peakReaders() + " readers, " + load.peakReapers() + " reapers)",
                    "≤ " + THREADS_PER_BRIDGE + " × " + slots + " + " + THREAD_ALLOWANCE,
                    load.extraThreads() <= threadBound));
        }
        measures.add(Measure.info(prefix + "one integrator: wall time, peak heap used",
                Units.seconds(one.wallNanos() / 1e9) + ", " + Units.megabytes(one.peakHeapBytes())));
        List<String> notes = new ArrayList<>(List.of(
                "Bridge processes are the machine's processes whose arguments import codegen_bridge and name a "
                        + "folder under this JVM's temporary folder (they run detached, so they are no longer this "
                        + "JVM's descendants; other builds' bridges and mock mode's simulators are not counted), one "
                        + "per folder: a bridge's start command, which forks it and exits, is the same bridge. "
                        + "Threads beyond the callers' are the peak live threads less the "
                        + TASKS + " caller threads and those alive before the suite; each live bridge holds at most "
                        + THREADS_PER_BRIDGE + ": the caller's own thread follows the bridge's files, and only its "
                        + "start command has a JDK process reaper for the moment it runs.",
                "Heap is sampled, not measured after GC: it includes garbage not yet collected, so it is an upper "
                        + "bound on what the load needs."));
        if (shared.peakBridges() > slots) {
            notes.add("With " + SHARED_INTEGRATORS + " integrators the JVM ran " + shared.peakBridges() + " bridges "
                    + "at once: maxConcurrentBridges did not hold across integrators, so a controller that builds one "
                    + "integrator per task would not be bounded by it.");
        }
        return new SuiteReport("Concurrency",
                TASKS + " tasks submitted at once from " + TASKS + " threads in mock mode (scenario `" + SCENARIO
                        + "` at time scale " + (int) SCALE + ": each run lasts one real second), with the default "
                        + "`maxConcurrentBridges` of " + slots + ": first to one integrator, then spread over "
                        + SHARED_INTEGRATORS + " integrators that share `Statistics` and `HealthMonitor` (the limit "
                        + "holds for the whole JVM: a Jenkins controller builds one integrator per task). Targets: "
                        + "every task succeeds with its own agent run; at most " + slots + " bridge processes; the "
                        + "engine's threads within " + THREADS_PER_BRIDGE + " per bridge plus " + THREAD_ALLOWANCE
                        + ". Peak live threads come from ThreadMXBean; bridges, named threads and heap are sampled "
                        + "every " + ResourceSampler.PERIOD_MILLIS + " ms.",
                measures, List.of(table), notes);
    }

    private static String counts(Load load) {
        return TASKS + ", " + load.succeeded() + ", " + load.distinctRuns();
    }

    private static Load load(CodegenSettings settings, int integratorCount, int baselineThreads) throws Exception {
        // The callers are the bench's, as Jenkins's executors are Jenkins's: started, and counted, before the load.
        ThreadPoolExecutor callers = new ThreadPoolExecutor(TASKS, TASKS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>());
        callers.prestartAllCoreThreads();
        Statistics statistics = new Statistics();
        HealthMonitor health = new HealthMonitor(statistics);
        List<CodegenIntegrator> integrators = new ArrayList<>();
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher()) {
            try {
                return measureLoad(launcher, settings, integrators, integratorCount, statistics, health, callers,
                        baselineThreads);
            } finally {
                // Before the launcher: each integrator stops the simulator it started.
                integrators.forEach(CodegenIntegrator::close);
            }
        } finally {
            callers.shutdownNow();
            callers.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static Load measureLoad(LocalBridgeLauncher launcher, CodegenSettings settings,
                                    List<CodegenIntegrator> integrators, int integratorCount, Statistics statistics,
                                    HealthMonitor health, ThreadPoolExecutor callers, int baselineThreads)
            throws Exception {
        for (int i = 0; i < integratorCount; i++) {
            CodegenIntegrator engine = CodegenIntegrator.builder(settings, launcher)
                    .monitoring(statistics, health).build();
            integrators.add(engine);
            // Mock mode starts its simulator on the first task; one task first keeps that out of the figures.
            requireSuccess(engine.processTask(Fixtures.task("warmup-" + i), TaskContext.empty()));
        }
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<TaskResult>> futures = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            CodegenIntegrator engine = integrators.get(i % integratorCount);
            String id = Units.format("concurrent-%03d", i);
            futures.add(callers.submit(() -> {
                gate.await();
                return engine.processTask(Fixtures.task(id), TaskContext.empty());
            }));
        }
        List<TaskResult> results = new ArrayList<>();
        OptionalLong overflows = ListenOverflows.count();
        try (ResourceSampler sampler = ResourceSampler.start()) {
            long started = System.nanoTime();
            gate.countDown();
            for (Future<TaskResult> future : futures) {
                results.add(future.get());
            }
            long wallNanos = System.nanoTime() - started;
            sampler.stop();
            return new Load(integratorCount, results, wallNanos, ListenOverflows.since(overflows), baselineThreads,
                    sampler.peakThreads(), sampler.peakReaders(), sampler.peakReapers(), sampler.peakBridges(),
                    sampler.peakHeapBytes(), sampler.samples());
        }
    }

    private static void requireSuccess(TaskResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("the warm-up task failed: " + result.errorType() + ": "
                    + result.errorMessage());
        }
    }
}
