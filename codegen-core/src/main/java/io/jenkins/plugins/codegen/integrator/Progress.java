package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.bridge.BridgeEvent;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.util.Optional;

/**
 * One step of a task, as it happens: a line for a console, plus what a caller may want to record
 * (the agent run as soon as it exists, so that an abort never loses the link to it).
 */
public record Progress(Kind kind, String message, Long runId, String webUrl, BridgeEvent event, ErrorType errorType,
                       AgentLogEntry entry) {

    /** Progress that carries no log entry (every kind but {@link Kind#AGENT_LOG}). */
    public Progress(Kind kind, String message, Long runId, String webUrl, BridgeEvent event, ErrorType errorType) {
        this(kind, message, runId, webUrl, event, errorType, null);
    }

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
        /** The agent wrote an entry in its run's log; {@link #agentLog()} holds it, masked. */
        AGENT_LOG,
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
        return new Progress(kind, message, null, null, null, null);
    }

    static Progress ofRun(Kind kind, String message, Long runId, String webUrl) {
        return new Progress(kind, message, runId, webUrl, null, null);
    }

    static Progress ofBridge(Kind kind, BridgeEvent event, Long runId, String webUrl) {
        return new Progress(kind, event.describe(), runId, webUrl, event, null);
    }

    /** An entry of the agent's log; its message is the entry's {@link AgentLogEntry#consoleLine()}. */
    public static Progress ofAgentLog(AgentLogEntry entry, Long runId, String webUrl) {
        return new Progress(Kind.AGENT_LOG, entry.consoleLine(), runId, webUrl, null, null, entry);
    }

    static Progress ofFailure(Kind kind, String message, ErrorType errorType, Long runId, String webUrl) {
        return new Progress(kind, message, runId, webUrl, null, errorType);
    }

    public Optional<Long> agentRunId() {
        return Optional.ofNullable(runId);
    }

    public Optional<String> agentRunUrl() {
        return Optional.ofNullable(webUrl);
    }

    /** For {@link Kind#RETRY} and {@link Kind#FAILED}: what went wrong. */
    public Optional<ErrorType> error() {
        return Optional.ofNullable(errorType);
    }

    public Optional<BridgeEvent> bridgeEvent() {
        return Optional.ofNullable(event);
    }

    /** For {@link Kind#AGENT_LOG}: the entry, already masked with the task's secrets. */
    public Optional<AgentLogEntry> agentLog() {
        return Optional.ofNullable(entry);
    }
}
