package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What became of one task: the pull request and agent run on success, the error type and guidance
 * on failure, and the figures a user wants to see (attempts, time, prompt sizes, API requests).
 *
 * @param prNumber the pull request's number (the last segment of its URL), if it has one
 * @param runStatus the agent run's last status, e.g. {@code COMPLETE} or {@code FAILED}
 * @param originalPromptLength the prompt's length at its level before anything was shed
 * @param promptLength the length actually sent
 * @param shed what the optimizer left out or shortened to respect the cap, in order
 * @param prompt the prompt that was sent (or would have been), for the build's detail page
 * @param followUpOf the agent run this task sent a follow-up to (resume), or null for a task that created its run
 * @param agentLog the agent's log entries the task saw, in order, at most the last {@value #MAX_AGENT_LOG}; masked
 */
public record TaskResult(String taskId, String title, TaskStatus status, String prUrl, Integer prNumber,
                         String prTitle, String branch, Long runId, String webUrl, String runStatus, int attempts,
                         Duration responseTime, String promptLevel, int originalPromptLength, int promptLength,
                         List<String> shed, String prompt, ErrorType errorType, String errorMessage, String guidance,
                         boolean retryable, int apiRequests, String backend, Long followUpOf,
                         List<AgentLogEntry> agentLog) {
    /** The most log entries a result (and a build's record) keeps: the last ones. */
    public static final int MAX_AGENT_LOG = 500;

    public TaskResult {
        shed = List.copyOf(shed);
        agentLog = agentLog == null ? List.of()
                : List.copyOf(agentLog.subList(Math.max(0, agentLog.size() - MAX_AGENT_LOG), agentLog.size()));
    }

    /** A result without a follow-up and without log entries (the components before the live log). */
    public TaskResult(String taskId, String title, TaskStatus status, String prUrl, Integer prNumber, String prTitle,
                      String branch, Long runId, String webUrl, String runStatus, int attempts, Duration responseTime,
                      String promptLevel, int originalPromptLength, int promptLength, List<String> shed, String prompt,
                      ErrorType errorType, String errorMessage, String guidance, boolean retryable, int apiRequests,
                      String backend) {
        this(taskId, title, status, prUrl, prNumber, prTitle, branch, runId, webUrl, runStatus, attempts, responseTime,
                promptLevel, originalPromptLength, promptLength, shed, prompt, errorType, errorMessage, guidance,
                retryable, apiRequests, backend, null, List.of());
    }

    /** Whether the task sent a follow-up to an existing run instead of creating one. */
    public boolean followUp() {
        return followUpOf != null;
    }

    /** The same result with these log entries (the last {@value #MAX_AGENT_LOG} of them). */
    public TaskResult withAgentLog(List<AgentLogEntry> entries) {
        return new TaskResult(taskId, title, status, prUrl, prNumber, prTitle, branch, runId, webUrl, runStatus,
                attempts, responseTime, promptLevel, originalPromptLength, promptLength, shed, prompt, errorType,
                errorMessage, guidance, retryable, apiRequests, backend, followUpOf, entries);
    }

    public boolean succeeded() {
        return status == TaskStatus.SUCCEEDED;
    }

    /** Failed (or aborted); a run that is still working ({@link TaskStatus#ACTIVE}) has not failed. */
    public boolean failed() {
        return status == TaskStatus.FAILED;
    }

    /** The agent run exists and was not waited for. */
    public boolean active() {
        return status == TaskStatus.ACTIVE;
    }

    public Optional<String> pullRequestUrl() {
        return Optional.ofNullable(prUrl);
    }

    public Optional<ErrorType> error() {
        return Optional.ofNullable(errorType);
    }

    /**
     * The result as plain JDK types (String, Integer, Long, Boolean, List): what a pipeline's
     * {@code def r = codegenTask(...)} receives, and what the CLI prints with {@code --json}.
     * Absent values are {@code null} so that every key is always there.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("taskId", taskId);
        map.put("title", title);
        map.put("status", status.name());
        map.put("prUrl", prUrl);
        map.put("prNumber", prNumber);
        map.put("prTitle", prTitle);
        map.put("branch", branch);
        map.put("runId", runId);
        map.put("webUrl", webUrl);
        map.put("runStatus", runStatus);
        map.put("attempts", attempts);
        map.put("responseTimeMs", responseTime.toMillis());
        map.put("promptLevel", promptLevel);
        map.put("originalPromptLength", originalPromptLength);
        map.put("promptLength", promptLength);
        map.put("promptShed", new java.util.ArrayList<>(shed));
        map.put("errorType", errorType == null ? null : errorType.wireName());
        map.put("errorMessage", errorMessage);
        map.put("guidance", guidance);
        map.put("retryable", retryable);
        map.put("apiRequests", apiRequests);
        map.put("backend", backend);
        map.put("followUpOf", followUpOf);
        map.put("agentLogEntries", agentLog.size());
        return map;
    }
}
