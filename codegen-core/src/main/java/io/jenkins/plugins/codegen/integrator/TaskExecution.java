package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.BridgeCommand;
import io.jenkins.plugins.codegen.bridge.BridgeEvent;
import io.jenkins.plugins.codegen.bridge.BridgeGoneException;
import io.jenkins.plugins.codegen.bridge.BridgeListener;
import io.jenkins.plugins.codegen.bridge.BridgeRequest;
import io.jenkins.plugins.codegen.bridge.BridgeResult;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.bridge.BridgeStats;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.retry.AttemptContext;
import io.jenkins.plugins.codegen.retry.Deadline;
import java.time.Duration;

/**
 * One task's trip through the retry-wrapped bridge. It remembers across attempts what decides
 * whether another attempt may create an agent run: the run that exists, or a create whose outcome
 * is unknown. So a retry resumes the run, or looks for it, and never starts a second one. A task
 * whose tag is derived from its purpose (a fix of a failure) looks already on its first attempt,
 * for the run an earlier task with the same purpose may have started.
 */
final class TaskExecution {
    private final CodegenIntegrator engine;
    private final BridgeRequest template;
    private final Deadline deadline;
    private final ProgressListener listener;
    private final OrganizationBudget budget;
    private final boolean lookFirst;
    private Long runId;
    private String webUrl;
    private String runStatus;
    private boolean createOutcomeUnknown;
    private int attempts;
    private int apiRequests;
    /** A bridge an earlier call started and lost track of: the first attempt follows it instead of starting one. */
    private BridgeState resumeFrom;

    TaskExecution(CodegenIntegrator engine, BridgeRequest template, Deadline deadline, ProgressListener listener,
                  OrganizationBudget budget, boolean lookFirst) {
        this.engine = engine;
        this.lookFirst = lookFirst;
        this.template = template;
        this.deadline = deadline;
        this.listener = listener;
        this.budget = budget;
    }

    /**
     * Picks up a bridge that an earlier call started ({@link ProgressListener#onBridgeStarted}): the
     * first attempt follows it, and its agent run, if known, is this task's run from the start.
     */
    TaskExecution resumingFrom(BridgeState state) {
        this.resumeFrom = state;
        if (state.runId() != null) {
            runId = state.runId();
            webUrl = state.webUrl();
        }
        return this;
    }

    /** One attempt, as the retry manager calls it. */
    BridgeResult attempt(AttemptContext context) throws CodegenException, InterruptedException {
        attempts = context.attemptNumber();
        if (attempts > 1) {
            listener.onProgress(Progress.of(Progress.Kind.ATTEMPT, "Attempt " + attempts
                    + (runId != null ? ": following agent run " + runId
                    : createOutcomeUnknown ? ": looking for the run the previous attempt may have created" : "")));
        }
        BridgeListener bridgeListener = bridgeListener(context);
        try {
            if (resumeFrom != null) {
                BridgeState state = resumeFrom;
                resumeFrom = null;
                try {
                    return engine.reattachBridge(state, nextRequest(), bridgeListener);
                } catch (BridgeGoneException gone) {
                    afterBridgeGone(gone);
                }
            }
            BridgeRequest request = nextRequest();
            if (runId == null && !createOutcomeUnknown) {
                budget.awaitCreateSlot();
            }
            return engine.runBridge(request, bridgeListener);
        } catch (CodegenException e) {
            remember(e);
            throw e;
        }
    }

    /**
     * The bridge that was to be picked up is gone without a result. The next bridge attaches to the
     * run (attach mode never creates one); with no run known, the earlier bridge may have created
     * one just before it died, so the next bridge looks for the run's tag before it creates.
     */
    private void afterBridgeGone(BridgeGoneException gone) {
        if (runId == null) {
            createOutcomeUnknown = true;
        }
        listener.onProgress(Progress.ofRun(Progress.Kind.ATTEMPT, gone.getMessage() + " "
                + (runId != null ? "Following agent run " + runId + " with a new bridge (attach mode)."
                : "Looking for the agent run it may have created before starting one."), runId, webUrl));
    }

    private BridgeListener bridgeListener(AttemptContext context) {
        return new BridgeListener() {
            @Override
            public void onEvent(BridgeEvent event) {
                TaskExecution.this.onEvent(event, context);
            }

            @Override
            public void onStats(BridgeStats stats) {
                apiRequests += stats.requests();
                engine.statistics().recordApiRequests(stats.requests(), stats.rateLimited());
            }

            @Override
            public void onStarted(BridgeState state) {
                listener.onBridgeStarted(state);
            }
        };
    }

    private BridgeRequest nextRequest() {
        double scale = template.timeScale();
        Duration remaining = deadline.remaining();
        Duration bridgeDeadline = Duration.ofMillis(Math.max(1, (long) (remaining.toMillis() * scale)));
        BridgeRequest.Builder request = template.toBuilder().deadline(bridgeDeadline)
                .poll(template.poll().withMinInterval(budget.minPollInterval()));
        if (template.command() == BridgeCommand.RUN) {
            boolean lookup = runId == null && (createOutcomeUnknown || lookFirst);
            request.resumeRunId(runId).lookupBeforeCreate(lookup);
            if (lookup && !createOutcomeUnknown) {
                // No create of ours is in flight that could still land: one look is enough.
                request.lookupGrace(Duration.ZERO);
            }
        }
        return request.build();
    }

    private void onEvent(BridgeEvent event, AttemptContext context) {
        switch (event.type()) {
            case "created" -> {
                runId = event.runId().orElse(null);
                webUrl = event.text("web_url").orElse(null);
                runStatus = event.text("status").orElse(runStatus);
                createOutcomeUnknown = false;
                context.madeProgress();
                listener.onProgress(Progress.ofBridge(Progress.Kind.RUN_CREATED, event, runId, webUrl));
            }
            case "status" -> {
                runStatus = event.text("status").orElse(runStatus);
                context.madeProgress();
                listener.onProgress(Progress.ofBridge(Progress.Kind.STATUS, event, runId, webUrl));
            }
            default -> listener.onProgress(Progress.ofBridge(Progress.Kind.BRIDGE, event, runId, webUrl));
        }
    }

    private void remember(CodegenException e) {
        e.getRunId().ifPresent(id -> runId = id);
        e.getWebUrl().ifPresent(url -> webUrl = url);
        if (e.getCreateOutcome() == CreateOutcome.UNKNOWN) {
            createOutcomeUnknown = true;
        }
    }

    Long runId() {
        return runId;
    }

    String webUrl() {
        return webUrl;
    }

    /** The agent run's last status the bridge reported, if any. */
    String runStatus() {
        return runStatus;
    }

    int attempts() {
        return attempts;
    }

    int apiRequests() {
        return apiRequests;
    }
}
