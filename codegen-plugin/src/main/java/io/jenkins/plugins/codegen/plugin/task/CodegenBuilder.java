package io.jenkins.plugins.codegen.plugin.task;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Project;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenFollowUp;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import io.jenkins.plugins.codegen.plugin.parameters.TaskForms;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskRunner;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import io.jenkins.plugins.codegen.plugin.run.TaskTags;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.lang.Klass;

/**
 * The freestyle build step "Codegen: hand a coding task to the agent", with the same parameters as
 * the {@code codegenTask} Pipeline step and the same run ({@link CodegenTaskRunner}). A failed task
 * fails the build, or with "Fail the build on error" unchecked makes it unstable. The outcome is on
 * the build page and in {@code CODEGEN_*} variables for the steps that follow. Its symbol is
 * {@code codegenBuild}, not {@code codegenTask}: a step's name would shadow a symbol of that name.
 *
 * <p>The values live in {@link CodegenTaskParameters}; the getters and setters below only make them
 * bindable (Stapler and structs look for them on this class); a getter gives null for a value not
 * given. The form and the help texts are the Pipeline step's ({@code CodegenTaskStep/config.jelly},
 * {@code help-*.html}).
 */
public class CodegenBuilder extends FlatStoredBuilder implements SimpleBuildStep {
    /** Stored in config.xml as {@code <parameters>}; null only while an old config.xml is being read. */
    private CodegenTaskParameters parameters;

    @DataBoundConstructor
    public CodegenBuilder(String title) {
        this.parameters = new CodegenTaskParameters(title);
    }

    /** An old config.xml held the values flat (see {@link FlatStoredBuilder}): they move into {@link #parameters}. */
    protected Object readResolve() {
        if (parameters == null) {
            parameters = flatParameters();
        }
        return this;
    }

    public String getTitle() {
        return parameters.getTitle();
    }

    public String getDescription() {
        return parameters.getDescription();
    }

    @DataBoundSetter
    public void setDescription(String description) {
        parameters.setDescription(description);
    }

    public List<String> getRequirements() {
        return parameters.getRequirements();
    }

    @DataBoundSetter
    public void setRequirements(List<String> requirements) {
        parameters.setRequirements(requirements);
    }

    public List<String> getAcceptanceCriteria() {
        return parameters.getAcceptanceCriteria();
    }

    @DataBoundSetter
    public void setAcceptanceCriteria(List<String> acceptanceCriteria) {
        parameters.setAcceptanceCriteria(acceptanceCriteria);
    }

    public String getPriority() {
        return parameters.getPriority();
    }

    @DataBoundSetter
    public void setPriority(String priority) {
        parameters.setPriority(priority);
    }

    public Integer getComplexityScore() {
        return parameters.getComplexityScore();
    }

    @DataBoundSetter
    public void setComplexityScore(Integer complexityScore) {
        parameters.setComplexityScore(complexityScore);
    }

    public String getLanguage() {
        return parameters.getLanguage();
    }

    @DataBoundSetter
    public void setLanguage(String language) {
        parameters.setLanguage(language);
    }

    public String getFramework() {
        return parameters.getFramework();
    }

    @DataBoundSetter
    public void setFramework(String framework) {
        parameters.setFramework(framework);
    }

    public String getTestingFramework() {
        return parameters.getTestingFramework();
    }

    @DataBoundSetter
    public void setTestingFramework(String testingFramework) {
        parameters.setTestingFramework(testingFramework);
    }

    public List<String> getAffectedFiles() {
        return parameters.getAffectedFiles();
    }

    @DataBoundSetter
    public void setAffectedFiles(List<String> affectedFiles) {
        parameters.setAffectedFiles(affectedFiles);
    }

    public List<String> getRelatedTasks() {
        return parameters.getRelatedTasks();
    }

    @DataBoundSetter
    public void setRelatedTasks(List<String> relatedTasks) {
        parameters.setRelatedTasks(relatedTasks);
    }

    public String getTaskType() {
        return parameters.getTaskType();
    }

    @DataBoundSetter
    public void setTaskType(String taskType) {
        parameters.setTaskType(taskType);
    }

    public String getTaskId() {
        return parameters.getTaskId();
    }

