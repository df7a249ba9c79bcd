package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * 1,000 tasks one after another, then 100 at once, against a simulator that faults 10 % of all
 * requests at random (seeded), with the engine's default retries. Every task must end in a result
 * or a typed error; no task may have two agent runs; nothing may be left behind (processes,
 * temporary folders); memory must stay flat.
 */
final class SoakSuite implements Suite {
    static final int SEQUENTIAL = 1_000;
    static final int CONCURRENT = 100;
    static final double FAULT_RATE = 0.1;
    static final long SEED = 42;
    /**
     * The engine's organization budget allows 10 creates per simulated minute, so 1,100 tasks need
     * 110 simulated minutes at least: 66 real seconds at scale 100.
     */
    static final double SCALE = 100;
    /**
     * 30 simulated seconds (the default) would be 0.3 real seconds at scale 100: a busy machine, not
     * the engine, would then decide which requests time out. 100 simulated seconds keep one real
     * second. It is also how long a retry waits, after a create whose connection dropped, before it
     * decides that no run was made (the lookup grace), so a larger value would turn dropped creates
     * into task timeouts that no real setting produces.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(100);
    static final int HEAP_EVERY = 100;
    /** The temporary folder LocalBridgeLauncher makes ({@code Files.createTempDirectory("codegen-bridge")}). */
    static final String TEMP_PREFIX = "codegen-bridge";
    /** Target: heap after a full GC grows by less than this per task from task 100 to the last. */
    static final long MAX_GROWTH_PER_TASK = 1024;

    @Override
    public String name() {
        return "soak";
    }

    private record HeapPoint(int tasks, long bytes) {
    }

    @Override
    public SuiteReport run(Machine machine) throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> tempBefore = tempFolders(tmp);
        List<String> processesBefore = Processes.descendants().stream().map(Processes::describe).toList();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<String> ids = new ArrayList<>();
        IntStream.rangeClosed(1, SEQUENTIAL).forEach(i -> ids.add(Units.format("seq-%04d", i)));
        IntStream.rangeClosed(1, CONCURRENT).forEach(i -> ids.add(Units.format("par-%03d", i)));
        SoakLedger ledger = new SoakLedger(ids);
        List<HeapPoint> heap = new ArrayList<>();
        List<SimulatorClient.Run> runs;
        SimulatorClient.Stats stats;
        long sequentialNanos;
        long concurrentNanos;
        Path launcherFolder;
        OptionalLong overflows = ListenOverflows.count();
        LocalBridgeLauncher launcher = new LocalBridgeLauncher();
        try (launcher;
             SimulatorServer simulator = SimulatorServer.start(launcher, machine.python().executable(),
                     SimulatorOptions.DEFAULT.withTimeScale(SCALE).withFaults(FAULT_RATE, SEED));
             CodegenIntegrator engine = CodegenIntegrator.builder(Fixtures.against(simulator.baseUrl(),
                     machine.python(), SCALE).requestTimeout(REQUEST_TIMEOUT).build(), launcher).build()) {
            long started = System.nanoTime();
            for (int i = 0; i < SEQUENTIAL; i++) {
                process(engine, ledger, i);
                if ((i + 1) % HEAP_EVERY == 0) {
                    heap.add(new HeapPoint(i + 1, heapAfterGc()));
                }
            }
            sequentialNanos = System.nanoTime() - started;
            started = System.nanoTime();
            atOnce(engine, ledger);
            concurrentNanos = System.nanoTime() - started;
            SimulatorClient client = new SimulatorClient(simulator.baseUrl());
            runs = client.runs();
            stats = client.stats();
            launcherFolder = launcher.folder();
        }
        String droppedConnections = ListenOverflows.since(overflows);
        List<String> processesAfter = processesLeft();
        Set<String> tempAfter = tempFolders(tmp);
        Set<String> tempLeft = new TreeSet<>(tempAfter);
        tempLeft.removeAll(tempBefore);
        boolean folderRemoved = launcher.folder() == null && (launcherFolder == null || !Files.exists(launcherFolder));
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();

