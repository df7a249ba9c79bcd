package io.jenkins.plugins.codegen.fix;

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
        FixTask fix = FixTask.of(failure);
        FailureSignature signature = failure.signature();
        String job = failure.jobOrRepository();
        String commit = failure.location().commit();
        ClientRequestId requestId = force ? FixRequestId.forced(job, commit, signature)
                : FixRequestId.of(job, commit, signature);
        FixProgress progress = new FixProgress(listener);
        TaskResult result = integrator.processTask(fix.task(), fix.context(), progress, requestId);
        return new FixResult(result, signature, requestId.value(), progress.foundEarlierRun());
    }
}
