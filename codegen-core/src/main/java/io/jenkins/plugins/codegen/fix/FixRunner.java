package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.util.Objects;

/**
 * Asks the agent to fix a failed build, once per failure: the fix's agent run is tagged from the
 * job, the commit and the failure's signature, and the engine looks for a run with that tag before
 * it creates one. So a rebuild that fails the same way follows the first fix's run; {@code force}
 * starts another all the same. The guardrails ({@link FixPolicy}) are the caller's to apply first.
 */
public final class FixRunner {
    private final CodegenIntegrator integrator;

    public FixRunner(CodegenIntegrator integrator) {
        this.integrator = Objects.requireNonNull(integrator, "integrator");
    }

    /**
     * @throws CodegenException a {@code VALIDATION} failure when the failure gives nothing to go on;
     *         every later failure is in the result, as for any task
     * @throws InterruptedException when aborted, after the listener was told which run may still work
     */
    public FixResult run(BuildFailure failure, boolean force, ProgressListener listener)
            throws CodegenException, InterruptedException {
        return run(failure, requestId(failure, force), listener, null);
    }

    /**
     * The tag of the failure's fix run ({@link FixRequestId}): the same for the same failure, or, with
     * {@code force}, one of its own. A caller that may pick the fix up again keeps it.
     */
    public static ClientRequestId requestId(BuildFailure failure, boolean force) {
        FailureSignature signature = failure.signature();
        String job = failure.jobOrRepository();
        String commit = failure.location().commit();
        return force ? FixRequestId.forced(job, commit, signature) : FixRequestId.of(job, commit, signature);
    }

    /**
     * Runs the fix with the tag {@link #requestId} gave, or picks it up again from where its bridge runs
     * ({@code resumeFrom}, as {@link CodegenIntegrator#resumeTask} does for a task): never a second run.
     */
    public FixResult run(BuildFailure failure, ClientRequestId requestId, ProgressListener listener,
                         BridgeState resumeFrom) throws CodegenException, InterruptedException {
        FixTask fix = FixTask.of(failure);
        FixProgress progress = new FixProgress(listener);
        TaskResult result = resumeFrom == null
                ? integrator.processTask(fix.task(), fix.context(), progress, requestId)
                : integrator.resumeTask(fix.task(), fix.context(), progress, requestId, resumeFrom);
        return new FixResult(result, failure.signature(), requestId.value(), progress.foundEarlierRun());
    }
}
