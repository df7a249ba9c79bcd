package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.BridgeEvent;
import java.util.Optional;

/**
 * One step of a task, as it happens: a line for a console, plus what a caller may want to record
 * (the agent run as soon as it exists, so that an abort never loses the link to it).
 */
public record Progress(Kind kind, String message, Long runId, String webUrl, BridgeEvent event) {

    /** What happened. */
    public enum Kind {
        /** The prompt was built. */
        PROMPT,
        /** An attempt is starting (reported from the second attempt on). */
        ATTEMPT,
        /** The agent run exists: created, found again, or resumed. */
        RUN_CREATED,
        /** The agent run's status changed. */
        STATUS,
        /** Another bridge event (start, repository, rate-limit wait, warning, debug, stray output). */
        BRIDGE,
        /** An attempt failed and another follows after a wait. */
        RETRY,
        /** The task succeeded. */
        SUCCEEDED,
        /** The task failed. */
        FAILED,
        /** The task was aborted. */
        ABORTED
    }

    static Progress of(Kind kind, String message) {
        return new Progress(kind, message, null, null, null);
    }

    public Optional<Long> agentRunId() {
        return Optional.ofNullable(runId);
    }

    public Optional<String> agentRunUrl() {
        return Optional.ofNullable(webUrl);
    }

    public Optional<BridgeEvent> bridgeEvent() {
        return Optional.ofNullable(event);
    }
}
