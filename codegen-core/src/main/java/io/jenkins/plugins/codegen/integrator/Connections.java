package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeListener;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import java.util.HashSet;
import java.util.Set;

/**
 * Where the engine's requests go and with which credentials: the configured API, or in mock mode the
 * simulated API, which it starts where its launcher starts processes (and stops when it is closed),
 * with the runs made there for follow-ups.
 */
final class Connections implements AutoCloseable {
    /** Stands in for a token in mock mode: the simulator wants one, and it is no secret. */
    static final String MOCK_TOKEN = "mock-token";
    private static final long MOCK_ORG_ID = SimulatorOptions.DEFAULT_ORG_ID;

    private final CodegenSettings settings;
    private final BridgeLauncher launcher;
    private SimulatorServer simulator;
    /** The runs mock mode's simulator made for follow-ups. */
    private final Set<Long> mockRunsMade = new HashSet<>();

    Connections(CodegenSettings settings, BridgeLauncher launcher) {
        this.settings = settings;
        this.launcher = launcher;
    }

    /** The API's URL, the organization and the token; in mock mode, the simulator this engine started. */
    synchronized Connection connection() throws CodegenException, InterruptedException {
        if (!settings.mock()) {
            return new Connection(settings.apiUrl(), settings.orgId().orElseThrow(), settings.token().orElseThrow());
        }
        long orgId = settings.orgId().orElse(MOCK_ORG_ID);
        if (simulator == null) {
            // The simulator knows the configured organization, so a user who has entered theirs can still try
            // mock mode; its runs carry no link, since it is gone once the task ends.
            simulator = SimulatorServer.start(launcher, settings.pythonPath(),
                    SimulatorOptions.scenario(settings.mockScenario()).withTimeScale(settings.timeScale())
                            .withOrgId(orgId).withoutRunLinks());
        }
        return new Connection(simulator.baseUrl(), orgId, MOCK_TOKEN);
    }

    /**
     * Mock mode's simulator starts empty, so a follow-up would find no run: it first makes a simulated
     * run under the id the user gave (the scenario key {@code run_id}), created through the bridge and
     * not waited for. Through the bridge, because the simulator runs where the bridge runs, which the
     * engine may not reach itself.
     */
    synchronized void mockRunToFollowUp(Connection connection, long runId, BridgeRequests requests, BridgeRuns runs,
                                        ProgressListener listener) throws CodegenException, InterruptedException {
        if (mockRunsMade.contains(runId)) {
            return;
        }
        String spec = (settings.mockScenario() == null || settings.mockScenario().isBlank() ? "success"
                : settings.mockScenario()) + ";run_id=" + runId;
        runs.run(requests.mockRun(simulator.baseUrl(spec), connection.orgId()), BridgeListener.NONE);
        mockRunsMade.add(runId);
        listener.onProgress(Progress.ofRun(Progress.Kind.BRIDGE, "Mock mode: the simulator made agent run " + runId
                + " to follow up", runId, null));
    }

    /** Stops the simulator of mock mode, if one was started. */
    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
            mockRunsMade.clear();
        }
    }

    /** Where requests go and with which token. */
    record Connection(String apiUrl, long orgId, String token) {
    }
}
