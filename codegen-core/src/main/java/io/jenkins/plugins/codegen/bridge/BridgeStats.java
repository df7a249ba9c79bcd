package io.jenkins.plugins.codegen.bridge;

import java.util.Map;

/**
 * The API requests one bridge call made.
 *
 * @param byPhase requests per phase: {@code create}, {@code poll}, {@code lookup}, {@code repos}, {@code health}
 * @param rateLimited how often the API answered 429 and the bridge waited
 */
public record BridgeStats(int requests, Map<String, Integer> byPhase, int rateLimited) {
    public static final BridgeStats NONE = new BridgeStats(0, Map.of(), 0);

    public BridgeStats {
        byPhase = Map.copyOf(byPhase);
    }

    public int requestsIn(String phase) {
        return byPhase.getOrDefault(phase, 0);
    }
}