        RunCheck check = RunCheck.of(ledger, runs);
        long typed = IntStream.range(0, ledger.size()).filter(ledger::typed).count();
        long succeeded = IntStream.range(0, ledger.size()).filter(ledger::succeeded).count();
        long growth = heap.get(heap.size() - 1).bytes() - heap.get(0).bytes();
        int growthTasks = heap.get(heap.size() - 1).tasks() - heap.get(0).tasks();
        boolean flat = growth < MAX_GROWTH_PER_TASK * growthTasks;

        Table outcomes = new Table("How the tasks ended:", "outcome", "in sequence", "at once");
        Map<String, Long> seqCounts = ledger.count(0, SEQUENTIAL);
        Map<String, Long> conCounts = ledger.count(SEQUENTIAL, ledger.size());
        Set<String> kinds = new TreeSet<>(seqCounts.keySet());
        kinds.addAll(conCounts.keySet());
        kinds.forEach(kind -> outcomes.row(kind, seqCounts.getOrDefault(kind, 0L), conCounts.getOrDefault(kind, 0L)));
        outcomes.row("total", SEQUENTIAL, CONCURRENT);

        Table runTable = new Table("Agent runs (from /_sim/runs) and the simulator's counters:", "figure", "value");
        runTable.row("agent runs created", runs.size());
        runTable.row("runs sharing a client_request_id with another", check.duplicateRequestIds());
        runTable.row("tasks with more than one run", check.tasksWithSeveralRuns());
        runTable.row("succeeded tasks whose run is not the one they report", check.mismatched());
        runTable.row("failed tasks that left a run behind (the result names it)", check.failedWithRun()
                + " (" + check.failedWithRunNamed() + " named)");
        runTable.row("API requests (simulator)", Units.grouped(stats.requests()));
        runTable.row("faults injected", stats.faults().values().stream().mapToLong(Long::longValue).sum() + " "
                + stats.faults());
        runTable.row("answers by status", stats.byStatus().toString());
        runTable.row("connections dropped by a full accept queue (Linux, machine-wide)", droppedConnections);
        runTable.row("retries (attempts beyond the first)", IntStream.range(0, ledger.size())
                .map(i -> Math.max(0, ledger.attempts(i) - 1)).sum());

        Table leaks = new Table("Left behind:", "figure", "before", "after");
        leaks.row("descendant processes", processesBefore.size(), processesAfter.size());
        leaks.row("`" + TEMP_PREFIX + "*` entries in java.io.tmpdir", tempBefore.size(), tempAfter.size());
        leaks.row("the launcher's folder", "", folderRemoved ? "removed" : "still there: " + launcherFolder);
        leaks.row("live threads (idle bridge readers end after 60 s)", threadsBefore, threadsAfter);

        Table memory = new Table("Heap used after a full GC, during the sequential tasks:", "after task", "heap used",
                "change since task " + heap.get(0).tasks());
        heap.forEach(point -> memory.row(point.tasks(), Units.megabytes(point.bytes()),
                Units.format("%+.1f KB", (point.bytes() - heap.get(0).bytes()) / 1024.0)));

