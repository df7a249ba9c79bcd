package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.agent.AgentWait;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenFollowUp;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * A running {@code codegenTask} step, durable like {@code sh}: the task runs on a thread of its own,
 * as the user who started the build, so that the CPS VM thread is never blocked while the agent run
 * goes on; and the step keeps (in the Pipeline's program state) what picking the task up again
 * needs: where its bridge runs and which agent run it follows ({@link BridgeState}), its record, and
 * the tag its run is created with.
 *
 * <p>When the controller shuts down, the step lets go of its task without stopping anything
 * ({@link CodegenTaskRunner#detach}): the bridge goes on, on the agent, in its folder. After the
 * restart, {@link #onResume()} follows it again through the agent's {@code FilePath} (once the agent
 * is back): the bridge that still runs is followed, its result taken, and a bridge that is gone is
 * replaced by one that attaches to the same agent run. Never a second run. The same happens when
 * the agent's connection drops while the task runs: the step waits for the agent to be back
 * ({@link AgentWait}) and follows the bridge again, instead of failing. Either way the task's timeout
 * counts from the step's first start, which the step keeps.
 *
 * <p>{@code codegenFix} runs the same way (its {@link Body}): its guardrails at the first start, then
 * its fix through a task runner that is followed, waited for and picked up again as a task's is.
 *
 * <p>Unlike {@code SynchronousNonBlockingStepExecution}, an abort does not end the step at once: it
 * interrupts the task's thread, which stops the bridge, writes which agent run may still be working
 * to the build log and removes the bridge's folder, and the step fails only then (or after
 * {@link #STOP_GRACE_SECONDS}, should that hang). Ending the step first would let the build finish
 * while those lines and that clean-up were still on their way. A second stop ends the step at once.
 */
public final class CodegenTaskExecution extends StepExecution {
    private static final long serialVersionUID = 2L;
    private static final Logger LOGGER = Logger.getLogger(CodegenTaskExecution.class.getName());
    /** How long an aborted task may take to stop its bridge and clean up before the step ends anyway. */
    static final long STOP_GRACE_SECONDS = 10;

    /**
     * What a codegenTask step was given (the step itself is not serializable, and this class does not
     * know it); null for a codegenFix.
     */
    private final CodegenTaskParameters parameters;
    /** A codegenFix step's fix; null for a codegenTask (and in a step kept before fixes were durable). */
    private final Body fix;
    /**
     * The tag the agent run is created with ({@link TaskTags}): a resumed task looks for it, so that it
     * never makes a second run; a random one in a step kept by 0.x; null for a fix, which has its own.
     */
    private String requestId;
    /** Whether the first attempt already looks for a run with the tag: an earlier attempt of a retry used it. */
    private boolean lookFirst;
    /** The build record of this task. */
    private volatile String recordId;
    /** Where the task's bridge runs and which agent run it follows; null until the first bridge started. */
    private volatile BridgeState bridge;
    /** When the step first started (epoch ms): the task's timeout counts from then; 0 in a step kept by 0.x. */
    private long startedMillis;
    private transient volatile Future<?> task;
    private transient volatile CodegenTaskRunner runner;
    private transient volatile Throwable stopCause;
    /** Whether the step has been ended (guarded by this): it ends exactly once. */
    private transient boolean ended;

    /**
     * Another step's work (codegenFix's fix), kept in the Pipeline's program state and run the way a
     * codegenTask task runs: its own thread, the same abort handling, picked up again after a restart.
     */
    public interface Body extends Serializable {
        /** At the step's first start: what the step returns when the work is skipped, else null. */
        @CheckForNull
        Map<String, Object> skipped(StepContext context, TaskListener listener) throws IOException,
                InterruptedException;

        /** The task runner that runs the work on this workspace, or picks it up again. */
        CodegenTaskRunner taskRunner(StepContext context, FilePath workspace, TaskListener listener)
                throws IOException, InterruptedException;

        /** What the step returns for the task's result (or throws to fail the step). */
        Map<String, Object> finish(TaskResult result, TaskListener listener) throws IOException;
    }

    public CodegenTaskExecution(CodegenTaskParameters parameters, StepContext context) {
        super(context);
        this.parameters = parameters;
        this.fix = null;
    }

    public CodegenTaskExecution(StepContext context, Body fix) {
        super(context);
        this.parameters = null;
        this.fix = fix;
    }

    @Override
    public boolean start() throws IOException, InterruptedException {
        startedMillis = System.currentTimeMillis();
        if (parameters != null) {
            Run<?, ?> run = getContext().get(Run.class);
            FlowNode node = getContext().get(FlowNode.class);
            ClientRequestId tag = run == null || node == null ? ClientRequestId.random()
                    : TaskTags.forStep(run, node, parameters);
            requestId = tag.value();
            lookFirst = tag.lookFirst();
        }
        submit(null);
        return false;
    }

    /**
     * After a controller restart: picks the task up again from where its bridge runs. A task whose
     * bridge had not started yet made no agent run; it cannot be picked up, and says so.
     */
    @Override
    public void onResume() {
        BridgeState state = bridge;
        if (state == null) {
            markInterrupted();
            CodegenFollowUp followUp = parameters == null ? null : parameters.getResume();
            end(new AbortException("The controller restarted before the Codegen " + (fix != null ? "fix" : "task")
                    + "'s bridge had started, so no " + (followUp != null ? "follow-up was sent to agent run "
                    + followUp.getRunId() : "agent run was made") + ". Run the build again."), null);
            return;
        }
        submit(state);
    }

    private void submit(@CheckForNull BridgeState resumeFrom) {
        Authentication startedBy = Jenkins.getAuthentication2();
        task = TaskThreads.submit(this, () -> {
            try {
                Map<String, Object> result;
                try (ACLContext ignored = ACL.as2(startedBy)) {
                    result = runTask(resumeFrom);
                }
                end(stopCause, result);
            } catch (Throwable failure) {
                // After a stop, the step fails with the stop's cause (the build is aborted, not failed).
                Throwable cause = stopCause;
                end(cause != null ? cause : failure, null);
            }
        });
    }

    private Map<String, Object> runTask(@CheckForNull BridgeState resumeFrom) throws Exception {
        StepContext context = getContext();
        TaskListener listener = context.get(TaskListener.class);
        if (fix != null && resumeFrom == null) {
            Map<String, Object> skipped = fix.skipped(context, listener);
            if (skipped != null) {
                return skipped;
            }
        }
        FilePath workspace = resumeFrom == null ? context.get(FilePath.class) : agentAfterRestart(listener);
        TaskResult result = follow(workspace, resumeFrom, listener);
        while (runner.lostAgent(result)) {
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "The build agent went away while the task ran; "
                    + "waiting up to " + AgentWait.bound() + " for it to come back." + runNote());
            result = follow(agentAfterLoss(result, listener), bridge, listener);
        }
        if (fix != null) {
            return fix.finish(result, listener);
        }
        if (result.failed()) {
            if (parameters.isFailOnError()) {
                throw new AbortException(TaskOutcomes.failureMessage(result));
            }
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "failOnError is false: the failure is "
                    + "recorded and returned (status FAILED); the step does not fail.");
        }
        return TaskOutcomes.toPipelineMap(result);
    }

    /** Runs the task, or follows its bridge again from {@code resumeFrom}, on the workspace's agent. */
    private TaskResult follow(FilePath workspace, @CheckForNull BridgeState resumeFrom, TaskListener listener)
            throws IOException, InterruptedException {
        StepContext context = getContext();
        Duration used = startedMillis == 0 ? Duration.ZERO
                : Duration.ofMillis(System.currentTimeMillis() - startedMillis);
        CodegenTaskRunner runs = fix != null ? fix.taskRunner(context, workspace, listener)
                : new CodegenTaskRunner(parameters, "codegenTask parameter ", context.get(Run.class), workspace,
                        context.get(EnvVars.class), context.get(Launcher.class), listener);
        CodegenTaskRunner current = runs
                .onRecord(record -> {
                    recordId = record.getId();
                    context.saveState();
                })
                .onBridge(state -> {
                    bridge = state;
                    context.saveState();
                })
                .awaitingLostAgent()
                .timeoutUsed(used);
        runner = current;
        if (stopCause != null) {
            current.stop();
        }
        // A fix's runner creates its run with the fix's own tag.
        ClientRequestId tag = requestId == null ? ClientRequestId.random() : new ClientRequestId(requestId, lookFirst);
        return resumeFrom == null ? current.run(tag) : current.resume(tag, recordId, resumeFrom);
    }

    /** The workspace once its agent is back after a controller restart; a task that cannot be picked up is ended. */
    private FilePath agentAfterRestart(TaskListener listener) throws IOException, InterruptedException {
        FilePath workspace;
        try {
            workspace = AgentWait.workspace(getContext(), () -> listener.getLogger().println(CodegenTaskRunner.PREFIX
                    + "Waiting for the build agent to come back to pick the task up again." + runNote()));
        } catch (InterruptedException | RuntimeException e) {
            markInterrupted();
            throw e;
        }
        if (workspace == null) {
            markInterrupted();
            throw new AbortException("The build agent of the Codegen task did not come back within "
                    + AgentWait.bound() + " after the controller restarted." + runNote());
        }
        return workspace;
    }

    /**
     * The workspace once its agent is back after its connection dropped. An agent that does not come
     * back ends the task as a lost agent did before (the record and the step say so, naming the run);
     * an abort meanwhile ends it as aborted.
     */
    private FilePath agentAfterLoss(TaskResult lost, TaskListener listener) throws IOException, InterruptedException {
        FilePath workspace;
        try {
            workspace = AgentWait.workspace(getContext(), () -> { });
        } catch (InterruptedException e) {
            if (!runner.isDetached()) {
                String message = "Aborted." + runNote();
                listener.getLogger().println(CodegenTaskRunner.PREFIX + message);
                updateRecord(record -> record.abort(message, lost.runId(), lost.webUrl()));
            }
            throw e;
        }
        if (workspace == null) {
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "The build agent did not come back within "
                    + AgentWait.bound() + ".");
            updateRecord(record -> record.finish(lost));
            throw new AbortException(TaskOutcomes.failureMessage(lost));
        }
        return workspace;
    }

    private String runNote() {
        BridgeState state = bridge;
        return state == null || state.runId() == null ? "" : " Agent run " + state.runId() + " may still be working"
                + (state.webUrl() != null ? ": " + state.webUrl() : ".");
    }

    /** Ends the step, once: whichever comes first of the task's end and the stop's grace period. */
    private void end(@CheckForNull Throwable failure, @CheckForNull Map<String, Object> result) {
        CodegenTaskRunner current = runner;
        synchronized (this) {
            if (ended || current != null && current.isDetached()) {
                return; // let go of at a shutdown: the restarted controller ends the step
            }
            ended = true;
        }
        if (failure != null) {
            getContext().onFailure(failure);
        } else {
            getContext().onSuccess(result);
        }
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        Future<?> running = task;
        if (running == null || stopCause != null) {
            end(cause, null);
            return;
        }
        stopCause = cause;
        CodegenTaskRunner current = runner;
        if (current != null) {
            current.stop();
        }
        running.cancel(true);
        Timer.get().schedule(() -> end(cause, null), STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A safe restart waits only while the task's bridge is being started: from then on, the restarted
     * controller picks the task up again from where its bridge runs.
     */
    @Override
    public synchronized boolean blocksRestart() {
        return task != null && !ended && bridge == null;
    }

    @NonNull
    @Override
    public String getStatus() {
        return stopCause != null ? "stopping the Codegen task" : task != null ? "running the Codegen task"
                : bridge != null ? "waiting to pick the Codegen task up again" : "not started yet";
    }

    /** The controller shuts down: let go of the task, leaving its bridge running for the restarted controller. */
    void detach() {
        CodegenTaskRunner current = runner;
        Future<?> running = task;
        if (current == null || running == null || bridge == null) {
            return; // not started far enough to be picked up again: a safe restart waited for it
        }
        current.detach();
        running.cancel(true);
    }

    /** A record that was running and cannot be picked up again is marked interrupted, its run link kept. */
    private void markInterrupted() {
        updateRecord(CodegenTaskRecord::interrupt);
    }

    /** Changes the task's record, if it has one, and saves the build; also from a thread an abort interrupted. */
    private void updateRecord(Consumer<CodegenTaskRecord> change) {
        boolean interrupted = Thread.interrupted();
        try {
            Run<?, ?> run = getContext().get(Run.class);
            CodegenBuildAction action = run == null ? null : run.getAction(CodegenBuildAction.class);
            CodegenTaskRecord record = action == null || recordId == null ? null : action.find(recordId);
            if (record != null) {
                change.accept(record);
                run.save();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not update the record of the Codegen task", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