    @DataBoundSetter
    public void setTaskId(String taskId) {
        parameters.setTaskId(taskId);
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

    public List<String> getExistingFiles() {
        return parameters.getExistingFiles();
    }

    @DataBoundSetter
    public void setExistingFiles(List<String> existingFiles) {
        parameters.setExistingFiles(existingFiles);
    }

    public List<String> getDependencies() {
        return parameters.getDependencies();
    }

    @DataBoundSetter
    public void setDependencies(List<String> dependencies) {
        parameters.setDependencies(dependencies);
    }

    public String getArchitecture() {
        return parameters.getArchitecture();
    }

    @DataBoundSetter
    public void setArchitecture(String architecture) {
        parameters.setArchitecture(architecture);
    }

    public String getDeployment() {
        return parameters.getDeployment();
    }

    @DataBoundSetter
    public void setDeployment(String deployment) {
        parameters.setDeployment(deployment);
    }

    public List<String> getProjectContext() {
        return parameters.getProjectContext();
    }

    @DataBoundSetter
    public void setProjectContext(List<String> projectContext) {
        parameters.setProjectContext(projectContext);
    }

    public String getTaskFile() {
        return parameters.getTaskFile();
    }

    @DataBoundSetter
    public void setTaskFile(String taskFile) {
        parameters.setTaskFile(taskFile);
    }

    public String getContextFile() {
        return parameters.getContextFile();
    }

    @DataBoundSetter
    public void setContextFile(String contextFile) {
        parameters.setContextFile(contextFile);
    }

    public String getCredentialsId() {
        return parameters.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        parameters.setCredentialsId(credentialsId);
    }

    public Long getOrgId() {
        return parameters.getOrgId();
    }

    @DataBoundSetter
    public void setOrgId(Long orgId) {
        parameters.setOrgId(orgId);
    }

    public String getOptimizationLevel() {
        return parameters.getOptimizationLevel();
    }

    @DataBoundSetter
    public void setOptimizationLevel(String optimizationLevel) {
        parameters.setOptimizationLevel(optimizationLevel);
    }

    public Integer getMaxRetries() {
        return parameters.getMaxRetries();
    }

    @DataBoundSetter
    public void setMaxRetries(Integer maxRetries) {
        parameters.setMaxRetries(maxRetries);
    }

    public Integer getTimeout() {
        return parameters.getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        parameters.setTimeout(timeout);
    }

    public boolean isMock() {
        return parameters.isMock();
    }

    @DataBoundSetter
    public void setMock(boolean mock) {
        parameters.setMock(mock);
    }

    public String getMockScenario() {
        return parameters.getMockScenario();
    }

    @DataBoundSetter
    public void setMockScenario(String mockScenario) {
        parameters.setMockScenario(mockScenario);
    }

    public String getBackend() {
        return parameters.getBackend();
    }

    @DataBoundSetter
    public void setBackend(String backend) {
        parameters.setBackend(backend);
    }

    public boolean isFailOnError() {
        return parameters.isFailOnError();
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        parameters.setFailOnError(failOnError);
    }

    /** A follow-up on an existing agent run instead of a new task ({@link CodegenFollowUp}); null for a task. */
    public CodegenFollowUp getResume() {
        return parameters.getResume();
    }

    @DataBoundSetter
    public void setResume(CodegenFollowUp resume) {
        parameters.setResume(resume);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                        @NonNull Launcher launcher, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        int index = run.getParent() instanceof Project<?, ?> project ? project.getBuildersList().indexOf(this) : -1;
        TaskResult result = new CodegenTaskRunner(parameters, "Codegen build step field ", run, workspace, env,
                launcher, listener).run(TaskTags.forBuilder(run, index));
        if (!result.succeeded()) {
            if (parameters.isFailOnError()) {
                throw new AbortException(TaskOutcomes.failureMessage(result));
            }
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "\"Fail the build on error\" is off: the "
                    + "failure is recorded and the build is marked unstable.");
            run.setResult(Result.UNSTABLE);
        }
    }

    @Extension
    @Symbol("codegenBuild")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements CodegenTaskForm {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CodegenBuilder_DisplayName();
        }

        /** The form's text areas hold list parameters one item per line (see {@link TaskForms}). */
        @Override
        public Builder newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData)
                throws FormException {
            return super.newInstance(req, TaskForms.toBindable(formData));
        }

        /**
         * A field's help is the Pipeline step's: one text per field, {@code CodegenTaskStep/help-<field>.html}.
         * The builder's own {@code help.html} (no field) stays its own.
         */
        @Override
        public String getHelpFile(Klass<?> clazz, String fieldName) {
            String shared = fieldName == null ? null
                    : Jenkins.get().getDescriptorByType(CodegenTaskStep.DescriptorImpl.class).getHelpFile(fieldName);
            return shared != null ? shared : super.getHelpFile(clazz, fieldName);
        }
    }
}
