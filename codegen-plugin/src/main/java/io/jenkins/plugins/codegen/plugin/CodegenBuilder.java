package io.jenkins.plugins.codegen.plugin;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step "Codegen: hand a coding task to the agent", with the same parameters as
 * the {@code codegenTask} Pipeline step and the same run ({@link CodegenTaskRunner}). A failed task
 * fails the build, or with "Fail the build on error" unchecked makes it unstable. The outcome is on
 * the build page and in {@code CODEGEN_*} variables for the steps that follow. Its symbol is
 * {@code codegenBuild}, not {@code codegenTask}: a step's name would shadow a symbol of that name.
 */
public class CodegenBuilder extends Builder implements SimpleBuildStep, CodegenTaskParameters {
    private final String title;
    private String description;
    private List<String> requirements;
    private List<String> acceptanceCriteria;
    private String priority;
    private Integer complexityScore;
    private String language;
    private String framework;
    private String testingFramework;
    private List<String> affectedFiles;
    private List<String> relatedTasks;
    private String taskType;
    private String taskId;
    private String repository;
    private String branch;
    private List<String> existingFiles;
    private List<String> dependencies;
    private String architecture;
    private String deployment;
    private List<String> projectContext;
    private String taskFile;
    private String contextFile;
    private String credentialsId;
    private Long orgId;
    private String optimizationLevel;
    private Integer maxRetries;
    private Integer timeout;
    private boolean mock;
    private String mockScenario;
    private String backend;
    /**
     * Null means true: a job whose config.xml lacks the element (written by hand, by Job DSL, or by an
     * older version) is loaded by XStream without running field initializers, and must still fail.
     */
    private Boolean failOnError;

    @DataBoundConstructor
    public CodegenBuilder(String title) {
        this.title = TaskForms.text(title);
    }

    @Override
    @CheckForNull
    public String getTitle() {
        return title;
    }

    @Override
    @CheckForNull
    public String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(String description) {
        this.description = TaskForms.multiLineText(description);
    }

    @Override
    @CheckForNull
    public List<String> getRequirements() {
        return TaskForms.copy(requirements);
    }

    @DataBoundSetter
    public void setRequirements(List<String> requirements) {
        this.requirements = TaskForms.items(requirements);
    }

    @Override
    @CheckForNull
    public List<String> getAcceptanceCriteria() {
        return TaskForms.copy(acceptanceCriteria);
    }

    @DataBoundSetter
    public void setAcceptanceCriteria(List<String> acceptanceCriteria) {
        this.acceptanceCriteria = TaskForms.items(acceptanceCriteria);
    }

    @Override
    @CheckForNull
    public String getPriority() {
        return priority;
    }

    @DataBoundSetter
    public void setPriority(String priority) {
        this.priority = TaskForms.text(priority);
    }

    @Override
    @CheckForNull
    public Integer getComplexityScore() {
        return complexityScore;
    }

    @DataBoundSetter
    public void setComplexityScore(Integer complexityScore) {
        this.complexityScore = complexityScore;
    }

    @Override
    @CheckForNull
    public String getLanguage() {
        return language;
    }

    @DataBoundSetter
    public void setLanguage(String language) {
        this.language = TaskForms.text(language);
    }

    @Override
    @CheckForNull
    public String getFramework() {
        return framework;
    }

    @DataBoundSetter
    public void setFramework(String framework) {
        this.framework = TaskForms.text(framework);
    }

    @Override
    @CheckForNull
    public String getTestingFramework() {
        return testingFramework;
    }

    @DataBoundSetter
    public void setTestingFramework(String testingFramework) {
        this.testingFramework = TaskForms.text(testingFramework);
    }

    @Override
    @CheckForNull
    public List<String> getAffectedFiles() {
        return TaskForms.copy(affectedFiles);
    }

    @DataBoundSetter
    public void setAffectedFiles(List<String> affectedFiles) {
        this.affectedFiles = TaskForms.items(affectedFiles);
    }

    @Override
    @CheckForNull
    public List<String> getRelatedTasks() {
        return TaskForms.copy(relatedTasks);
    }

    @DataBoundSetter
    public void setRelatedTasks(List<String> relatedTasks) {
        this.relatedTasks = TaskForms.items(relatedTasks);
    }

    @Override
    @CheckForNull
    public String getTaskType() {
        return taskType;
    }

    @DataBoundSetter
    public void setTaskType(String taskType) {
        this.taskType = TaskForms.text(taskType);
    }

    @Override
    @CheckForNull
    public String getTaskId() {
        return taskId;
    }

    @DataBoundSetter
    public void setTaskId(String taskId) {
        this.taskId = TaskForms.text(taskId);
    }

    @Override
    @CheckForNull
    public String getRepository() {
        return repository;
    }

    @DataBoundSetter
    public void setRepository(String repository) {
        this.repository = TaskForms.text(repository);
    }

