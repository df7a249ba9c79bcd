package io.jenkins.plugins.codegen.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * How the simulated Codegen API behaves (see docs/simulator.md).
 *
 * @param scenario the default scenario for requests without a {@code /s/<spec>} prefix
 * @param timeScale simulated seconds per real second
 * @param rateLimits whether the documented rate limits are enforced
 * @param retryAfter whether a 429 carries a {@code Retry-After} header
 * @param faultRate the share of requests answered with a random fault
 * @param seed the seed of those faults, for reproducible runs
 */
public record SimulatorOptions(String scenario, double timeScale, boolean rateLimits, boolean retryAfter,
                               double faultRate, Long seed) {

    public static final SimulatorOptions DEFAULT = new SimulatorOptions("success", 1.0, false, true, 0.0, null);

    public static SimulatorOptions scenario(String scenario) {
        return DEFAULT.withScenario(scenario);
    }

    public SimulatorOptions withScenario(String value) {
        return new SimulatorOptions(value, timeScale, rateLimits, retryAfter, faultRate, seed);
    }

    public SimulatorOptions withTimeScale(double value) {
        return new SimulatorOptions(scenario, value, rateLimits, retryAfter, faultRate, seed);
    }

    public SimulatorOptions withRateLimits(boolean enforced, boolean withRetryAfter) {
        return new SimulatorOptions(scenario, timeScale, enforced, withRetryAfter, faultRate, seed);
    }

    public SimulatorOptions withFaults(double rate, long faultSeed) {
        return new SimulatorOptions(scenario, timeScale, rateLimits, retryAfter, rate, faultSeed);
    }

    /** The simulator's command line flags. */
    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--exit-on-stdin-close",
                "--scenario", scenario, "--time-scale", Double.toString(timeScale)));
        if (rateLimits) {
            args.add("--rate-limits");
        }
        if (!retryAfter) {
            args.add("--no-retry-after");
        }
        if (faultRate > 0) {
            args.addAll(List.of("--fault-rate", Double.toString(faultRate)));
            if (seed != null) {
                args.addAll(List.of("--seed", Long.toString(seed)));
            }
        }
        return args;
    }
}