        List<Measure> measures = List.of(
                Measure.check("Soak: every task ended with a result or a typed error", typed + "/" + ledger.size(),
                        "all", typed == ledger.size()),
                Measure.info("Soak: tasks succeeded", succeeded + "/" + ledger.size()),
                Measure.check("Soak: duplicate agent runs", String.valueOf(check.duplicates()), "0",
                        check.duplicates() == 0),
                Measure.check("Soak: processes left behind", String.valueOf(processesAfter.size()), "0",
                        processesAfter.isEmpty()),
                Measure.check("Soak: temporary folders left behind", String.valueOf(tempLeft.size()), "0",
                        tempLeft.isEmpty() && folderRemoved),
                Measure.check("Soak: heap growth, task " + heap.get(0).tasks() + " to " + SEQUENTIAL,
                        Units.format("%+.1f KB", growth / 1024.0), "< " + MAX_GROWTH_PER_TASK / 1024 + " KB per task ("
                                + MAX_GROWTH_PER_TASK * growthTasks / 1024 + " KB)", flat));
        List<String> notes = new ArrayList<>();
        notes.add(Units.format("Wall time: %s for the %d tasks in sequence, %s for the %d at once.",
                Units.seconds(sequentialNanos / 1e9), SEQUENTIAL, Units.seconds(concurrentNanos / 1e9), CONCURRENT));
        notes.add("A task's run is found by the `task_id` the engine stores in the run's metadata; a duplicate is a "
                + "second run with the same `client_request_id` or for the same task.");
        ledger.examples().forEach((kind, example) -> notes.add("Example of " + kind + ": " + example));
        processesAfter.forEach(p -> notes.add("Process left behind: " + p));
        tempLeft.forEach(name -> notes.add("Temporary entry left behind: " + tmp.resolve(name)));
        return new SuiteReport("Soak",
                Units.format("%,d tasks one after another, then %d at once, against the simulator with %.0f %% of "
                                + "all requests faulted at random (`--fault-rate %s --seed %d`: 429, 500, 502, 503, "
                                + "dropped before or after processing, malformed JSON), time scale %.0f, a request timeout "
                                + "of %d s, the engine's default retries (3, backoff 1 s doubling, scaled with the clock). The settings point "
                                + "at the simulator as at the real API.", SEQUENTIAL, CONCURRENT, FAULT_RATE * 100,
                        FAULT_RATE, SEED, SCALE, REQUEST_TIMEOUT.toSeconds()),
                measures, List.of(outcomes, runTable, leaks, memory), notes);
    }

    private static void process(CodegenIntegrator engine, SoakLedger ledger, int index)
            throws InterruptedException {
        TaskResult result;
        try {
            result = engine.processTask(Fixtures.task(ledger.taskId(index)), TaskContext.empty());
        } catch (RuntimeException e) {
            ledger.record(index, null, e);
            return;
        }
        ledger.record(index, result, null);
    }

    private static void atOnce(CodegenIntegrator engine, SoakLedger ledger) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = SEQUENTIAL; i < ledger.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    gate.await();
                    process(engine, ledger, index);
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Agent runs against tasks: duplicates, and runs that do not match what the tasks report. */
    private record RunCheck(int duplicateRequestIds, int tasksWithSeveralRuns, int mismatched, int failedWithRun,
                            int failedWithRunNamed) {
        static RunCheck of(SoakLedger ledger, List<SimulatorClient.Run> runs) {
            Map<String, List<SimulatorClient.Run>> byRequestId = runs.stream().collect(Collectors.groupingBy(
                    run -> run.metadata("client_request_id").orElse("(none)")));
            Map<String, List<SimulatorClient.Run>> byTask = runs.stream().collect(Collectors.groupingBy(
                    run -> run.metadata("task_id").orElse("(none)")));
            int duplicateIds = byRequestId.values().stream().filter(group -> group.size() > 1)
                    .mapToInt(group -> group.size() - 1).sum();
            int several = (int) byTask.values().stream().filter(group -> group.size() > 1).count();
            int mismatched = 0;
            int failedWithRun = 0;
            int failedWithRunNamed = 0;
            for (int i = 0; i < ledger.size(); i++) {
                List<SimulatorClient.Run> own = byTask.getOrDefault(ledger.taskId(i), List.of());
                long runId = ledger.runId(i);
                if (ledger.succeeded(i) && own.stream().noneMatch(run -> run.id() == runId)) {
                    mismatched++;
                }
                if (!ledger.succeeded(i) && !own.isEmpty()) {
                    failedWithRun++;
                    if (runId != 0) {
                        failedWithRunNamed++;
                    }
                }
            }
            return new RunCheck(duplicateIds, several, mismatched, failedWithRun, failedWithRunNamed);
        }

        int duplicates() {
            return Math.max(duplicateRequestIds, tasksWithSeveralRuns);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Descendants still alive after a moment's grace (a killed process takes a little while to go). */
    private static List<String> processesLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> left = Processes.descendants();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = Processes.descendants();
        }
        return left.stream().map(Processes::describe).toList();
    }

    private static Set<String> tempFolders(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(TEMP_PREFIX))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }
}
