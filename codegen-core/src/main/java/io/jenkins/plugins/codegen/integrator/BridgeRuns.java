package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.BridgeGoneException;
import io.jenkins.plugins.codegen.bridge.BridgeListener;
import io.jenkins.plugins.codegen.bridge.BridgeRequest;
import io.jenkins.plugins.codegen.bridge.BridgeResult;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.bridge.PythonBridge;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.health.HealthMonitor;
import io.jenkins.plugins.codegen.stats.Statistics;

/**
 * Runs the bridge for the engine: within the JVM's limit of concurrent bridge processes
 * ({@link BridgeSlots}), with the connection's token, telling the health monitor how each run ended;
 * the statistics it keeps count the API requests the bridges made.
 */
final class BridgeRuns {
    private final PythonBridge bridge;
    private final BridgeSlots slots;
    private final int maxConcurrent;
    private final HealthMonitor healthMonitor;
    private final Statistics statistics;
    private final Connections connections;

    BridgeRuns(PythonBridge bridge, BridgeSlots slots, int maxConcurrent, HealthMonitor healthMonitor,
               Statistics statistics, Connections connections) {
        this.bridge = bridge;
        this.slots = slots;
        this.maxConcurrent = maxConcurrent;
        this.healthMonitor = healthMonitor;
        this.statistics = statistics;
        this.connections = connections;
    }

    Statistics statistics() {
        return statistics;
    }

    /** Runs the bridge once. */
    BridgeResult run(BridgeRequest request, BridgeListener listener) throws CodegenException, InterruptedException {
        try {
            return inSlot(request, token -> bridge.execute(request, token, listener));
        } catch (BridgeGoneException e) {
            throw new IllegalStateException("a new bridge cannot be gone", e);
        }
    }

    /** Follows a bridge started earlier ({@link PythonBridge#reattach}). */
    BridgeResult reattach(BridgeState state, BridgeRequest request, BridgeListener listener)
            throws CodegenException, BridgeGoneException, InterruptedException {
        return inSlot(request, token -> bridge.reattach(state, request, token, listener));
    }

    /** One bridge within the JVM's slots, with the connection's token, its end told to the health monitor. */
    private BridgeResult inSlot(BridgeRequest request, BridgeCall call)
            throws CodegenException, BridgeGoneException, InterruptedException {
        slots.acquire(maxConcurrent);
        try {
            BridgeResult result = call.run(connections.connection().token());
            healthMonitor.bridgeSucceeded(request.command().wireName(), result.stats().rateLimited());
            return result;
        } catch (CodegenException e) {
            healthMonitor.bridgeFailed(e);
            throw e;
        } finally {
            slots.release();
        }
    }

    @FunctionalInterface
    private interface BridgeCall {
        BridgeResult run(String token) throws CodegenException, BridgeGoneException, InterruptedException;
    }
}
