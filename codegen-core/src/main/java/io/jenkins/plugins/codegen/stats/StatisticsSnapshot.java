package io.jenkins.plugins.codegen.stats;

import io.jenkins.plugins.codegen.error.ErrorType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics at one moment.
 *
 * @param requests tasks handed to the engine (finished or not)
 * @param successRate successes among finished tasks, 0 to 1 (0 when none finished)
 * @param averageResponseTimeMs mean time from hand-over to outcome, over all finished tasks
 * @param p95ResponseTimeMs 95th percentile of that time over the most recent finished tasks
 * @param retries attempts beyond the first, summed over all tasks
 * @param apiRequests Codegen API requests the bridges made
 * @param rateLimitedWaits how often the API answered 429 to a status read and a bridge waited
 * @param errorsByType failures and aborts per error type
 */
public record StatisticsSnapshot(long requests, long successes, long failures, long aborted, double successRate,
                                 long averageResponseTimeMs, long p95ResponseTimeMs, long retries,
                                 long apiRequests, long rateLimitedWaits, Map<ErrorType, Long> errorsByType) {
    public StatisticsSnapshot {
        errorsByType = Map.copyOf(errorsByType);
    }

    /** Plain JDK types with stable names, for JSON, the REST API and pipelines. */
    public Map<String, Object> toMap() {
        Map<String, Object> errors = new LinkedHashMap<>();
        for (ErrorType type : ErrorType.values()) {
            if (errorsByType.containsKey(type)) {
                errors.put(type.wireName(), errorsByType.get(type));
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("requests", requests);
        map.put("successes", successes);
        map.put("failures", failures);
        map.put("aborted", aborted);
        map.put("successRate", successRate);
        map.put("averageResponseTimeMs", averageResponseTimeMs);
        map.put("p95ResponseTimeMs", p95ResponseTimeMs);
        map.put("retries", retries);
        map.put("apiRequests", apiRequests);
        map.put("rateLimitedWaits", rateLimitedWaits);
        map.put("errorsByType", errors);
        return map;
    }
}
