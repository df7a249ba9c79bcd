package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.BridgeAbortedException;
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
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.retry.AttemptContext;
import io.jenkins.plugins.codegen.retry.Deadline;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One task's trip through the retry-wrapped bridge. It remembers across attempts what decides
 * whether another attempt may create an agent run: the run that exists, or a create whose outcome
 * is unknown. So a retry resumes the run, or looks for it, and never starts a second one. A task
 * whose tag is derived from its purpose (a fix of a failure) looks already on its first attempt,
 * for the run an earlier task with the same purpose may have started.
 *
 * <p>It also keeps what the live log needs across attempts: the entries already reported (so that a
 * bridge that attaches reports only later ones: {@code log_skip}), whether the logs endpoint failed
 * (then every later bridge reads plain status: {@code live_log: false}), and the last
 * {@value TaskResult#MAX_AGENT_LOG} entries for the result. A follow-up ({@link FollowUp}) is sent
 * by the first attempt; once a bridge reported it taken ({@code created}), retries attach to the run;
 * when its outcome is unknown, it is never sent again.
 */
final class TaskExecution {
    private final BridgeRuns runs;
    private final BridgeRequest template;
    private final Deadline deadline;
    private final ProgressListener listener;
    private final OrganizationBudget budget;
    private final boolean lookFirst;
    private final SecretMasker masker;
    /** The follow-up this task sends, or null for a task that creates its run. */
    private final FollowUp followUp;
    private final ArrayDeque<AgentLogEntry> agentLog = new ArrayDeque<>();
    private int logSkip;
    private boolean liveLog = true;
    /** A bridge reported the follow-up taken: later attempts attach to the run. */
    private boolean followUpTaken;
    /** The follow-up may have been sent, and whether it was taken is not known: it is never sent again. */
    private boolean followUpUnknown;
    private Long runId;
    private String webUrl;
    private String runStatus;
    private boolean createOutcomeUnknown;
    private int attempts;
    private int apiRequests;
    /** A bridge an earlier call started and lost track of: the first attempt follows it instead of starting one. */
    private BridgeState resumeFrom;

    TaskExecution(BridgeRuns runs, BridgeRequest template, Deadline deadline, ProgressListener listener,
                  OrganizationBudget budget, boolean lookFirst, SecretMasker masker, FollowUp followUp) {
        this.runs = runs;
        this.masker = masker;
        this.followUp = followUp;
        // A follow-up's run exists before the task starts: an abort or a failure names it from the start.
        this.runId = followUp == null ? null : followUp.runId();
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
        logSkip = Math.max(logSkip, state.logSkip());
        if (state.runId() != null) {
            runId = state.runId();
            webUrl = state.webUrl();
            followUpTaken = followUp != null;
        }
        return this;
    }

    /** One attempt, as the retry manager calls it. */
    BridgeResult attempt(AttemptContext context) throws CodegenException, InterruptedException {
        attempts = context.attemptNumber();
        if (attempts > 1) {
            listener.onProgress(Progress.of(Progress.Kind.ATTEMPT, "Attempt " + attempts
                    + (followUp != null && !followUpTaken ? ": sending the follow-up to agent run " + runId
                    : runId != null ? ": following agent run " + runId
                    : createOutcomeUnknown ? ": looking for the run the previous attempt may have created" : "")));
        }
        BridgeListener bridgeListener = bridgeListener(context);
        if (followUp != null && followUpUnknown && !followUpTaken) {
            throw followUpNotResent();
        }
        try {
            if (resumeFrom != null) {
                BridgeState state = resumeFrom;
                resumeFrom = null;
                try {
                    return runs.reattach(state, nextRequest(), bridgeListener);
                } catch (BridgeGoneException gone) {
                    afterBridgeGone(gone);
                }
            }
            if (deadline.isExpired()) {
                throw outOfTime();
            }
            BridgeRequest request = nextRequest();
            if (followUp != null ? !followUpTaken : runId == null && !createOutcomeUnknown) {
                budget.awaitCreateSlot();
            }
            return runs.run(request, bridgeListener);
        } catch (CodegenException e) {
            remember(e);
            throw e;
        } catch (BridgeAbortedException e) {
            remember(e);
            throw e;
        }
    }

    /**
     * The bridge that was to be picked up is gone without a result. The next bridge attaches to the
     * run (attach mode never creates one); with no run known, the earlier bridge may have created
     * one just before it died, so the next bridge looks for the run's tag before it creates.
     */
    private void afterBridgeGone(BridgeGoneException gone) throws CodegenException {
        if (followUp != null && !followUpTaken) {
            // The gone bridge may have sent the follow-up; a resume cannot be tagged, so it is not sent again.
            followUpUnknown = true;
            throw followUpNotResent();
        }
        if (runId == null) {
            createOutcomeUnknown = true;
        }
        if (deadline.isExpired()) {
            throw outOfTime();
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
                runs.statistics().recordApiRequests(stats.requests(), stats.rateLimited());
            }

            @Override
            public void onStarted(BridgeState state) {
                listener.onBridgeStarted(state.withLogSkip(logSkip).withFollowUp(followUp != null));
            }
        };
    }

    private BridgeRequest nextRequest() {
        double scale = template.timeScale();
        Duration remaining = deadline.remaining();
        Duration bridgeDeadline = Duration.ofMillis(Math.max(1, (long) (remaining.toMillis() * scale)));
        BridgeRequest.Builder request = template.toBuilder().deadline(bridgeDeadline)
                .poll(template.poll().withMinInterval(budget.minPollInterval(liveLog)))
                .liveLog(liveLog).logSkip(logSkip);
        if (followUp != null) {
            // Sent once; after a bridge reported it taken, a retry follows the run (attach mode never sends).
            request.followUpRunId(followUpTaken ? null : followUp.runId())
                    .resumeRunId(followUpTaken ? followUp.runId() : null).lookupBeforeCreate(false);
        } else if (template.command() == BridgeCommand.RUN) {
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
                if (followUp != null) {
                    followUpTaken = true;
                    followUpUnknown = false;
                }
                // A follow-up's run had entries before it: a bridge that attaches later must not report them.
                event.number("log_skip").ifPresent(skip -> logSkip = (int) Math.max(logSkip, Math.min(skip,
                        Integer.MAX_VALUE)));
                context.madeProgress();
                listener.onProgress(Progress.ofBridge(Progress.Kind.RUN_CREATED, event, runId, webUrl));
            }
            case "status" -> {
                runStatus = event.text("status").orElse(runStatus);
                context.madeProgress();
                listener.onProgress(Progress.ofBridge(Progress.Kind.STATUS, event, runId, webUrl));
            }
            case "agent_log" -> AgentLogEntry.fromEvent(event, masker).ifPresent(this::agentLogged);
            case "live_log" -> {
                if (event.liveLogUnavailable()) {
                    // For the rest of the task: no later bridge tries the logs endpoint again.
                    liveLog = false;
                }
                listener.onProgress(Progress.ofBridge(Progress.Kind.BRIDGE, event, runId, webUrl));
            }
            default -> listener.onProgress(Progress.ofBridge(Progress.Kind.BRIDGE, event, runId, webUrl));
        }
    }

    /**
     * A new entry of the run's log. One already reported (a bridge that was picked up again shows its
     * events again) is not kept twice.
     */
    private void agentLogged(AgentLogEntry entry) {
        if (!agentLog.isEmpty() && entry.index() <= agentLog.peekLast().index()) {
            return;
        }
        logSkip = Math.max(logSkip, entry.index() + 1);
        agentLog.addLast(entry);
        if (agentLog.size() > TaskResult.MAX_AGENT_LOG) {
            agentLog.removeFirst();
        }
        listener.onProgress(Progress.ofAgentLog(entry, runId, webUrl));
    }

    /**
     * The task's timeout had passed before this attempt could start a bridge: a task picked up again
     * (its timeout counts from its first start) whose bridge was gone. It ends as its bridge would
     * have, with a timeout naming its agent run, and no bridge is started only to time out.
     */
    private CodegenException outOfTime() {
        if (runId == null) {
            return CodegenException.builder(ErrorType.TIMEOUT, "The task's timeout, which counts from its first "
                            + "start, passed before its agent run was known.")
                    .guidance("An agent run may have been created: look for it at " + SafeLinks.RUNS_PAGE_URL
                            + " before running the task again, or raise the timeout.")
                    .retryable(false).createOutcome(createOutcomeUnknown ? CreateOutcome.UNKNOWN
                            : CreateOutcome.NOT_CREATED).build();
        }
        String page = SafeLinks.http(webUrl).orElse(SafeLinks.RUNS_PAGE_URL);
        return CodegenException.builder(ErrorType.TIMEOUT, "Agent run " + runId + " did not finish within the "
                        + "task's timeout, which counts from the task's first start.")
                .guidance("Raise the timeout, or follow the run at " + page + "; it may still finish.")
                .retryable(false).runId(runId).webUrl(webUrl).createOutcome(CreateOutcome.CREATED).build();
    }

    /** The follow-up's outcome is unknown: say so, and where to look, instead of sending it again. */
    private CodegenException followUpNotResent() {
        Long target = followUp.runId();
        String page = webUrl != null ? webUrl : "the run's page";
        return CodegenException.builder(ErrorType.UNKNOWN, "It is not known whether the follow-up to agent run "
                        + target + " was taken: look at " + page + " before sending it again.")
                .guidance("A follow-up (resume) cannot be tagged, so it is never sent twice. Open agent run " + target
                        + (webUrl != null ? " (" + webUrl + ")" : "") + ": if it works on the follow-up, wait for it "
                        + "with its run id; if not, send the follow-up again.")
                .retryable(false).runId(target).webUrl(webUrl).createOutcome(CreateOutcome.UNKNOWN).build();
    }

    private void remember(CodegenException e) {
        e.getRunId().ifPresent(id -> runId = id);
        e.getWebUrl().ifPresent(url -> webUrl = url);
        if (followUp != null) {
            // A follow-up's run id is known from the start: only the outcome says whether it was taken.
            if (e.getCreateOutcome() == CreateOutcome.CREATED) {
                followUpTaken = true;
            } else if (e.getCreateOutcome() == CreateOutcome.UNKNOWN && !followUpTaken) {
                followUpUnknown = true;
            }
        } else if (e.getCreateOutcome() == CreateOutcome.UNKNOWN) {
            createOutcomeUnknown = true;
        }
    }

    /** What the bridge wrote by the end of an abort: the run it created, or a create whose outcome is unknown. */
    private void remember(BridgeAbortedException e) {
        if (e.runId() != null) {
            runId = e.runId();
            webUrl = e.webUrl() != null ? e.webUrl() : webUrl;
        } else if (e.createOutcome() == CreateOutcome.UNKNOWN && followUp == null) {
            createOutcomeUnknown = true;
        }
    }

    /**
     * How an abort is told: the agent run that may still be working; or, when a create was sent and
     * its outcome is not known, that a run may exist and how to find it (never that there is none).
     */
    String abortMessage() {
        if (runId != null) {
            return "Aborted. Agent run " + runId + " may still be working" + (webUrl != null ? ": " + webUrl : ".");
        }
        if (!createOutcomeUnknown) {
            return "Aborted before an agent run was created.";
        }
        String tag = template.clientRequestId();
        // The SDK cannot tag runs: only the runs page can tell.
        boolean tagged = tag != null && template.backend() != Backend.SDK;
        return "Aborted. An agent run may have been created" + (tagged ? " (its metadata carries client_request_id "
                + tag + ")" : "") + ": look for it at " + SafeLinks.RUNS_PAGE_URL + " before running the task again.";
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

    /** The log entries seen, oldest first, at most the last {@value TaskResult#MAX_AGENT_LOG}. */
    List<AgentLogEntry> agentLog() {
        return List.copyOf(agentLog);
    }

    /** The run's log entries reported so far: what a bridge that attaches skips. */
    int logSkip() {
        return logSkip;
    }

    /** False once the logs endpoint failed: later bridges read plain status. */
    boolean liveLog() {
        return liveLog;
    }

    /** The follow-up this task sends, or null. */
    FollowUp followUp() {
        return followUp;
    }
}
