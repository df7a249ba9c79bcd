package io.jenkins.plugins.codegen.plugin;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousResumeNotSupportedException;
import org.springframework.security.core.Authentication;

/**
 * A running {@code codegenTask} step. The task runs on a thread of its own, as the user who started
 * the build, so that the CPS VM thread is never blocked while the agent run goes on.
 *
 * <p>Unlike {@code SynchronousNonBlockingStepExecution}, an abort does not end the step at once: it
 * interrupts the task's thread, which stops the bridge, writes which agent run may still be working
 * to the build log and removes the bridge's folder, and the step fails only then (or after
 * {@link #STOP_GRACE_SECONDS}, should that hang). Ending the step first would let the build finish
 * while those lines and that clean-up were still on their way. A second stop ends the step at once.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "The step and the running task only matter before a restart; onResume fails the step.")
final class CodegenTaskExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(CodegenTaskExecution.class.getName());
    /** How long an aborted task may take to stop its bridge and clean up before the step ends anyway. */
    static final long STOP_GRACE_SECONDS = 10;
    private static ExecutorService executor;

    /** What the step was given; the step itself is not needed here (and this class does not know it). */
    private final transient CodegenTaskParameters parameters;
    /** The build record of this task, so that a restart can mark it interrupted. */
    private volatile String recordId;
    private transient volatile Future<?> task;
    private transient volatile Throwable stopCause;
    /** Whether the step has been ended (guarded by this): it ends exactly once. */
    private transient boolean ended;

    CodegenTaskExecution(CodegenTaskParameters parameters, StepContext context) {
        super(context);
        this.parameters = parameters;
    }

    @Override
    public boolean start() {
        Authentication startedBy = Jenkins.getAuthentication2();
        task = executor().submit(() -> {
            try {
                Map<String, Object> result;
                try (ACLContext ignored = ACL.as2(startedBy)) {
                    result = runTask();
                }
                end(null, result);
            } catch (Throwable failure) {
                // After a stop, the step fails with the stop's cause (the build is aborted, not failed).
                Throwable cause = stopCause;
                end(cause != null ? cause : failure, null);
            }
        });
        return false;
    }

    private Map<String, Object> runTask() throws Exception {
        StepContext context = getContext();
        TaskListener listener = context.get(TaskListener.class);
        TaskResult result = new CodegenTaskRunner(parameters, "codegenTask parameter ", context.get(Run.class),
                context.get(FilePath.class), context.get(EnvVars.class), context.get(Launcher.class), listener)
                .onRecord(record -> recordId = record.getId())
                .run();
        if (result.failed()) {
            if (parameters.isFailOnError()) {
                throw new AbortException(CodegenTaskRunner.failureMessage(result));
            }
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "failOnError is false: the failure is "
                    + "recorded and returned (status FAILED); the step does not fail.");
        }
        return CodegenTaskRunner.toPipelineMap(result);
    }

    /** Ends the step, once: whichever comes first of the task's end and the stop's grace period. */
    private void end(@CheckForNull Throwable failure, @CheckForNull Map<String, Object> result) {
        synchronized (this) {
            if (ended) {
                return;
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
        running.cancel(true);
        Timer.get().schedule(() -> end(cause, null), STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /** A safe restart waits for the task: it cannot go on after a restart (its bridge process is gone). */
    @Override
    public synchronized boolean blocksRestart() {
        return task != null && !ended;
    }

    @NonNull
    @Override
    public String getStatus() {
        return stopCause != null ? "stopping the Codegen task" : task != null ? "running the Codegen task"
                : "not started yet";
    }

    /**
     * After a controller restart the task is gone with its bridge. The build record says so, with
     * the agent run that may still be working, and the step fails as a non-resumable one.
     */
    @Override
    public void onResume() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            CodegenBuildAction action = run == null ? null : run.getAction(CodegenBuildAction.class);
            CodegenTaskRecord record = action == null || recordId == null ? null : action.find(recordId);
            if (record != null) {
                record.interrupt();
                run.save();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not mark the Codegen task as interrupted", e);
        }
        getContext().onFailure(new SynchronousResumeNotSupportedException(getContext()));
    }

    private static synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newCachedThreadPool(new NamingThreadFactory(
                    new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "CodegenTaskExecution"));
        }
        return executor;
    }
}
