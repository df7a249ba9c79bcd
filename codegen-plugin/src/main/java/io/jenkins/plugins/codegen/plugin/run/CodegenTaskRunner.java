package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.bridge.ProxyEnvironment;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.Sentence;
import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.FollowUp;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskAbortedException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.agent.JenkinsBridgeLauncher;
import io.jenkins.plugins.codegen.plugin.agent.MaskingOutputStream;
import io.jenkins.plugins.codegen.plugin.budget.BudgetTake;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.monitoring.CodegenMetrics;
import io.jenkins.plugins.codegen.plugin.monitoring.CodegenMonitoring;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenFollowUp;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import io.jenkins.plugins.codegen.plugin.parameters.FollowUpInputs;
import io.jenkins.plugins.codegen.plugin.parameters.TaskInputs;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.scope.ScopeSettings;
import io.jenkins.plugins.codegen.scope.ResolvedSettings;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.CodegenTask;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one task for the {@code codegenTask} step or the freestyle build step: settings from the
 * step, the job, its folders and the global configuration (each saying where it came from), the
 * credential looked up for the build, the task
 * and context from the step and its files, the engine with its bridge on the build's agent,
 * progress in the build log as it happens (secrets masked), and a record on the build page from the
 * first moment to the last.
 */
public final class CodegenTaskRunner {
    public static final String PREFIX = "[Codegen] ";
    private static final Logger LOGGER = Logger.getLogger(CodegenTaskRunner.class.getName());

    private final CodegenTaskParameters parameters;
    private final String owner;
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars environment;
    private final Launcher launcher;
    private final TaskListener listener;
    private Consumer<CodegenTaskRecord> recordCallback = record -> { };
    @CheckForNull
    private PreparedTask prepared;
    private Consumer<BridgeState> bridgeCallback = state -> { };
    private String recordId;
    private volatile JenkinsBridgeLauncher bridgeLauncher;
    /** The build was stopped: whatever the engine returns after this, the task ends as aborted. */
    private volatile boolean stopped;
    /** The controller shuts down: let go of the task silently, leaving its bridge running (see {@link #detach}). */
    private volatile boolean detached;
    /** A lost agent is not the end: the caller waits for it (see {@link #awaitingLostAgent}). */
    private boolean awaitsLostAgent;
    private Duration timeoutUsed = Duration.ZERO;
    private volatile TaskProgress progress;

    /**
     * @param owner how messages name a parameter, before its name, e.g. {@code "codegenTask parameter "}
     */
    public CodegenTaskRunner(CodegenTaskParameters parameters, String owner, Run<?, ?> run, FilePath workspace,
                      EnvVars environment, Launcher launcher, TaskListener listener) {
        this.parameters = parameters;
        this.owner = owner;
        this.run = run;
        this.workspace = workspace;
        this.environment = environment;
        this.launcher = launcher;
        this.listener = listener;
    }

    /** Called with the build's record of the task as soon as it exists (after the callbacks given before). */
    public CodegenTaskRunner onRecord(Consumer<CodegenTaskRecord> callback) {
        this.recordCallback = recordCallback.andThen(callback);
        return this;
    }

    /** Runs {@code task} instead of the task the parameters describe. */
    public CodegenTaskRunner prepared(PreparedTask task) {
        this.prepared = task;
        return this;
    }

    /** Runs the task in this record of the build if it has it: an automatic fix started again after a restart. */
    public CodegenTaskRunner inRecord(@CheckForNull String id) {
        this.recordId = id;
        return this;
    }

    /**
     * Called with where the task's bridge runs, each time that changes (a bridge started, its agent
     * run known): what {@link #resume} needs after a controller restart.
     */
    CodegenTaskRunner onBridge(Consumer<BridgeState> callback) {
        this.bridgeCallback = callback;
        return this;
    }

    /**
     * The caller waits for a lost build agent to come back and then {@link #resume}s the task: a run
     * whose agent went away after its bridge started ends without a word in the log or the record
     * ({@link #lostAgent}), its bridge and folder left to be followed again.
     */
    CodegenTaskRunner awaitingLostAgent() {
        this.awaitsLostAgent = true;
        return this;
    }

    /** How much of the task's timeout has passed since its first start (a task picked up again). */
    CodegenTaskRunner timeoutUsed(Duration value) {
        this.timeoutUsed = value;
        return this;
    }

    /** Whether the run ended because its agent went away, the task still running for a {@link #resume}. */
    boolean lostAgent(TaskResult result) {
        TaskProgress current = progress;
        return result.errorType() == ErrorType.BRIDGE_LOST && current != null && current.heldLostAgent();
    }

    /**
     * The build was aborted: the task ends as aborted even if the engine, interrupted in the middle
     * of a call to the agent, reports some other failure (abort always wins).
     */
    void stop() {
        stopped = true;
    }

    /**
     * The controller shuts down: stop following without stopping anything. The bridge keeps
     * running in its folder, nothing more is printed or recorded, and the caller interrupts the
     * task's thread; after the restart, {@link #resume} picks the task up again.
     */
    public void detach() {
        detached = true;
        JenkinsBridgeLauncher current = bridgeLauncher;
        if (current != null) {
            current.detach();
        }
    }

