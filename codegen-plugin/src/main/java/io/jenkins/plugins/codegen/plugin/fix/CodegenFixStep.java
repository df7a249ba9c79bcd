package io.jenkins.plugins.codegen.plugin.fix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.plugin.parameters.TaskForms;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskExecution;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskRunner;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import io.jenkins.plugins.codegen.plugin.task.CodegenTaskStep;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.lang.Klass;

/**
 * {@code codegenFix()}: asks the Codegen agent to fix the failure of the build it runs in, e.g. in
 * {@code post { failure { codegenFix() } }} or after a {@code catchError}. It sends the console log's
 * last lines and the failed tests (redacted) with where the code is, and returns what became of the
 * fix as {@code codegenTask} does, plus {@code fix}, {@code failureSignature}, {@code foundEarlierRun}
 * and {@code skipped}; a skipped fix returns {@code status: 'SKIPPED'} and its {@code reason}.
 * Runs inside {@code node}, like {@code codegenTask}: the bridge runs on the agent.
 *
 * <p>The values live in {@link CodegenFixParameters}; the getters and setters below only make them
 * bindable. Its form is {@code CodegenFixStep/config.jelly}; a field's help is beside it, or, for the
 * connection options it shares with {@code codegenTask}, the task step's.
 */
public class CodegenFixStep extends Step {
    private final CodegenFixParameters parameters = new CodegenFixParameters();

    @DataBoundConstructor
    public CodegenFixStep() {
        // Every parameter is optional: the build says where the code is.
    }

    CodegenFixParameters parameters() {
        return parameters;
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

    /** Durable as {@code codegenTask} is: a restarted controller picks the fix up again, never a second fix run. */
    @Override
    public StepExecution start(StepContext context) {
        return new CodegenTaskExecution(context, new DurableFix(parameters));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements CodegenFixForm {

        /**
         * The id a Pipeline build keeps in each of its steps, as it was before this class moved into
         * this package: the steps of earlier builds still find their descriptor (and their name).
         */
        @Override
        public String getId() {
            return "io.jenkins.plugins.codegen.plugin.CodegenFixStep";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public String getFunctionName() {
            return "codegenFix";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CodegenFixStep_DisplayName();
        }

        /** Blank fields are left out, so that the build's values and the global settings apply (see {@link TaskForms}). */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            return super.newInstance(req, TaskForms.toBindable(formData));
        }

        /**
         * A field's help is beside this form, or, for an option it shares with {@code codegenTask}
         * (the connection and the engine's options), the task step's: one text per field.
         */
        @Override
        public String getHelpFile(Klass<?> clazz, String fieldName) {
            String own = super.getHelpFile(clazz, fieldName);
            if (own != null || fieldName == null) {
                return own;
            }
            return jenkins.model.Jenkins.get().getDescriptorByType(CodegenTaskStep.DescriptorImpl.class)
                    .getHelpFile(fieldName);
        }
    }
}
