package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.parameters.TaskInputs;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;

/**
 * A task the caller of {@link CodegenTaskRunner} prepares instead of the one the parameters describe
 * (a fix of the failed build); the parameters still give the credential, the connection and the
 * engine's options.
 */
public interface PreparedTask {
    /** The task and its context, built once the secrets that must not leave the build are known. */
    TaskInputs.Assembled assemble(SecretMasker secrets) throws CodegenException, IOException, InterruptedException;

    /**
     * The tag its agent run is created with, once {@link #assemble assembled}: a tag whose run holds
     * a unit of the budgets already (an identical failure's fix) takes none. Null when not known.
     */
    @CheckForNull
    default ClientRequestId requestId() {
        return null;
    }

    /**
     * Runs the task assembled before on the engine, or picks it up again from where its bridge runs
     * ({@code resumeFrom}, after a controller restart or a lost agent).
     */
    TaskResult run(CodegenIntegrator engine, ProgressListener listener, @CheckForNull BridgeState resumeFrom)
            throws CodegenException, InterruptedException;
}