    boolean isDetached() {
        return detached;
    }

    public TaskResult run() throws IOException, InterruptedException {
        return run(ClientRequestId.random(), recordId, null);
    }

    /**
     * Runs a task to its end, with the tag its agent run is created with (kept by the caller, so
     * that a {@link #resume} finds the same run).
     */
    public TaskResult run(ClientRequestId requestId) throws IOException, InterruptedException {
        return run(requestId, recordId, null);
    }

    /**
     * Picks a task up again after a controller restart, from where its bridge runs: in the record it
     * started, with the same tag; the engine follows the bridge, takes its result, or attaches to
     * its agent run (never creating a second one).
     */
    TaskResult resume(ClientRequestId requestId, @CheckForNull String recordId, BridgeState state)
            throws IOException, InterruptedException {
        return run(requestId, recordId, state);
    }

    /**
     * Runs the task to its end.
     *
     * @return the outcome, failed or not; the caller decides whether a failure fails the build
     * @throws InterruptedException when the build is aborted, after the build log and the record
     *         say which agent run may still be working
     */
    private TaskResult run(ClientRequestId requestId, @CheckForNull String recordId, @CheckForNull BridgeState resumeFrom)
            throws IOException, InterruptedException {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        ResolvedSettings resolved = ScopeSettings.resolve(run.getParent(), StepSettings.stepValues(parameters));
        boolean mock = Boolean.TRUE.equals(resolved.mock().value());
        CodegenBuildAction action = CodegenBuildAction.of(run);
        CodegenTaskRecord found = recordId == null ? null : action.find(recordId);
        CodegenTaskRecord record = found != null ? found
                : action.start(Util.fixNull(parameters.getTitle()), parameters.getTaskId(), mock);
        record.settingsFrom(resolved.provenance());
        recordCallback.accept(record);
        save();

        TaskSecrets secrets = TaskSecrets.lookUp(resolved.credentialsId(), mock, run);
        MaskingOutputStream masked = new MaskingOutputStream(listener.getLogger(), secrets.masker(), run.getCharset());
        PrintStream console = new PrintStream(masked, true, run.getCharset());
        try {
            StepSettings.printProvenance(console, resolved.provenance());
            CodegenException missing = secrets.missing(mock, run, parameter("credentialsId"));
            TaskResult result = missing != null ? inputFailure(console, record, missing)
                    : execute(global, resolved, mock, secrets, console, record, requestId, resumeFrom);
            if (detached) {
                throw new InterruptedException("the controller shuts down");
            }
            if (stopped) {
                throw abortedAnyway(console, record, result);
            }
            if (lostAgent(result)) {
                return result; // the record keeps running while the caller waits for the agent
            }
            record.finish(result);
            save();
            return result;
        } catch (TaskAbortedException e) {
            if (!detached) {
                record.abort(e.partialResult());
                save();
            }
            throw e;
        } catch (InterruptedException e) {
            if (!detached && record.isRunning()) {
                console.println(PREFIX + "Aborted before an agent run was created.");
                record.abort("Aborted before an agent run was created.", null, null);
                save();
            }
            throw e;
        } finally {
            masked.forceEol();
            masked.flush();
            if (!detached) {
                CodegenMetrics.ended(record); // counts nothing while the record still runs
            }
        }
    }

    /**
     * The build was aborted, but the engine came back with an outcome (its interrupt reached a call
     * to the agent, which failed instead): the task still ends as aborted, naming its agent run.
     */
    private InterruptedException abortedAnyway(PrintStream console, CodegenTaskRecord record, TaskResult result) {
        Long runId = result.runId() != null ? result.runId() : record.getRunId();
        String webUrl = result.webUrl() != null ? result.webUrl() : record.getWebUrl();
        String message = runId == null ? "Aborted before an agent run was created."
                : "Aborted. Agent run " + runId + " may still be working" + (webUrl != null ? ": " + webUrl : ".");
        console.println(PREFIX + message);
        record.abort(message, runId, webUrl);
        save();
        return new InterruptedException(message);
    }

