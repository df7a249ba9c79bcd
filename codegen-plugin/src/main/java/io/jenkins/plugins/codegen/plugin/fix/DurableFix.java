package io.jenkins.plugins.codegen.plugin.fix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.io.IOException;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskExecution;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskRunner;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A {@code codegenFix} step's fix, as its durable execution ({@link CodegenTaskExecution}) keeps it
 * in the Pipeline's program state: the step's options and what makes a fix that is picked up again
 * the same fix ({@link CodegenFixRunner.State}). The execution runs it as it runs a task: the
 * guardrails first, then the fix through a task runner that it follows, waits for and picks up
 * again like a task's, then the fix's outcome.
 */
final class DurableFix implements CodegenTaskExecution.Body {
    private static final long serialVersionUID = 1L;
    private static final String OWNER = "codegenFix parameter ";

    private final CodegenFixParameters parameters;
    private final CodegenFixRunner.State state = new CodegenFixRunner.State();
    /** The fix runner of the last task runner: it knows what became of the fix. */
    private transient volatile CodegenFixRunner last;

    DurableFix(CodegenFixParameters parameters) {
        this.parameters = parameters;
    }

    /** At the step's first start: the guardrails' answer when they skip the fix (the step's value then), else null. */
    @Override
    @CheckForNull
    public Map<String, Object> skipped(StepContext context, TaskListener listener) throws IOException, InterruptedException {
        String reason = fixRunner(context, context.get(FilePath.class), listener).skipReason();
        return reason == null ? null : CodegenFixRunner.Outcome.skipped(reason).toPipelineMap();
    }

    /** The task runner that runs the fix on this workspace, or picks it up again. */
    @Override
    public CodegenTaskRunner taskRunner(StepContext context, FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        CodegenFixRunner runner = fixRunner(context, workspace, listener);
        last = runner;
        return runner.taskRunner();
    }

    /** What the step returns for the fix's result; a failed fix fails the step unless failOnError is false. */
    @Override
    public Map<String, Object> finish(TaskResult result, TaskListener listener) throws IOException {
        CodegenFixRunner runner = last;
        CodegenFixRunner.Outcome outcome = runner == null ? new CodegenFixRunner.Outcome(null, result, null)
                : runner.outcome(result);
        if (!result.succeeded()) {
            if (parameters.task().isFailOnError()) {
                throw new AbortException(TaskOutcomes.failureMessage(result));
            }
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "failOnError is false: the failed fix is "
                    + "recorded and returned (status FAILED); the step does not fail.");
        }
        return outcome.toPipelineMap();
    }

    private CodegenFixRunner fixRunner(StepContext context, FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        return new CodegenFixRunner(parameters, OWNER, context.get(Run.class), workspace, context.get(EnvVars.class),
                context.get(Launcher.class), listener).state(state);
    }
}
