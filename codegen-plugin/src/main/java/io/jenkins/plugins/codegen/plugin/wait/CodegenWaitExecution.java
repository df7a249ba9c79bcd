package io.jenkins.plugins.codegen.plugin.wait;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.Sentence;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.agent.MaskingOutputStream;
import io.jenkins.plugins.codegen.plugin.config.CodegenCredentials;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.config.JenkinsProxy;
import io.jenkins.plugins.codegen.plugin.monitoring.CodegenMetrics;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskRunner;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import io.jenkins.plugins.codegen.plugin.scope.ScopeSettings;
import io.jenkins.plugins.codegen.scope.ResolvedSettings;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import io.jenkins.plugins.codegen.watch.Watch;
import io.jenkins.plugins.codegen.watch.WatchState;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A running {@code codegenWait}: the controller's watcher follows the agent run; no thread, executor
 * or process is held while it works. Its durable state is what a wait needs to start again from the
 * run id after a controller restart (the API URL, the organization, the run, the credentials id, the
 * deadline as a point in time, the build record); the token is looked up again from the credentials
 * id, never stored. The watch itself is transient: {@link #onResume} starts a new one.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "The watch and the stop's cause belong to one controller's lifetime; onResume starts anew.")
final class CodegenWaitExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(CodegenWaitExecution.class.getName());
    private static final String PREFIX = CodegenTaskRunner.PREFIX;

    private final WaitInputs inputs;
    // Set by start(); with them a restarted controller continues the wait.
    private String apiUrl;
    private long orgId;
    private long runId;
    private String credentialsId;
    private long deadlineMillis;
    private String recordId;

    private transient volatile Watch watch;
    /** The build log, masked, for the watcher's lines; never closed, which would close the build log. */
    private transient volatile PrintStream console;
    private transient volatile Jenkins owner;
    private transient volatile Throwable stopCause;
    /** Whether the step has been ended (guarded by this): it ends exactly once. */
    private transient boolean ended;

    CodegenWaitExecution(StepContext context, CodegenWaitStep step) {
        super(context);
        this.inputs = WaitInputs.of(step);
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> build = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        ResolvedSettings settings = ScopeSettings.resolve(build.getParent(), inputs.stepValues());
        WaitInputs.Problem problem = inputs.problem(settings);
        if (problem != null) {
            listener.getLogger().println(PREFIX + "[" + problem.type().wireName() + "] "
                    + Sentence.withGuidance(problem.message(), problem.guidance()));
            end(result(problem.type(), problem.message(), problem.guidance()), null, listener);
            return true;
        }
        apiUrl = global.getApiUrl();
        orgId = inputs.orgId(settings);
        runId = inputs.runId();
        credentialsId = inputs.credentialsId(settings);
        deadlineMillis = System.currentTimeMillis() + Duration.ofMinutes(inputs.timeout(settings)).toMillis();
        CodegenBuildAction action = CodegenBuildAction.of(build);
        CodegenTaskRecord record = action.findByRunId(runId);
        if (record == null) {
            record = action.startWaitFor(runId);
        }
        record.waiting(runId, inputs.webUrl());
        recordId = record.getId();
        save(build);
        begin(build, listener, false);
        return false;
    }

    /** Starts watching the run: looks up the token, prints where the wait happens, and returns at once. */
    private void begin(Run<?, ?> build, TaskListener listener, boolean resumed) {
        StringCredentials credentials = CodegenCredentials.forRun(credentialsId, build);
        if (credentials == null) {
            CodegenCredentials.Missing missing = CodegenCredentials.missingForRun(credentialsId, build,
                    "codegenWait parameter credentialsId");
            String message = missing.problem() + ".";
            String guidance = missing.remedy();
            listener.getLogger().println(PREFIX + "[validation] " + Sentence.withGuidance(message, guidance));
            finish(result(ErrorType.VALIDATION, message, guidance), build, listener);
            return;
        }
        String token = credentials.getSecret().getPlainText();
        SecretMasker masker = SecretMasker.of(Arrays.asList(token, JenkinsProxy.environment().password().orElse(null)));
        console = new PrintStream(new MaskingOutputStream(listener.getLogger(), masker, build.getCharset()), true,
                build.getCharset());
        console.println(PREFIX + (resumed ? "The controller restarted; waiting again for agent run " : "Waiting for "
                + "agent run ") + runId + " on the controller (" + apiUrl + ", organization " + orgId + "); no "
                + "executor is held while the agent works");
        owner = Jenkins.get();
        WatchState state = new WatchState(apiUrl, orgId, runId, Instant.ofEpochMilli(deadlineMillis));
        Watch started = CodegenWatcher.get().watch(state, token, progress -> show(progress, console, build));
        watch = started;
        started.result().thenAccept(result -> {
            try {
                finish(result, build, listener);
            } catch (RuntimeException | Error e) {
                // A completion stage would swallow it, and the step would wait forever.
                LOGGER.log(Level.WARNING, "Could not end the wait for Codegen agent run " + runId, e);
                getContext().onFailure(e);
            }
        });
    }

    /**
     * A line of the watcher in the build log; an entry of the agent's log as the agent's own line
     * ({@code [agent] tool: thought}, without the plugin's prefix), kept in the record too (saved with
     * it when the wait ends).
     */
    private void show(Progress progress, PrintStream console, Run<?, ?> build) {
        if (progress.kind() == Progress.Kind.AGENT_LOG) {
            console.println(progress.message());
            CodegenBuildAction action = build.getAction(CodegenBuildAction.class);
            CodegenTaskRecord record = action == null || recordId == null ? null : action.find(recordId);
            if (record != null) {
                progress.agentLog().ifPresent(record::agentLog);
            }
            return;
        }
        for (String line : progress.message().split("\\R")) {
            console.println(PREFIX + line);
        }
    }

    /** The wait ended: the record takes the outcome, and the step ends with the map or the failure. */
    private void finish(TaskResult result, Run<?, ?> build, TaskListener listener) {
        Jenkins current = Jenkins.getInstanceOrNull();
        if (owner != null && (current != owner || current.isTerminating())) {
            // The controller is going down: the step is resumed from its state and waits again there.
            return;
        }
        CodegenBuildAction action = build.getAction(CodegenBuildAction.class);
        CodegenTaskRecord record = action == null || recordId == null ? null : action.find(recordId);
        if (record != null) {
            record.waited(result);
            save(build);
            CodegenMetrics.ended(record);
        }
        end(result, record, listener);
    }

    private void end(TaskResult result, @CheckForNull CodegenTaskRecord record, TaskListener listener) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        Throwable stopped = stopCause;
        if (stopped != null) {
            getContext().onFailure(stopped);
            return;
        }
        Map<String, Object> map = TaskOutcomes.toPipelineMap(result);
        if (record != null) {
            map.put("title", record.getTitle());
            map.put("taskId", record.getTaskId());
        }
        if (result.failed()) {
            if (inputs.failOnError()) {
                getContext().onFailure(new AbortException(failureMessage(result)));
                return;
            }
            listener.getLogger().println(PREFIX + "failOnError is false: the failure is recorded and returned "
                    + "(status FAILED); the step does not fail.");
        }
        getContext().onSuccess(map);
    }

    /** "Codegen agent run 5 failed: [task_failed] ... What to do: ...". */
    private String failureMessage(TaskResult result) {
        return TaskOutcomes.failureMessage(runId > 0 ? "agent run " + runId : "wait", result);
    }

    private TaskResult result(ErrorType type, String message, String guidance) {
        Long id = runId > 0 ? Long.valueOf(runId) : inputs.runIdOrNull();
        return TaskOutcomes.failedBeforeStart(null, null, id, type, message, guidance, "watcher");
    }

    /** Abort: the wait ends at once; the watcher's last line says the agent run may still be working. */
    @Override
    public void stop(@NonNull Throwable cause) {
        stopCause = cause;
        Watch running = watch;
        if (running != null) {
            running.cancel(); // completes the watch, whose handler records the abort and ends the step
        }
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        if (running == null) {
            end(result(ErrorType.ABORTED, "Aborted.", ErrorType.ABORTED.defaultGuidance()), null,
                    TaskListener.NULL);
        }
    }

    /** After a controller restart: the same run, the same deadline, a new watch (off the resuming thread). */
    @Override
    public void onResume() {
        if (recordId == null || runId <= 0) {
            return; // ended before it started waiting
        }
        Timer.get().submit(() -> {
            try {
                begin(getContext().get(Run.class), getContext().get(TaskListener.class), true);
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not resume the wait for Codegen agent run " + runId, e);
                getContext().onFailure(e);
            }
        });
    }

    @NonNull
    @Override
    public String getStatus() {
        return stopCause != null ? "stopping the wait" : runId > 0 ? "waiting for Codegen agent run " + runId
                + " on the controller" : "not started yet";
    }

    private static void save(Run<?, ?> build) {
        try {
            build.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + build + " with its Codegen record", e);
        }
    }
}
