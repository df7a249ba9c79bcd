package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import io.jenkins.plugins.codegen.stats.StatisticsSnapshot;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many tasks of one organization at once while the simulator enforces the documented limits (10
 * creates per 60 s, 60 logs reads per 60 s, 60 other requests per 30 s): every task must succeed, the 429s absorbed by
 * waiting. Not mock mode, which does not throttle creates: the settings point at the simulator as
 * at the real API.
 */
final class RateLimitSuite implements Suite {
    static final int TASKS = 30;
    /**
     * 30 creates need at least two minutes of simulated time (10 per minute); at scale 20 that is
     * six real seconds, and one real millisecond is 0.02 simulated seconds, small against the
     * one-second resolution of Retry-After.
     */
    static final double SCALE = 20;
    static final int CREATE_LIMIT = 10;
    static final double CREATE_WINDOW_SECONDS = 60;

    @Override
    public String name() {
        return "ratelimits";
    }

    /** What one batch of tasks met. */
    private record Outcome(boolean retryAfter, List<TaskResult> results, SimulatorClient.Stats stats,
                           StatisticsSnapshot engine, List<SimulatorClient.Run> runs, double simulatedSeconds,
                           double wallSeconds) {
        long failed() {
            return results.stream().filter(r -> !r.succeeded()).count();
        }

        String failures() {
            Map<String, Long> byType = new TreeMap<>();
            results.stream().filter(r -> !r.succeeded())
                    .forEach(r -> byType.merge(String.valueOf(r.errorType()), 1L, Long::sum));
            return byType.toString();
        }

        /** The most creates the simulator accepted within any 60 simulated seconds. */
        int peakCreatesPerWindow() {
            List<Double> times = runs.stream().map(SimulatorClient.Run::createdSim).sorted().toList();
            int peak = 0;
            for (int i = 0, j = 0; i < times.size(); i++) {
                while (times.get(i) - times.get(j) >= CREATE_WINDOW_SECONDS) {
                    j++;
                }
                peak = Math.max(peak, i - j + 1);
            }
            return peak;
        }

        double createsPerMinute() {
            return runs.size() / (simulatedSeconds / 60);
        }

        String label() {
            return retryAfter ? "with Retry-After" : "without Retry-After";
        }
    }

    @Override
    public SuiteReport run(Machine machine) throws Exception {
        List<Outcome> outcomes = List.of(batch(machine, true), batch(machine, false));
        Table table = new Table(null, "429 answers", "tasks", "failed", "429s sent", "absorbed by bridge waits",
                "absorbed by retries", "runs created", "creates per minute: peak, average", "simulated time",
                "wall time");
        List<Measure> measures = new ArrayList<>();
        for (Outcome o : outcomes) {
            table.row(o.label(), TASKS, o.failed(), o.stats().rateLimited(), o.engine().rateLimitedWaits(),
                    o.engine().retries(), o.runs().size(),
                    o.peakCreatesPerWindow() + ", " + Units.format("%.1f", o.createsPerMinute()),
                    Units.seconds(o.simulatedSeconds()), Units.seconds(o.wallSeconds()));
            measures.add(Measure.check("Rate limits, " + TASKS + " tasks at once, " + o.label() + ": failed tasks",
                    o.failed() + (o.failed() > 0 ? " " + o.failures() : ""), "0", o.failed() == 0));
            measures.add(Measure.info("Rate limits, " + o.label() + ": 429s, creates/min, simulated time",
                    Units.format("%d, %.1f, %s", o.stats().rateLimited(), o.createsPerMinute(),
                            Units.seconds(o.simulatedSeconds()))));
        }
        List<String> notes = List.of(
                "429s sent is the simulator's `rate_limited` count (no faults are injected, so every 429 is the "
                        + "limiter's). A 429 on a status read is absorbed inside the bridge, which waits and reads "
                        + "again (the engine's `rateLimitedWaits`); a 429 on a create ends the attempt, and the engine "
                        + "retries after Retry-After or its backoff (`retries`). Creates still meet 429s although "
                        + "the engine keeps its own count of 10 per minute: it takes a slot before the bridge starts, "
                        + "the simulator counts the request when it arrives, and start-up times differ.",
                "Creates per minute: peak is the most runs created within any 60 simulated seconds (the limit is "
                        + CREATE_LIMIT + "); average is runs ÷ the batch's simulated time. The engine's own "
                        + "per-organization budget spaces creates at " + CREATE_LIMIT + " per minute, so the limiter "
                        + "rarely has to refuse one.");
        return new SuiteReport("Rate limits",
                TASKS + " tasks at once against a simulator that enforces the documented limits (`--rate-limits`, "
                        + "unprefixed base URL, time scale " + (int) SCALE + "), once with `Retry-After` on its "
                        + "429s and once with `--no-retry-after`. The settings point at the simulator with a dummy "
                        + "token and organization 1, as at the real API. Target: no task fails; 429s are absorbed "
                        + "by waiting. Reported: the 429s the simulator sent, creates per minute achieved, and the "
                        + "batch's simulated time.",
                measures, List.of(table), notes);
    }

    private static Outcome batch(Machine machine, boolean retryAfter) throws Exception {
        SimulatorOptions options = SimulatorOptions.DEFAULT.withTimeScale(SCALE).withRateLimits(true, retryAfter);
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher();
             SimulatorServer simulator = SimulatorServer.start(launcher, machine.python().executable(), options);
             CodegenIntegrator engine = CodegenIntegrator.builder(
                     Fixtures.against(simulator.baseUrl(), machine.python(), SCALE).build(), launcher).build()) {
            SimulatorClient client = new SimulatorClient(simulator.baseUrl());
            ExecutorService pool = Executors.newFixedThreadPool(TASKS);
            try {
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<TaskResult>> futures = new ArrayList<>();
                for (int i = 0; i < TASKS; i++) {
                    String id = Units.format("limited-%02d", i);
                    futures.add(pool.submit(() -> {
                        gate.await();
                        return engine.processTask(Fixtures.task(id), TaskContext.empty());
                    }));
                }
                double simStart = client.stats().simTime();
                long started = System.nanoTime();
                gate.countDown();
                List<TaskResult> results = new ArrayList<>();
                for (Future<TaskResult> future : futures) {
                    results.add(future.get());
                }
                double wall = (System.nanoTime() - started) / 1e9;
                SimulatorClient.Stats stats = client.stats();
                return new Outcome(retryAfter, results, stats, engine.getStatistics(), client.runs(),
                        stats.simTime() - simStart, wall);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
