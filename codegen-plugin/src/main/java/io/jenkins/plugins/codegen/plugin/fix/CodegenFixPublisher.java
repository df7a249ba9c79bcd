package io.jenkins.plugins.codegen.plugin.fix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Notifier;
import hudson.tasks.Publisher;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.parameters.TaskForms;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskRunner;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import java.io.IOException;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.lang.Klass;

/**
 * The freestyle post-build action "Codegen: ask the agent to fix a failed build": the
 * {@code codegenFix} step's fix, with the same options, when the build failed (with "Also fix
 * unstable builds", also when it is unstable). It never makes a build's result better: a fix that
 * fails fails the build (unless "Fail the build when the fix fails" is off), and a fix that succeeds
 * leaves the failed build failed.
 *
 * <p>A {@link Notifier}, so that it runs after the recorders, the JUnit report among them: the failed
 * tests are on the build by then. Its form is the step's ({@code CodegenFixStep/config.jelly}) plus
 * {@code alsoOnUnstable}; a field's help is the step's (see {@code CodegenFixStep.DescriptorImpl}).
 */
public class CodegenFixPublisher extends Notifier implements SimpleBuildStep {
    /** Stored in config.xml as {@code <parameters>}. */
    private CodegenFixParameters parameters = new CodegenFixParameters();
    private boolean alsoOnUnstable;

    @DataBoundConstructor
    public CodegenFixPublisher() {
        // Every option is optional: the build says where the code is.
    }

    /** A config.xml without {@code <parameters>} (written by hand): XStream runs no field initializer. */
    protected Object readResolve() {
        if (parameters == null) {
            parameters = new CodegenFixParameters();
        }
        return this;
    }

    public boolean isAlsoOnUnstable() {
        return alsoOnUnstable;
    }

    @DataBoundSetter
    public void setAlsoOnUnstable(boolean alsoOnUnstable) {
        this.alsoOnUnstable = alsoOnUnstable;
    }

    public Integer getLogLines() {
        return parameters.getLogLines();
    }

    @DataBoundSetter
    public void setLogLines(Integer logLines) {
        parameters.setLogLines(logLines);
    }

    public String getRepository() {
        return parameters.getRepository();
    }

    @DataBoundSetter
    public void setRepository(String repository) {
        parameters.setRepository(repository);
    }

    public String getBranch() {
        return parameters.getBranch();
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        parameters.setBranch(branch);
    }

    public String getCommit() {
        return parameters.getCommit();
    }

    @DataBoundSetter
    public void setCommit(String commit) {
        parameters.setCommit(commit);
    }

    public boolean isForce() {
        return parameters.isForce();
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        parameters.setForce(force);
    }

    public String getCodegenBranchPrefix() {
        return parameters.getCodegenBranchPrefix();
    }

    @DataBoundSetter
    public void setCodegenBranchPrefix(String codegenBranchPrefix) {
        parameters.setCodegenBranchPrefix(codegenBranchPrefix);
    }

    public String getCredentialsId() {
        return parameters.task().getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        parameters.task().setCredentialsId(credentialsId);
    }

    public Long getOrgId() {
        return parameters.task().getOrgId();
    }

    @DataBoundSetter
    public void setOrgId(Long orgId) {
        parameters.task().setOrgId(orgId);
    }

    public String getOptimizationLevel() {
        return parameters.task().getOptimizationLevel();
    }

    @DataBoundSetter
    public void setOptimizationLevel(String optimizationLevel) {
        parameters.task().setOptimizationLevel(optimizationLevel);
    }

    public Integer getMaxRetries() {
        return parameters.task().getMaxRetries();
    }

    @DataBoundSetter
    public void setMaxRetries(Integer maxRetries) {
        parameters.task().setMaxRetries(maxRetries);
    }

    public Integer getTimeout() {
        return parameters.task().getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        parameters.task().setTimeout(timeout);
    }

    public boolean isMock() {
        return parameters.task().isMock();
    }

    @DataBoundSetter
    public void setMock(boolean mock) {
        parameters.task().setMock(mock);
    }

    public String getMockScenario() {
        return parameters.task().getMockScenario();
    }

    @DataBoundSetter
    public void setMockScenario(String mockScenario) {
        parameters.task().setMockScenario(mockScenario);
    }

    public String getBackend() {
        return parameters.task().getBackend();
    }

    @DataBoundSetter
    public void setBackend(String backend) {
        parameters.task().setBackend(backend);
    }

    public boolean isFailOnError() {
        return parameters.task().isFailOnError();
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        parameters.task().setFailOnError(failOnError);
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                        @NonNull Launcher launcher, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        Result result = run.getResult() == null ? Result.SUCCESS : run.getResult();
        if (!(result == Result.FAILURE || (alsoOnUnstable && result == Result.UNSTABLE))) {
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "Codegen fix skipped: the build's result is "
                    + result + "; a fix is asked only for a failed build" + (alsoOnUnstable ? " or an unstable one"
                    : "") + ".");
            return;
        }
        CodegenFixRunner.Outcome outcome = new CodegenFixRunner(parameters, "Codegen fix action field ", run,
                workspace, env, launcher, listener).run();
        TaskResult fixResult = outcome.result();
        if (fixResult != null && !fixResult.succeeded()) {
            if (parameters.task().isFailOnError()) {
                throw new AbortException(TaskOutcomes.failureMessage(fixResult));
            }
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "\"Fail the build when the fix fails\" is off: "
                    + "the failed fix is recorded; the build's result stays " + result + ".");
        }
    }

    @Extension
    @Symbol("codegenFixFailedBuild")
    public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> implements CodegenFixForm {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CodegenFixPublisher_DisplayName();
        }

        /** Blank fields are left out, so that the build's values and the global settings apply (see {@link TaskForms}). */
        @Override
        public Publisher newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            return super.newInstance(req, TaskForms.toBindable(formData));
        }

        /** Its own help for alsoOnUnstable; every other field's is the fix step's (one text per field). */
        @Override
        public String getHelpFile(Klass<?> clazz, String fieldName) {
            String own = super.getHelpFile(clazz, fieldName);
            if (own != null || fieldName == null) {
                return own;
            }
            return Jenkins.get().getDescriptorByType(CodegenFixStep.DescriptorImpl.class).getHelpFile(fieldName);
        }
    }
}
