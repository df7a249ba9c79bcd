package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.bridge.BridgeCommand;
import io.jenkins.plugins.codegen.bridge.BridgeListener;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeRequest;
import io.jenkins.plugins.codegen.bridge.BridgeScripts;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.bridge.PythonBridge;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * What one task costs the engine beside starting Python: the whole path of {@code processTask}
 * (validate, optimize, start the bridge, one request, parse) against an instant run, beside a bare
 * {@code python -c pass} started the same way. The bridge's interpreter starts isolated and without
 * {@code site} ({@code -I -S}), so the engine can take less than a bare start; intermediate probes
 * split what it takes beyond such a start into importing the bridge, its request, and the Java side.
 */
final class OverheadSuite implements Suite {
    static final double TARGET_RATIO = 1.5;
    static final double GOAL_RATIO = 1.0;
    private static final int WARMUP_ROUNDS = 20;
    private static final int ROUNDS = 100;
    /** Starts through a wrapper (a pyenv shim) are slow; a few show the difference well enough. */
    private static final int WRAPPER_ROUNDS = 10;
    /**
     * Imports the bridge as PythonBridge does (bytecode cached, the interpreter started with -I -S), then
     * exits without reading a request.
     */
    private static final String IMPORT_ONLY = "import sys; sys.path.insert(0, sys.argv[1]); "
            + "sys.dont_write_bytecode = False; import codegen_bridge";

    @Override
    public String name() {
        return "overhead";
    }

    /** One way of starting Python (or the whole engine), timed from start to exit. */
    private record Probe(String label, String runs, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    @Override
    public SuiteReport run(Machine machine) throws Exception {
        String python = machine.python().executable();
        CodegenTask task = Fixtures.task("overhead");
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher();
             CodegenIntegrator engine = CodegenIntegrator.builder(
                     Fixtures.mock("instant", machine.python(), 1.0).build(), launcher).build();
             SimulatorServer simulator = SimulatorServer.start(launcher, python, SimulatorOptions.scenario("instant"))) {
            TaskResult first = engine.processTask(task, TaskContext.empty());
            requireSuccess(first);
            String bridgeFolder = Path.of(launcher.script(BridgeScripts.BRIDGE)).getParent().toString();
            PythonBridge bridge = new PythonBridge(launcher, python);
            BridgeFolder probeFolder = launcher.newFolder();
            String prompt = engine.optimizePrompt(task, TaskContext.empty()).text();

            Probe engineProbe = new Probe("engine: processTask (mock, instant run)",
                    "validate, optimize, bridge, 1 request, parse", () -> requireSuccess(
                    engine.processTask(task, TaskContext.empty())));
            Probe bridgeProbe = new Probe("bridge alone: PythonBridge.execute", "bridge, 1 request, parse",
                    () -> bridge.execute(BridgeRequest.builder(BridgeCommand.RUN, simulator.baseUrl(), Fixtures.ORG_ID)
                            .prompt(prompt).clientRequestId(UUID.randomUUID().toString()).build(),
                            Fixtures.TOKEN, BridgeListener.NONE));
            Probe importProbe = new Probe("import codegen_bridge, exit", "python -I -S -c \"import codegen_bridge\"",
                    () -> exitOf(launcher, probeFolder, List.of(python, "-I", "-S", "-c", IMPORT_ONLY, bridgeFolder)));
            Probe bare = new Probe("bare python", "python -c pass",
                    () -> exitOf(launcher, probeFolder, List.of(python, "-c", "pass")));
            Probe noSite = new Probe("bare python, no site", "python -S -c pass",
                    () -> exitOf(launcher, probeFolder, List.of(python, "-S", "-c", "pass")));
            Probe isolated = new Probe("bare python, isolated", "python -I -c pass",
                    () -> exitOf(launcher, probeFolder, List.of(python, "-I", "-c", "pass")));
            Probe asBridge = new Probe("bare python as the bridge starts", "python -I -S -c pass",
                    () -> exitOf(launcher, probeFolder, List.of(python, "-I", "-S", "-c", "pass")));
            List<Probe> probes = List.of(engineProbe, bridgeProbe, importProbe, bare, noSite, isolated, asBridge);
            Map<Probe, Samples> timings = measure(probes, WARMUP_ROUNDS, ROUNDS);

            List<String> notes = new ArrayList<>();
            notes.add("Interpreter: " + machine.python().describe() + ". Every probe starts it by that path, "
                    + "through the same LocalBridgeLauncher.launch (no stdin, output to a log file), and waits for the "
                    + "process to exit. The bridge probes include its folder protocol: request and secrets files "
                    + "written, the bridge detached, its events and result files followed.");
            notes.add(WARMUP_ROUNDS + " warm-up rounds, then " + ROUNDS + " rounds; each round runs every probe "
                    + "once, in a shuffled order, so that drift in the machine's load touches all alike.");
            notes.add("The engine's task made " + first.apiRequests() + " API request (the create; the run is "
                    + "complete in its answer) and reused mock mode's one simulator.");
            if (machine.python().startedByAnotherName()) {
                Probe wrapped = new Probe("bare python by its name", machine.python().requested() + " -c pass",
                        () -> exitOf(launcher, probeFolder, List.of(machine.python().requested(), "-c", "pass")));
                Samples byName = measure(List.of(wrapped), 2, WRAPPER_ROUNDS).get(wrapped);
                notes.add(Units.format("Started as '%s' (the PATH lookup), bare Python takes %s (median of %d), "
                                + "%s more than by its path: a wrapper such as a pyenv shim costs every task that "
                                + "much. Set the Python path to the interpreter itself to avoid it.",
                        machine.python().requested(), Units.millis(byName.median()), byName.count(),
                        Units.millis(byName.median() - timings.get(bare).median())));
            }
            return report(timings, probes, engineProbe, bridgeProbe, importProbe, bare, asBridge, notes);
        }
    }

