package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.BridgeCommand;
import io.jenkins.plugins.codegen.bridge.BridgeRequest;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.prompt.OptimizedPrompt;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.RepositoryName;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the engine asks the bridge, from the settings: a task's run, a follow-up, a health check, a status read. */
final class BridgeRequests {
    private static final double POLL_GROWTH = 0.1;

    private final CodegenSettings settings;
    private final Map<String, Object> metadata;
    private final boolean waitForRun;

    BridgeRequests(CodegenSettings settings, Map<String, Object> metadata, boolean waitForRun) {
        this.settings = settings;
        this.metadata = Map.copyOf(metadata);
        this.waitForRun = waitForRun;
    }

    /** Each request's timeout, never more than half the whole task's, so that a retry still fits. */
    Duration requestTimeout() {
        Duration half = settings.timeout().dividedBy(2);
        return settings.requestTimeout().compareTo(half) > 0 ? half : settings.requestTimeout();
    }

    /** A task's run, tagged with its request id and stored with the engine's metadata. */
    BridgeRequest run(Connections.Connection connection, CodegenTask task, TaskContext context,
                      OptimizedPrompt prompt, ClientRequestId requestId) throws CodegenException {
        Map<String, Object> runMetadata = new LinkedHashMap<>();
        runMetadata.put("source", "codegen-jenkins");
        if (!task.id().isEmpty()) {
            runMetadata.put("task_id", task.id());
        }
        runMetadata.putAll(metadata);
        return runBuilder(connection.apiUrl(), connection.orgId())
                .backend(backendFor(requestId))
                .prompt(prompt.text())
                .repository(RepositoryName.normalize(context.codebase().repository()).orElse(null))
                .metadata(runMetadata)
                .clientRequestId(requestId.value())
                // Where a lookup stops: a reusable tag's run may be an earlier task's; a task's own run is
                // no older than the task, which its timeout bounds.
                .lookupWindow(requestId.lookFirst() ? ClientRequestId.REUSE_WINDOW : settings.timeout())
                .build();
    }

    /** A follow-up is a {@code run} without a create: the bridge sends resume for the run, then follows it. */
    BridgeRequest followUp(Connections.Connection connection, FollowUp followUp) {
        return runBuilder(connection.apiUrl(), connection.orgId())
                // The SDK's Agent has no resume: the documented REST endpoint sends it on every backend.
                .backend(Backend.REST)
                .prompt(followUp.prompt())
                .followUpRunId(followUp.runId())
                .build();
    }

    /** Mock mode: a simulated run for a follow-up to continue, created and not waited for. */
    BridgeRequest mockRun(String apiUrl, long orgId) {
        return BridgeRequest.builder(BridgeCommand.RUN, apiUrl, orgId)
                .prompt("A simulated agent run for a follow-up to continue (mock mode).")
                .clientRequestId(ClientRequestId.random().value()).waitForRun(false)
                .requestTimeout(requestTimeout()).timeScale(settings.timeScale()).build();
    }

    /** Is the token good, and may it act in the organization? */
    BridgeRequest health(Connections.Connection connection) {
        return single(BridgeCommand.HEALTH, connection).build();
    }

    /** One look at an existing run. */
    BridgeRequest status(Connections.Connection connection, long runId) {
        return single(BridgeCommand.STATUS, connection).runId(runId).build();
    }

    private BridgeRequest.Builder single(BridgeCommand command, Connections.Connection connection) {
        return BridgeRequest.builder(command, connection.apiUrl(), connection.orgId())
                .backend(settings.backend()).requestTimeout(requestTimeout())
                .deadline(requestTimeout().multipliedBy(3)).timeScale(settings.timeScale())
                .debug(settings.debugLogging());
    }

    /**
     * What every {@code run} request shares. The lookup grace covers a create or resume whose answer was
     * lost: the run is looked for (or read) again only once a late request would have landed.
     */
    private BridgeRequest.Builder runBuilder(String apiUrl, long orgId) {
        return BridgeRequest.builder(BridgeCommand.RUN, apiUrl, orgId)
                .waitForRun(waitForRun)
                .requestTimeout(requestTimeout())
                .lookupGrace(requestTimeout())
                .poll(new BridgeRequest.PollSettings(settings.pollInterval(), settings.maxPollInterval(), POLL_GROWTH,
                        Duration.ZERO))
                .timeScale(settings.timeScale())
                .debug(settings.debugLogging());
    }

    /** Only REST tags runs, so only REST can find the run an earlier task made for the same purpose. */
    private Backend backendFor(ClientRequestId requestId) throws CodegenException {
        if (!requestId.lookFirst() || settings.backend() == Backend.REST) {
            return settings.backend();
        }
        if (settings.backend() == Backend.AUTO) {
            return Backend.REST;
        }
        throw CodegenException.builder(ErrorType.VALIDATION, "this task must find the agent run an earlier task "
                        + "made for the same purpose, and the official SDK's Agent.run() cannot tag runs")
                .guidance("Use the rest or auto backend for it.").retryable(false).build();
    }
}
