package io.jenkins.plugins.codegen.plugin.autofix;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.listeners.RunListener;

/**
 * Sees every build end. A failed one may get an automatic fix ({@link AutoFixes}); the listener
 * waits until the build is finalized, so that its log, its test results and the record of any
 * {@code codegenFix} it ran are complete.
 */
@Extension
public final class AutoFixListener extends RunListener<Run<?, ?>> {

    @Override
    public void onFinalized(@NonNull Run<?, ?> run) {
        if (run.getResult() == Result.FAILURE) {
            AutoFixes.get().ended(run);
        }
    }
}
