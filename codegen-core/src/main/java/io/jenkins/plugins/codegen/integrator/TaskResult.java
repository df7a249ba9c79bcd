package io.jenkins.plugins.codegen.integrator;

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
 */
public record TaskResult(String taskId, String title, TaskStatus status, String prUrl, Integer prNumber,
                         String prTitle, String branch, Long runId, String webUrl, String runStatus, int attempts,
                         Duration responseTime, String promptLevel, int originalPromptLength, int promptLength,
                         List<String> shed, String prompt, ErrorType errorType, String errorMessage, String guidance,
                         boolean retryable, int apiRequests, String backend) {

    public TaskResult {
        shed = List.copyOf(shed);
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
        return map;
    }
}