    @Override
    @CheckForNull
    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = TaskForms.text(branch);
    }

    @Override
    @CheckForNull
    public List<String> getExistingFiles() {
        return TaskForms.copy(existingFiles);
    }

    @DataBoundSetter
    public void setExistingFiles(List<String> existingFiles) {
        this.existingFiles = TaskForms.items(existingFiles);
    }

    @Override
    @CheckForNull
    public List<String> getDependencies() {
        return TaskForms.copy(dependencies);
    }

    @DataBoundSetter
    public void setDependencies(List<String> dependencies) {
        this.dependencies = TaskForms.items(dependencies);
    }

    @Override
    @CheckForNull
    public String getArchitecture() {
        return architecture;
    }

    @DataBoundSetter
    public void setArchitecture(String architecture) {
        this.architecture = TaskForms.multiLineText(architecture);
    }

    @Override
    @CheckForNull
    public String getDeployment() {
        return deployment;
    }

    @DataBoundSetter
    public void setDeployment(String deployment) {
        this.deployment = TaskForms.multiLineText(deployment);
    }

    @Override
    @CheckForNull
    public List<String> getProjectContext() {
        return TaskForms.copy(projectContext);
    }

    @DataBoundSetter
    public void setProjectContext(List<String> projectContext) {
        this.projectContext = TaskForms.items(projectContext);
    }

    @Override
    @CheckForNull
    public String getTaskFile() {
        return taskFile;
    }

    @DataBoundSetter
    public void setTaskFile(String taskFile) {
        this.taskFile = TaskForms.text(taskFile);
    }

    @Override
    @CheckForNull
    public String getContextFile() {
        return contextFile;
    }

    @DataBoundSetter
    public void setContextFile(String contextFile) {
        this.contextFile = TaskForms.text(contextFile);
    }

    @Override
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = TaskForms.text(credentialsId);
    }

    @Override
    @CheckForNull
    public Long getOrgId() {
        return orgId;
    }

    @DataBoundSetter
    public void setOrgId(Long orgId) {
        this.orgId = orgId;
    }

    @Override
    @CheckForNull
    public String getOptimizationLevel() {
        return optimizationLevel;
    }

    @DataBoundSetter
    public void setOptimizationLevel(String optimizationLevel) {
        this.optimizationLevel = TaskForms.text(optimizationLevel);
    }

    @Override
    @CheckForNull
    public Integer getMaxRetries() {
        return maxRetries;
    }

    @DataBoundSetter
    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Override
    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        this.timeout = timeout;
    }

    @Override
    public boolean isMock() {
        return mock;
    }

    @DataBoundSetter
    public void setMock(boolean mock) {
        this.mock = mock;
    }

    @Override
    @CheckForNull
    public String getMockScenario() {
        return mockScenario;
    }

    @DataBoundSetter
    public void setMockScenario(String mockScenario) {
        this.mockScenario = TaskForms.text(mockScenario);
    }

    @Override
    @CheckForNull
    public String getBackend() {
        return backend;
    }

    @DataBoundSetter
    public void setBackend(String backend) {
        this.backend = TaskForms.text(backend);
    }

    @Override
    public boolean isFailOnError() {
        return failOnError == null || failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                        @NonNull Launcher launcher, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        TaskResult result = new CodegenTaskRunner(this, "Codegen build step field ", run, workspace, env, launcher,
                listener).run();
        if (!result.succeeded()) {
            if (isFailOnError()) {
                throw new AbortException(CodegenTaskRunner.failureMessage(result));
            }
            listener.getLogger().println(CodegenTaskRunner.PREFIX + "\"Fail the build on error\" is off: the "
                    + "failure is recorded and the build is marked unstable.");
            run.setResult(Result.UNSTABLE);
        }
    }

    @Extension
    @Symbol("codegenBuild")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements CustomDescribableModel {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CodegenBuilder_DisplayName();
        }

        /** List parameters may be given as text, one item per line (see {@link TaskForms}). */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return TaskForms.customInstantiate(arguments);
        }

        /** The form's text areas hold list parameters one item per line (see {@link TaskForms}). */
        @Override
        public Builder newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData)
                throws FormException {
            return super.newInstance(req, TaskForms.toBindable(formData));
        }

        /** A list parameter as its text area shows it. */
        public String lines(@CheckForNull Collection<String> items) {
            return TaskForms.joinLines(items);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CodegenCredentials.fillForItem(item, credentialsId);
        }

        @POST
        public ListBoxModel doFillPriorityItems() {
            return TaskForms.priorities();
        }

        @POST
        public ListBoxModel doFillTaskTypeItems() {
            return TaskForms.taskTypes();
        }

        @POST
        public ListBoxModel doFillOptimizationLevelItems() {
            return TaskForms.optimizationLevels("(global setting)");
        }

        @POST
        public ListBoxModel doFillBackendItems() {
            return TaskForms.backends("(global setting)");
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CodegenCredentials.checkForItem(item, value);
        }

        @POST
        public FormValidation doCheckTitle(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTitle(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDescription(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("description", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRequirements(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskList("requirements", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckAcceptanceCriteria(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskList("acceptanceCriteria", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPriority(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkChoiceOf("priority", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckComplexityScore(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkComplexityScore(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckLanguage(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("language", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckFramework(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("framework", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTestingFramework(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("testingFramework", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckAffectedFiles(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskList("affectedFiles", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRelatedTasks(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskList("relatedTasks", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTaskType(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkChoiceOf("taskType", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTaskId(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("taskId", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkCodebase("repository", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckBranch(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkCodebase("branch", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckExistingFiles(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkCodebase("existingFiles", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDependencies(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkCodebase("dependencies", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckArchitecture(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkProject("architecture", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDeployment(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkProject("deployment", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckProjectContext(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkProject("projectContext", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckOrgId(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkOrgId(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckOptimizationLevel(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkChoiceOf("optimizationLevel", value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMaxRetries(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkMaxRetries(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkTimeout(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckBackend(@AncestorInPath Item item, @QueryParameter String value) {
            return TaskForms.mayCheck(item) ? TaskForms.checkChoiceOf("backend", value) : FormValidation.ok();
        }
    }
}
