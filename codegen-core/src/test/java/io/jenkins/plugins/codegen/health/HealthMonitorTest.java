package io.jenkins.plugins.codegen.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.stats.Statistics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
    private final Statistics statistics = new Statistics();
    private final HealthMonitor monitor = new HealthMonitor(statistics);

    private static CodegenException failure(ErrorType type) {
        return CodegenException.builder(type, type.wireName() + " happened").build();
    }

    @Test
    void nothingObservedIsHealthyButNotKnownToBeConnected() {
        Health health = monitor.health();
        assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(health.connected()).isNull();
        assertThat(health.components()).containsOnlyKeys("api", "bridge", "promptOptimizer", "retryManager");
        assertThat(health.toMap()).containsEntry("status", "healthy");
    }

    @Test
    void rejectedTokenMakesItUnhealthyUntilACallSucceeds() {
        monitor.bridgeFailed(failure(ErrorType.AUTHENTICATION));
        assertThat(monitor.health().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(monitor.health().connected()).isFalse();
        monitor.bridgeSucceeded("health", 0);
        assertThat(monitor.health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(monitor.health().connected()).isTrue();
    }

    @Test
    void missingPythonTakesTheBridgeDown() {
        monitor.bridgeFailed(failure(ErrorType.PYTHON));
        Health health = monitor.health();
        assertThat(health.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(health.components().get("bridge").isDown()).isTrue();
        assertThat(health.components().get("api").status()).isEqualTo(ComponentHealth.UNKNOWN);
    }

    @Test
    void rateLimitingOrManyFailuresDegrade() {
        monitor.bridgeSucceeded("run", 2);
        assertThat(monitor.health().status()).isEqualTo(HealthStatus.DEGRADED);
        monitor.bridgeSucceeded("run", 0);
        for (int i = 0; i < 5; i++) {
            statistics.recordSuccess(Duration.ZERO, 1);
            statistics.recordFailure(ErrorType.TASK_FAILED, Duration.ZERO, 1);
        }
        assertThat(monitor.health().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(monitor.health().successRate()).isEqualTo(0.5);
    }

    @Test
    void agentFailuresAndInputErrorsSayNothingAgainstTheApi() {
        monitor.bridgeSucceeded("run", 0);
        monitor.bridgeFailed(failure(ErrorType.TASK_FAILED));
        monitor.bridgeFailed(failure(ErrorType.VALIDATION));
        assertThat(monitor.health().connected()).isTrue();
        assertThat(monitor.health().components().get("bridge").status()).isEqualTo(ComponentHealth.UP);
    }
}
