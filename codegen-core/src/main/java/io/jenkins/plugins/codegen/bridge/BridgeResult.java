package io.jenkins.plugins.codegen.bridge;

import java.time.Duration;
import java.util.Optional;

/** What a successful bridge call produced. */
public record BridgeResult(BridgeCommand command, AgentRun run, HealthReport health, BridgeStats stats,
                           Duration processTime) {

    /** The run, for {@code run} and {@code status}. */
    public Optional<AgentRun> agentRun() {
        return Optional.ofNullable(run);
    }

    /** The first pull request of the run, if it opened one. */
    public Optional<PullRequest> pullRequest() {
        return agentRun().flatMap(AgentRun::firstPullRequest);
    }

    /** For {@code health}. */
    public Optional<HealthReport> healthReport() {
        return Optional.ofNullable(health);
    }
}
