package io.jenkins.plugins.codegen.plugin.task;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenFollowUp;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import io.jenkins.plugins.codegen.plugin.parameters.TaskForms;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskExecution;
import java.util.List;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code def r = codegenTask(title: '...', ...)}: hands a coding task to the Codegen agent and
 * returns what became of it as a map ({@code r.status}, {@code r.prUrl}, ...). Runs inside
 * {@code node}: the bridge runs on the agent, the step's thread waits without holding the CPS VM.
 * A failure fails the step unless {@code failOnError: false}, with which it is only recorded.
 *
 * <p>The values live in {@link CodegenTaskParameters}; the getters and setters below only make them
 * bindable (Stapler and structs look for them on this class); a getter gives null for a value not
 * given. Its form and help texts ({@code CodegenTaskStep/config.jelly}, {@code help-*.html}) are the
 * freestyle build step's too.
 */
public class CodegenTaskStep extends Step {
    private final CodegenTaskParameters parameters;

    @DataBoundConstructor
    public CodegenTaskStep(String title) {
        this.parameters = new CodegenTaskParameters(title);
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

    /** Only on the Pipeline step: {@code wait: false} ends once the run exists, for {@code codegenWait}. */
    public boolean isWait() {
        return parameters.isWait();
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        parameters.setWait(wait);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new CodegenTaskExecution(parameters, context);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements CodegenTaskForm {

        /**
         * The id a Pipeline build keeps in each of its steps, as it was before this class moved into
         * this package: the steps of earlier builds still find their descriptor (and their name).
         */
        @Override
        public String getId() {
            return "io.jenkins.plugins.codegen.plugin.CodegenTaskStep";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public String getFunctionName() {
            return "codegenTask";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CodegenTaskStep_DisplayName();
        }

        /** The Snippet Generator's text areas hold list parameters one item per line (see {@link TaskForms}). */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            return super.newInstance(req, TaskForms.toBindable(formData));
        }
    }
}
