package io.jenkins.plugins.codegen.bridge;

import java.util.List;
import java.util.Optional;

/**
 * An agent run as the bridge last saw it.
 *
 * @param pullRequests what the run opened, in the API's order; empty when the agent changed no code
 */
public record AgentRun(long id, String status, String webUrl, String createdAt, String result, String summary,
                       List<PullRequest> pullRequests) {
    public AgentRun {
        pullRequests = List.copyOf(pullRequests);
    }

    public Optional<PullRequest> firstPullRequest() {
        return pullRequests.stream().findFirst();
    }
}
