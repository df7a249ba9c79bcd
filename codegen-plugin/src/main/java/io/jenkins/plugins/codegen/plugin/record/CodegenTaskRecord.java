package io.jenkins.plugins.codegen.plugin.record;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.monitoring.TaskFacts;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What became of one task of a build, kept in the build's {@code build.xml} and shown on the build
 * page and in its REST API: the pull request, the agent run, the figures, the prompt that was sent
 * and, on failure, the error type and what to do. It never holds the token, nor more than the start
 * of an overlong title ({@link TaskValidator#quotedTitle}). The agent run is
 * recorded as soon as it exists, so that an abort or a controller restart does not lose the link.
 * The agent's log entries are added as they come ({@link AgentLogTrail}), saved at the build's save points.
 */
@ExportedBean(defaultVisibility = 1)
public final class CodegenTaskRecord implements Serializable, TaskFacts {
    private static final long serialVersionUID = 1L;

    private final String id;
    private String title;
    private String taskId;
    private final boolean mock;
    private String status = RecordStatus.RUNNING;
    private String prUrl;
    private Integer prNumber;
    private String prTitle;
    private String branch;
    private Long runId;
    private String webUrl;
    private String runStatus;
    private int attempts;
    private long responseTimeMs;
    private String promptLevel;
    private int originalPromptLength;
    private int promptLength;
    private List<String> promptShed;
    private String prompt;
    private String errorType;
    private String errorMessage;
    private String guidance;
    private int apiRequests;
    private String backend;
    private final long started;
    private long finished;
    /** A fix of this build's failure ({@code codegenFix}, the freestyle fix action) rather than a task. */
    private boolean fix;
    /** An automatic fix, asked by the controller when the build failed rather than by a step of the build. */
    private boolean automatic;
    private String failureSignature;
    /** The agent run is the one an earlier fix of the same failure started; this fix started none. */
    private boolean foundEarlierRun;
    /** The agent run this task sent a follow-up to (resume); null for a task that created its run. */
    private Long followUpOf;
    private AgentLogTrail agentLog;
    /** Stopped before the engine said how many attempts and requests it made: the pages leave them out. */
    private boolean countsUnknown;
    private SettingsProvenance settingsFrom;

    CodegenTaskRecord(String title, @CheckForNull String taskId, boolean mock) {
        this.id = UUID.randomUUID().toString();
        this.title = TaskValidator.quotedTitle(title);
        this.taskId = taskId;
        this.mock = mock;
        this.started = System.currentTimeMillis();
    }

    // ---- Changes, as the task goes on -----------------------------------------------------------

    /** Where each of the task's settings came from ({@code organization 42 from folder team-a}). */
    public synchronized void settingsFrom(List<String> lines) {
        settingsFrom = SettingsProvenance.of(lines);
    }

    /** The task's title and id once known (they may come from a task file). */
    public synchronized void describe(String taskTitle, String trackerId) {
        this.title = TaskValidator.quotedTitle(taskTitle);
        this.taskId = trackerId == null || trackerId.isEmpty() ? null : trackerId;
    }

    /** The task is a follow-up on an existing agent run, which is its run from the start. */
    public synchronized void followUp(long agentRunId, String followUpTitle) {
        this.title = TaskValidator.quotedTitle(followUpTitle);
        this.taskId = null;
        this.followUpOf = agentRunId;
        this.runId = agentRunId;
    }

    /** The agent wrote an entry in its run's log (masked already); kept once, the last {@value AgentLogTrail#MAX}. */
    public synchronized void agentLog(AgentLogEntry entry) {
        trail().add(entry);
    }

    private AgentLogTrail trail() {
        agentLog = agentLog != null ? agentLog : new AgentLogTrail(); // null in a record saved before it existed
        return agentLog;
    }

    /** The agent run exists. */
    public synchronized void runCreated(@CheckForNull Long agentRunId, @CheckForNull String agentRunUrl) {
        if (agentRunId != null) {
            this.runId = agentRunId;
        }
        if (agentRunUrl != null) {
            this.webUrl = agentRunUrl;
        }
    }

    /** The task ended, with success or failure. */
    public synchronized void finish(TaskResult result) {
        this.status = RecordStatus.afterTask(result);
        this.title = result.title().isEmpty() ? title : TaskValidator.quotedTitle(result.title());
        this.prUrl = result.prUrl();
        this.prNumber = result.prNumber();
        this.prTitle = result.prTitle();
        this.branch = result.branch();
        if (result.runId() != null) {
            this.runId = result.runId();
        }
        if (result.webUrl() != null) {
            this.webUrl = result.webUrl();
        }
        this.runStatus = result.runStatus();
        this.attempts = result.attempts();
        this.responseTimeMs = result.responseTime().toMillis();
        this.promptLevel = result.promptLevel();
        this.originalPromptLength = result.originalPromptLength();
        this.promptLength = result.promptLength();
        this.promptShed = result.shed().isEmpty() ? null : new ArrayList<>(result.shed());
        this.prompt = result.prompt();
        this.errorType = result.errorType() == null ? null : result.errorType().wireName();
        this.errorMessage = result.errorMessage();
        this.guidance = result.guidance();
        this.apiRequests = result.apiRequests();
        this.backend = result.backend();
        this.followUpOf = result.followUpOf() != null ? result.followUpOf() : followUpOf;
        trail().addAll(result.agentLog()); // those the progress did not hand on, if any
        this.finished = System.currentTimeMillis();
    }

    /** This record is a fix of the build's failure. */
    public synchronized void markFix() {
        this.fix = true;
    }

    /** This record is a fix that the controller asked for by itself after the build ended. */
    public synchronized void markAutomatic() {
        this.fix = true;
        this.automatic = true;
    }

    /** What the fix found out: the failure's signature, and whether it followed an earlier fix's run. */
    public synchronized void fixed(String signature, boolean followedEarlierRun) {
        this.failureSignature = signature;
        this.foundEarlierRun = followedEarlierRun;
    }

    /** {@code codegenWait} is following the agent run: the record runs again until the wait ends. */
    public synchronized void waiting(long agentRunId, @CheckForNull String agentRunUrl) {
        runCreated(agentRunId, agentRunUrl);
        this.status = RecordStatus.RUNNING;
        this.finished = 0;
    }

    /**
     * {@code codegenWait} ended: the run's outcome (pull request, status, error and guidance) replaces
     * what was known; the prompt and figures of the task that created the run stay, and the wait's
     * reads are added to its requests.
     */
    public synchronized void waited(TaskResult result) {
        this.status = RecordStatus.afterWait(result);
        this.prUrl = result.prUrl();
        this.prNumber = result.prNumber();
        this.prTitle = result.prTitle();
        this.branch = result.branch();
        runCreated(result.runId(), result.webUrl());
        this.runStatus = result.runStatus() != null ? result.runStatus() : runStatus;
        this.errorType = result.errorType() == null ? null : result.errorType().wireName();
        this.errorMessage = result.errorMessage();
        this.guidance = result.guidance();
        this.apiRequests += result.apiRequests();
        this.backend = backend == null ? result.backend() : backend;
        trail().addAll(result.agentLog());
        this.finished = System.currentTimeMillis();
        this.responseTimeMs = finished - started;
    }

    /**
     * The task was aborted after the engine took it: what was known then (attempts, the prompt and its
     * sizes, the agent run that may still be working) is kept, as for a failure.
     */
    public synchronized void abort(TaskResult partial) {
        finish(partial);
        this.status = RecordStatus.ABORTED;
    }

    /** The task was aborted; the agent run, if any, may still be working. */
    public synchronized void abort(String message, @CheckForNull Long agentRunId, @CheckForNull String agentRunUrl) {
        runCreated(agentRunId, agentRunUrl);
        stopped(RecordStatus.ABORTED, message);
    }

    /** The build ended while the task was still running (a controller restart, say). */
    public synchronized void interrupt() {
        if (isRunning()) {
            stopped(RecordStatus.INTERRUPTED, RecordStatus.interruptedMessage(runId));
        }
    }

    /** Stopped before its end: the counts are unknown unless the engine had told them. */
    private void stopped(String endStatus, String message) {
        this.status = endStatus;
        this.countsUnknown = attempts == 0 && apiRequests == 0;
        this.errorType = "aborted";
        this.errorMessage = message;
        this.guidance = ErrorType.ABORTED.defaultGuidance();
        this.finished = System.currentTimeMillis();
    }

    // ---- What the pages and the REST API show ----------------------------------------------------

    /** Identifies the record within its build. */
    public String getId() {
        return id;
    }

    @Exported(visibility = 3)
    public synchronized String getTitle() {
        return title;
    }

    @Exported(visibility = 3)
    public synchronized String getTaskId() {
        return taskId;
    }

    /** {@code RUNNING}, {@code ACTIVE}, {@code SUCCEEDED}, {@code FAILED}, {@code ABORTED} or {@code INTERRUPTED}. */
    @Exported(visibility = 3)
    public synchronized String getStatus() {
        return status;
    }

    @Exported
    public boolean isMock() {
        return mock;
    }

    @Exported(visibility = 3)
    public synchronized String getPrUrl() {
        return prUrl;
    }

    @Exported(visibility = 3)
    public synchronized Integer getPrNumber() {
        return prNumber;
    }

    @Exported(visibility = 3)
    public synchronized String getPrTitle() {
        return prTitle;
    }

    @Exported(visibility = 3)
    public synchronized String getBranch() {
        return branch;
    }

    @Exported(visibility = 3)
    public synchronized Long getRunId() {
        return runId;
    }

    @Exported(visibility = 3)
    public synchronized String getWebUrl() {
        return webUrl;
    }

    @Exported
    public synchronized String getRunStatus() {
        return runStatus;
    }

    @Exported
    public synchronized int getAttempts() {
        return attempts;
    }

    @Exported
    public synchronized long getResponseTimeMs() {
        return responseTimeMs;
    }

    @Exported
    public synchronized String getPromptLevel() {
        return promptLevel;
    }

    @Exported
    public synchronized int getOriginalPromptLength() {
        return originalPromptLength;
    }

    @Exported
    public synchronized int getPromptLength() {
        return promptLength;
    }

    /** What the optimizer left out or shortened to respect the length cap. */
    @Exported
    public synchronized List<String> getPromptShed() {
        return promptShed == null ? List.of() : List.copyOf(promptShed);
    }

    /** The optimized prompt that was sent (or would have been). */
    @Exported
    public synchronized String getPrompt() {
        return prompt;
    }

    @Exported(visibility = 3)
    public synchronized String getErrorType() {
        return errorType;
    }

    @Exported
    public synchronized String getErrorMessage() {
        return errorMessage;
    }

    @Exported
    public synchronized String getGuidance() {
        return guidance;
    }

    @Exported
    public synchronized int getApiRequests() {
        return apiRequests;
    }

    @Exported
    public synchronized String getBackend() {
        return backend;
    }

    /** When the task started, in milliseconds since the epoch. */
    @Exported
    public long getStarted() {
        return started;
    }

    /** When it ended, in milliseconds since the epoch; 0 while it runs. */
    @Exported
    public synchronized long getFinished() {
        return finished;
    }

    /** The agent run this task sent a follow-up to ({@code resume}); null for a task that created its run. */
    @Exported
    public synchronized Long getFollowUpOf() {
        return followUpOf;
    }

    /** The agent's log: its entries, oldest first, at most the last {@value AgentLogTrail#MAX}. Untrusted text. */
    @Exported
    public synchronized AgentLogTrail getAgentLog() {
        return agentLog == null ? new AgentLogTrail() : agentLog.copy();
    }

    /** Whether this is a fix of the build's failure rather than a task. */
    @Exported(visibility = 3)
    public synchronized boolean isFix() {
        return fix;
    }

    /** Whether this fix was asked for automatically when the build failed, not by a step of the build. */
    @Exported(visibility = 3)
    public synchronized boolean isAutomatic() {
        return automatic;
    }

    /** A fix's failure signature, e.g. {@code tests:3f2a9c0d1e4b5a67}; null for a task. */
    @Exported
    public synchronized String getFailureSignature() {
        return failureSignature;
    }

    /** Where each setting came from, one line each; empty for records from before these were kept. */
    @Exported
    public synchronized List<String> getSettingsFrom() {
        return SettingsProvenance.lines(settingsFrom);
    }

    /** Whether a fix followed the agent run an earlier fix of the same failure had started. */
    @Exported
    public synchronized boolean isFoundEarlierRun() {
        return foundEarlierRun;
    }

    /**
     * Whether this record started an agent run of a fix: what the daily cap counts. A fix that
     * followed an earlier fix's run, or failed before it had a run, started none.
     */
    public synchronized boolean startedFixRun() {
        return fix && runId != null && !foundEarlierRun;
    }

    synchronized boolean isCountsUnknown() {
        return countsUnknown;
    }

    public synchronized boolean isRunning() {
        return RecordStatus.RUNNING.equals(status);
    }

    public synchronized boolean isSucceeded() {
        return RecordStatus.SUCCEEDED.equals(status);
    }

    /** How the pages word this record. */
    public TaskRecordView getView() {
        return new TaskRecordView(this);
    }
}