    private TaskResult execute(CodegenGlobalConfiguration global, ResolvedSettings resolved, boolean mock,
                               TaskSecrets secrets,
                               PrintStream console, CodegenTaskRecord record, ClientRequestId requestId,
                               @CheckForNull BridgeState resumeFrom) throws IOException, InterruptedException {
        ProxyEnvironment proxy = secrets.proxy();
        // A follow-up (resume) continues an existing run with its prompt; otherwise the task is assembled.
        CodegenFollowUp resume = prepared == null ? parameters.getResume() : null;
        FollowUp followUp = null;
        TaskInputs.Assembled assembled = null;
        String subject;
        try {
            if (resume != null) {
                followUp = FollowUpInputs.of(parameters, resume, owner, global.getMaxPromptLength());
                record.followUp(followUp.runId(), followUp.title());
                subject = followUp.title();
            } else {
                assembled = assemble(console, secrets);
                CodegenTask task = assembled.task();
                record.describe(task.title(), task.id());
                subject = "Task \"" + task.title() + "\"" + (task.id().isEmpty() ? "" : " (" + task.id() + ")");
            }
        } catch (CodegenException e) {
            return inputFailure(console, record, e);
        }

        CodegenSettings settings;
        try {
            settings = new StepSettings(parameters, owner, resolved).of(global, launcher.isUnix(), mock, secrets.token(),
                    secrets.credentialsId());
        } catch (CodegenException e) {
            return inputFailure(console, record, e);
        }

        console.println(PREFIX + StepSettings.header(subject, settings, secrets.credentialsId()));
        if (!proxy.isEmpty() && !proxy.unsupportedPatterns().isEmpty()) {
            console.println(PREFIX + "Note: NO_PROXY cannot express the no-proxy hosts "
                    + String.join(", ", proxy.unsupportedPatterns()) + " of Jenkins' proxy settings; requests to "
                    + "them go through the proxy.");
        }
        BudgetTake budget;
        try {
            // Before any run is created; a task picked up from its bridge follows the run it made.
            budget = resumeFrom != null ? BudgetTake.none(run) : BudgetTake.take(run,
                    prepared != null ? prepared.requestId() : followUp != null ? null : requestId);
        } catch (CodegenException e) {
            return inputFailure(console, record, e);
        }
        JenkinsBridgeLauncher bridges = new JenkinsBridgeLauncher(workspace, launcher, environment);
        if (resumeFrom != null) {
            bridges.adopt(resumeFrom.folder());
        }
        bridgeLauncher = bridges;
        if (detached) {
            bridges.detach();
        }
        CodegenIntegrator engine = null;
        TaskProgress progress = new TaskProgress(console, record, this::save, bridgeCallback,
                () -> detached, () -> stopped, resumeFrom, awaitsLostAgent);
        this.progress = progress;
        ProgressListener listener = budget.watching(progress);
        try {
            CodegenIntegrator.Builder builder = CodegenIntegrator.builder(settings, bridges)
                    .bridgeEnvironment(proxy.variables())
                    .metadata(StepSettings.metadata(run))
                    .waitForRun(parameters.isWait())
                    .timeoutUsed(timeoutUsed);
            if (!mock) {
                CodegenMonitoring monitoring = CodegenMonitoring.get();
                builder.monitoring(monitoring.statistics(), monitoring.health());
            }
            engine = builder.build();
            TaskResult result;
            if (prepared != null) {
                result = prepared.run(engine, listener, resumeFrom);
            } else if (followUp != null) {
                result = resumeFrom == null ? engine.processFollowUp(followUp, listener)
                        : engine.resumeFollowUp(followUp, listener, resumeFrom);
            } else {
                CodegenTask task = assembled.task();
                result = resumeFrom == null ? engine.processTask(task, assembled.context(), listener, requestId)
                        : engine.resumeTask(task, assembled.context(), listener, requestId, resumeFrom);
            }
            budget.settle(result.failed() ? result.errorType() : null, stopped);
            return result;
        } catch (CodegenException e) {
            budget.settle(e.getErrorType(), false);
            return inputFailure(console, record, e);
        } catch (InterruptedException e) {
            budget.settle(null, true);
            throw e;
        } finally {
            // Detached, or its agent lost, the bridge goes on (with the simulated API of mock mode) to be followed again.
            boolean lost = progress.heldLostAgent();
            if (engine != null && !detached && !lost) {
                engine.close();
            }
            if (lost) {
                bridges.detach();
            }
            bridges.close();
        }
    }

    /** The task and its context from the step's parameters and files, or the prepared task. */
    private TaskInputs.Assembled assemble(PrintStream console, TaskSecrets secrets)
            throws CodegenException, IOException, InterruptedException {
        TaskFiles.Named files = new TaskFiles(workspace, environment, owner).read(parameters,
                note -> console.println(PREFIX + "Note: " + note));
        return prepared != null ? prepared.assemble(secrets.masker())
                : new TaskInputs(parameters, owner, files.taskFile(), files.contextFile())
                        .assemble(files.task(), files.context());
    }

    private String parameter(String name) {
        return owner + name;
    }

    /** A failure before the engine ran (or refused to): printed, and returned as a failed result. */
    private TaskResult inputFailure(PrintStream console, CodegenTaskRecord record, CodegenException e) {
        return inputFailure(console, record, e.getErrorType(), e.getMessage(), e.getGuidance());
    }

    private TaskResult inputFailure(PrintStream console, CodegenTaskRecord record, ErrorType type, String message,
                                    String guidance) {
        console.println(PREFIX + "[" + type.wireName() + "] " + Sentence.withGuidance(message, guidance));
        return TaskOutcomes.failedBeforeStart(Util.fixNull(record.getTaskId()), Util.fixNull(record.getTitle()), null,
                type, message, guidance, null);
    }

    /** Saves the build, also from a thread that an abort has just interrupted. */
    private void save() {
        boolean interrupted = Thread.interrupted();
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run + " with its Codegen record", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