    private static SuiteReport report(Map<Probe, Samples> timings, List<Probe> probes, Probe engineProbe,
                                      Probe bridgeProbe, Probe importProbe, Probe bare, Probe asBridge,
                                      List<String> notes) {
        long engine = timings.get(engineProbe).median();
        long bareMedian = timings.get(bare).median();
        double ratio = (double) engine / bareMedian;

        Table table = new Table("Start to exit, median and 90th percentile of " + ROUNDS + " rounds:",
                "probe", "runs", "median", "p90", "engine ÷ this (medians)");
        for (Probe probe : probes) {
            Samples samples = timings.get(probe);
            table.row(probe.label(), probe.runs(), Units.millis(samples.median()), Units.millis(samples.percentile(90)),
                    probe == engineProbe ? "" : Units.ratio((double) engine / samples.median()));
        }
        long bridgeMedian = timings.get(bridgeProbe).median();
        long importMedian = timings.get(importProbe).median();
        long asBridgeMedian = timings.get(asBridge).median();
        notes.add(Units.format("Where the engine's %s beyond the start of its interpreter (python -I -S, %s) goes: "
                        + "importing the bridge %s, its request and file exchange %s, the Java side (validation, "
                        + "optimizer, retry wrapper, slot, statistics) %s.", Units.millis(engine - asBridgeMedian),
                Units.millis(asBridgeMedian), Units.millis(importMedian - asBridgeMedian),
                Units.millis(bridgeMedian - importMedian), Units.millis(engine - bridgeMedian)));

        List<Measure> measures = List.of(
                Measure.check("Overhead per task: engine ÷ bare python (medians)",
                        Units.format("%s (%s vs %s: %s)", Units.ratio(ratio), Units.millis(engine),
                                Units.millis(bareMedian), signed(engine - bareMedian)),
                        "≤ " + TARGET_RATIO + " (goal " + GOAL_RATIO + ")", ratio <= TARGET_RATIO),
                Measure.info("Overhead per task: engine p90 / bare python p90", Units.format("%s / %s",
                        Units.millis(timings.get(engineProbe).percentile(90)),
                        Units.millis(timings.get(bare).percentile(90)))),
                Measure.info("Overhead per task: engine ÷ python -I -S (the bridge's own start)",
                        Units.format("%s (%s)", Units.ratio((double) engine / asBridgeMedian),
                                signed(engine - asBridgeMedian))));
        if (ratio <= TARGET_RATIO) {
            notes.add(ratio <= GOAL_RATIO ? "The goal of " + GOAL_RATIO + " is met too."
                    : "The goal of " + GOAL_RATIO + " is not met.");
        }
        return new SuiteReport("Overhead per task",
                "The engine's whole path for one task (`processTask` in mock mode against a run that is complete "
                        + "in the create answer, no repository, so the bridge makes exactly one request) against "
                        + "a bare `python -c pass` started the same way (`LocalBridgeLauncher.launch`, the same "
                        + "interpreter, wait for exit). Target: the ratio of the medians at most " + TARGET_RATIO
                        + " (goal " + GOAL_RATIO + ": a task costs no more than starting Python). The bridge's "
                        + "interpreter starts isolated and without `site` (`python -I -S`), which skips most of a "
                        + "bare start; the ratio against such a start shows what the bridge, its request and the "
                        + "Java side cost beyond it.",
                measures, List.of(table), notes);
    }

    /** "+1.2 ms", "-3.4 ms": the engine can take less than a bare start. */
    private static String signed(long nanos) {
        return (nanos < 0 ? "-" : "+") + Units.millis(Math.abs(nanos));
    }

    /** Runs every probe once per round, in a shuffled order, and keeps the timings after the warm-up. */
    private static Map<Probe, Samples> measure(List<Probe> probes, int warmup, int rounds) throws Exception {
        Map<Probe, Samples> timings = new LinkedHashMap<>();
        probes.forEach(probe -> timings.put(probe, new Samples()));
        Random order = new Random(1);
        List<Probe> round = new ArrayList<>(probes);
        for (int i = 0; i < warmup + rounds; i++) {
            Collections.shuffle(round, order);
            for (Probe probe : round) {
                long started = System.nanoTime();
                probe.action().run();
                long elapsed = System.nanoTime() - started;
                if (i >= warmup) {
                    timings.get(probe).add(elapsed);
                }
            }
        }
        return timings;
    }

    private static void exitOf(LocalBridgeLauncher launcher, BridgeFolder folder, List<String> command)
            throws Exception {
        int code = launcher.launch(command, folder, Duration.ofMinutes(1)).exitCode();
        if (code != 0) {
            throw new IllegalStateException(command + " exited with " + code);
        }
    }

    private static void requireSuccess(TaskResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("the engine's task failed: " + result.errorType() + ": "
                    + result.errorMessage());
        }
    }
}
