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
 * @param acceptedToken the only token the simulator accepts, or null for any non-empty one; it reaches
 *                      the simulator in an owner-only file it deletes, never its command line or environment
 * @param orgId the one organization the simulator knows (any other answers 403, as the real API does)
 * @param runLinks whether runs carry a {@code web_url}; mock mode turns them off, because a link to a
 *                 simulator that is gone once the task ends would be a dead link on the build page
 * @param logsEndpoint whether the alpha logs endpoint exists; without it, it answers 404 as an unknown route
 *                     does, for the clients' fallback to plain status reads
 */
public record SimulatorOptions(String scenario, double timeScale, boolean rateLimits, boolean retryAfter,
                               double faultRate, Long seed, String acceptedToken, long orgId, boolean runLinks,
                               boolean logsEndpoint) {

    public static final long DEFAULT_ORG_ID = 1;
    public static final SimulatorOptions DEFAULT = new SimulatorOptions("success", 1.0, false, true, 0.0, null, null,
            DEFAULT_ORG_ID, true, true);

    public static SimulatorOptions scenario(String scenario) {
        return DEFAULT.withScenario(scenario);
    }

    public SimulatorOptions withScenario(String value) {
        return new SimulatorOptions(value, timeScale, rateLimits, retryAfter, faultRate, seed, acceptedToken,
                orgId, runLinks, logsEndpoint);
    }

    public SimulatorOptions withTimeScale(double value) {
        return new SimulatorOptions(scenario, value, rateLimits, retryAfter, faultRate, seed, acceptedToken,
                orgId, runLinks, logsEndpoint);
    }

    public SimulatorOptions withRateLimits(boolean enforced, boolean withRetryAfter) {
        return new SimulatorOptions(scenario, timeScale, enforced, withRetryAfter, faultRate, seed, acceptedToken,
                orgId, runLinks, logsEndpoint);
    }

    public SimulatorOptions withFaults(double rate, long faultSeed) {
        return new SimulatorOptions(scenario, timeScale, rateLimits, retryAfter, rate, faultSeed, acceptedToken,
                orgId, runLinks, logsEndpoint);
    }

    /** A simulator that answers 401 to every token but this one, as the real API does. */
    public SimulatorOptions withAcceptedToken(String token) {
        return new SimulatorOptions(scenario, timeScale, rateLimits, retryAfter, faultRate, seed, token, orgId,
                runLinks, logsEndpoint);
    }

    /** A simulator whose one organization is {@code id}, so that mock mode works with any configured id. */
    public SimulatorOptions withOrgId(long id) {
        return new SimulatorOptions(scenario, timeScale, rateLimits, retryAfter, faultRate, seed, acceptedToken, id,
                runLinks, logsEndpoint);
    }

    /** Runs without a {@code web_url}: nothing links to a simulator that is gone after the task. */
    public SimulatorOptions withoutRunLinks() {
        return new SimulatorOptions(scenario, timeScale, rateLimits, retryAfter, faultRate, seed, acceptedToken, orgId,
                false, logsEndpoint);
    }

    /** A simulator whose logs endpoint answers 404, as if the API had none. */
    public SimulatorOptions withoutLogsEndpoint() {
        return new SimulatorOptions(scenario, timeScale, rateLimits, retryAfter, faultRate, seed, acceptedToken, orgId,
                runLinks, false);
    }

    /** The simulator's command line flags. */
    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--port", "0",
                "--scenario", scenario, "--time-scale", Double.toString(timeScale)));
        if (rateLimits) {
            args.add("--rate-limits");
        }
        if (!retryAfter) {
            args.add("--no-retry-after");
        }
        if (orgId != DEFAULT_ORG_ID) {
            args.addAll(List.of("--org-id", Long.toString(orgId)));
        }
        if (!runLinks) {
            args.add("--no-run-links");
        }
        if (!logsEndpoint) {
            args.add("--no-logs-endpoint");
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
