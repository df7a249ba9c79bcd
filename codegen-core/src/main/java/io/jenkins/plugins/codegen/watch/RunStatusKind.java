package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.bridge.AgentRun;
import java.util.Locale;
import java.util.Set;

/**
 * What an agent run's status means, read as the bridge reads it ({@code status_kind} in
 * codegen_bridge.py): case-insensitive; anything that is neither success nor failure, an unknown
 * status included, means the run is still working.
 */
enum RunStatusKind {
    SUCCESS, FAILURE, RUNNING;

    private static final Set<String> SUCCESS_STATUSES = AgentRun.COMPLETE_STATUSES;
    private static final Set<String> FAILURE_STATUSES =
            Set.of("FAILED", "FAILURE", "ERROR", "CANCELLED", "CANCELED", "STOPPED");
    private static final Set<String> KNOWN_RUNNING_STATUSES =
            Set.of("ACTIVE", "PENDING", "QUEUED", "RUNNING", "STARTING", "IN_PROGRESS", "EVALUATION");

    static RunStatusKind of(String status) {
        String value = normalize(status);
        if (SUCCESS_STATUSES.contains(value)) {
            return SUCCESS;
        }
        return FAILURE_STATUSES.contains(value) ? FAILURE : RUNNING;
    }

    /** A running status the bridge does not know: worth one warning, then the wait goes on. */
    static boolean isUnknown(String status) {
        String value = normalize(status);
        return !value.isEmpty() && of(status) == RUNNING && !KNOWN_RUNNING_STATUSES.contains(value);
    }

    private static String normalize(String status) {
        return status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
    }
}
