package io.jenkins.plugins.codegen.plugin.autofix;

import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;

/**
 * The variables of a build that has ended, as an automatic fix reads them: where the code is and
 * which branch failed. The build's environment, and where it lacks them, the variables of its first
 * checkout ({@link CheckoutVariables}).
 */
final class BuildVariables {

    private BuildVariables() {
    }

    static EnvVars of(Run<?, ?> run, TaskListener listener) throws IOException, InterruptedException {
        EnvVars environment = run.getEnvironment(listener);
        CheckoutVariables.of(run).forEach(environment::putIfAbsent);
        return environment;
    }
}
