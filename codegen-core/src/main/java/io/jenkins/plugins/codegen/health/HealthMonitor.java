package io.jenkins.plugins.codegen.health;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.stats.Statistics;
import io.jenkins.plugins.codegen.stats.StatisticsSnapshot;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Derives {@link Health} from what the engine observes: bridge calls, API answers, connection
 * checks and the task statistics. Thread-safe.
 */
public final class HealthMonitor {
    /** Failures that say the API cannot be used as configured (not a passing blip in one task). */
    private static final Set<ErrorType> API_DOWN = EnumSet.of(ErrorType.AUTHENTICATION, ErrorType.PERMISSION,
            ErrorType.CONNECTION, ErrorType.QUOTA);
    /** Failures that say the bridge cannot run on this machine. */
    private static final Set<ErrorType> BRIDGE_DOWN = EnumSet.of(ErrorType.PYTHON, ErrorType.IMPORT);
    /** Below this recent success rate the engine reports itself degraded. */
    static final double DEGRADED_BELOW = 0.8;

    private final Statistics statistics;
    private ComponentHealth api = new ComponentHealth(ComponentHealth.UNKNOWN, "no request made yet");
    private ComponentHealth bridge = new ComponentHealth(ComponentHealth.UNKNOWN, "not run yet");
    private boolean rateLimited;

    public HealthMonitor(Statistics statistics) {
        this.statistics = statistics;
    }

    /** A bridge call ended with a result: the bridge runs and the API answered. */
    public synchronized void bridgeSucceeded(String what, int rateLimitedWaits) {
        bridge = new ComponentHealth(ComponentHealth.UP, "last call succeeded (" + what + ")");
        api = new ComponentHealth(ComponentHealth.UP, "answered the last request");
        rateLimited = rateLimitedWaits > 0;
    }

    /** A bridge call failed: decide which component it says something about. */
    public synchronized void bridgeFailed(CodegenException failure) {
        ErrorType type = failure.getErrorType();
        String detail = type.wireName() + ": " + failure.getMessage();
        if (BRIDGE_DOWN.contains(type)) {
            bridge = new ComponentHealth(ComponentHealth.DOWN, detail);
            return;
        }
        if (type == ErrorType.VALIDATION && failure.getHttpStatus().isEmpty()) {
            return; // the input was refused before anything was sent: says nothing about the API
        }
        bridge = new ComponentHealth(ComponentHealth.UP, "ran; the last call failed with " + type.wireName());
        rateLimited = type == ErrorType.RATE_LIMIT;
        if (API_DOWN.contains(type)) {
            api = new ComponentHealth(ComponentHealth.DOWN, detail);
        } else if (type != ErrorType.TASK_FAILED && type != ErrorType.ABORTED) {
            api = new ComponentHealth(api.status(), "last failure: " + detail);
        }
    }

    public synchronized Health health() {
        StatisticsSnapshot stats = statistics.snapshot();
        OptionalDouble recent = statistics.recentSuccessRate();
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        components.put("api", api);
        components.put("bridge", bridge);
        components.put("promptOptimizer", new ComponentHealth(ComponentHealth.UP, "in-process"));
        components.put("retryManager", new ComponentHealth(ComponentHealth.UP, stats.retries() + " retries so far"));
        HealthStatus status;
        if (api.isDown() || bridge.isDown()) {
            status = HealthStatus.UNHEALTHY;
        } else if (rateLimited || (recent.isPresent() && recent.getAsDouble() < DEGRADED_BELOW)) {
            status = HealthStatus.DEGRADED;
        } else {
            status = HealthStatus.HEALTHY;
        }
        Boolean connected = ComponentHealth.UNKNOWN.equals(api.status()) ? null : !api.isDown();
        return new Health(status, connected, recent.isPresent() ? recent.getAsDouble() : null, components);
    }
}
