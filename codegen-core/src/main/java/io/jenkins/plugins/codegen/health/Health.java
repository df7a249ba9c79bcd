package io.jenkins.plugins.codegen.health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's health: overall status, whether the Codegen API was reachable with the configured
 * token ({@code null} while nothing has been observed), the recent success rate and each component.
 */
public record Health(HealthStatus status, Boolean connected, Double successRate,
                     Map<String, ComponentHealth> components) {
    public Health {
        components = Map.copyOf(components);
    }

    /** Plain JDK types with stable names, for JSON, the REST API and pipelines. */
    public Map<String, Object> toMap() {
        Map<String, Object> parts = new LinkedHashMap<>();
        components.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("status", e.getValue().status());
            part.put("detail", e.getValue().detail());
            parts.put(e.getKey(), part);
        });
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        map.put("connected", connected);
        map.put("successRate", successRate);
        map.put("components", parts);
        return map;
    }
}
