package io.jenkins.plugins.codegen.watch;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a wait needs to continue after a restart: where the API is, the organization, the
 * agent run and when to give up. The token is deliberately not part of it: a caller resolves it
 * again (in Jenkins, from the credentials id it keeps beside this record).
 *
 * @param apiUrl the Codegen API, e.g. {@code https://api.codegen.com}
 * @param orgId the organization the run belongs to
 * @param runId the agent run
 * @param deadline when the wait ends with {@code timeout} if the run has not ended (wall-clock time,
 *                 so that it means the same after a restart)
 */
public record WatchState(String apiUrl, long orgId, long runId, Instant deadline) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WatchState {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(deadline, "deadline");
        if (orgId <= 0 || runId <= 0) {
            throw new IllegalArgumentException("orgId and runId must be positive");
        }
    }
}
