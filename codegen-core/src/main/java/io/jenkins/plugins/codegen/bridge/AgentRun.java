package io.jenkins.plugins.codegen.bridge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An agent run as the bridge last saw it.
 *
 * @param pullRequests what the run opened, in the API's order; empty when the agent changed no code
 */
public record AgentRun(long id, String status, String webUrl, String createdAt, String result, String summary,
                       List<PullRequest> pullRequests) {
    /** The statuses of a run that ended well, case-insensitive (the bridge's {@code status_kind}). */
    public static final Set<String> COMPLETE_STATUSES = Set.of("COMPLETE", "COMPLETED", "SUCCEEDED", "SUCCESS");

    public AgentRun {
        pullRequests = List.copyOf(pullRequests);
    }

    /** Whether the run ended well; a run the bridge reports without having waited may still be working. */
    public boolean completed() {
        return status != null && COMPLETE_STATUSES.contains(status.strip().toUpperCase(Locale.ROOT));
    }

    public Optional<PullRequest> firstPullRequest() {
        return pullRequests.stream().findFirst();
    }
}
