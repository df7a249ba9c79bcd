package io.jenkins.plugins.codegen.plugin;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

/**
 * What a task step was configured with, the same for the {@code codegenTask} Pipeline step and the
 * freestyle build step: the one place that knows the task's fields and how each is normalized. Both
 * steps hold one and delegate their getters and {@code @DataBoundSetter}s to it (Stapler and structs
 * bind through the steps' own methods), and both run it through one {@link CodegenTaskRunner}, whose
 * {@link TaskInputs} turns it into the engine's task.
 *
 * <p>Text is null when not given; a list is null when it has no items. Overrides of the global
 * configuration are null (or false) when the global value applies. Adding a field: a field, a getter
 * and a setter here, a delegating getter and setter on each step, an entry in
 * {@code CodegenTaskStep/config.jelly}, its {@code help-<field>.html} there, and its use in
 * {@link TaskInputs} or {@link CodegenTaskRunner}.
 *
 * <p>Stored by XStream inside {@link CodegenBuilder} (element {@code parameters}): fields may be added,
 * not renamed.
 */
final class CodegenTaskParameters {
    // The task
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
    // Its context
    private String repository;
    private String branch;
    private List<String> existingFiles;
    private List<String> dependencies;
    private String architecture;
    private String deployment;
    private List<String> projectContext;
    // Files the task and its context may come from
    private String taskFile;
    private String contextFile;
    // Overrides of the global configuration, and what a failure does
    private String credentialsId;
    private Long orgId;
    private String optimizationLevel;
    private Integer maxRetries;
    private Integer timeout;
    private boolean mock;
    private String mockScenario;
    private String backend;
    private boolean failOnError = true;

    CodegenTaskParameters(@CheckForNull String title) {
        this.title = TaskForms.text(title);
    }

    @CheckForNull
    String getTitle() {
        return title;
    }

    @CheckForNull
    String getDescription() {
        return description;
    }

    void setDescription(@CheckForNull String description) {
        this.description = TaskForms.multiLineText(description);
    }

    @CheckForNull
    List<String> getRequirements() {
        return TaskForms.copy(requirements);
    }

    void setRequirements(@CheckForNull List<String> requirements) {
        this.requirements = TaskForms.items(requirements);
    }

    @CheckForNull
    List<String> getAcceptanceCriteria() {
        return TaskForms.copy(acceptanceCriteria);
    }

    void setAcceptanceCriteria(@CheckForNull List<String> acceptanceCriteria) {
        this.acceptanceCriteria = TaskForms.items(acceptanceCriteria);
    }

    /** {@code low}, {@code medium}, {@code high} or {@code critical}. */
    @CheckForNull
    String getPriority() {
        return priority;
    }

    void setPriority(@CheckForNull String priority) {
        this.priority = TaskForms.text(priority);
    }

    /** From 1 to 10. */
    @CheckForNull
    Integer getComplexityScore() {
        return complexityScore;
    }

    void setComplexityScore(@CheckForNull Integer complexityScore) {
        this.complexityScore = complexityScore;
    }

    @CheckForNull
    String getLanguage() {
        return language;
    }

    void setLanguage(@CheckForNull String language) {
        this.language = TaskForms.text(language);
    }

    @CheckForNull
    String getFramework() {
        return framework;
    }

    void setFramework(@CheckForNull String framework) {
        this.framework = TaskForms.text(framework);
    }

    @CheckForNull
    String getTestingFramework() {
        return testingFramework;
    }

    void setTestingFramework(@CheckForNull String testingFramework) {
        this.testingFramework = TaskForms.text(testingFramework);
    }

    /** Files the task is expected to change. */
    @CheckForNull
    List<String> getAffectedFiles() {
        return TaskForms.copy(affectedFiles);
    }

    void setAffectedFiles(@CheckForNull List<String> affectedFiles) {
        this.affectedFiles = TaskForms.items(affectedFiles);
    }

    /** Ids of other tasks in the user's tracker. */
    @CheckForNull
    List<String> getRelatedTasks() {
        return TaskForms.copy(relatedTasks);
    }

    void setRelatedTasks(@CheckForNull List<String> relatedTasks) {
        this.relatedTasks = TaskForms.items(relatedTasks);
    }

    /** {@code implementation}, {@code bug_fix}, {@code feature} or {@code refactor}. */
    @CheckForNull
    String getTaskType() {
        return taskType;
    }

    void setTaskType(@CheckForNull String taskType) {
        this.taskType = TaskForms.text(taskType);
    }

    /** The task's id in the user's tracker. */
    @CheckForNull
    String getTaskId() {
        return taskId;
    }

    void setTaskId(@CheckForNull String taskId) {
        this.taskId = TaskForms.text(taskId);
    }

    @CheckForNull
    String getRepository() {
        return repository;
    }

    void setRepository(@CheckForNull String repository) {
        this.repository = TaskForms.text(repository);
    }

    @CheckForNull
    String getBranch() {
        return branch;
    }

    void setBranch(@CheckForNull String branch) {
        this.branch = TaskForms.text(branch);
    }

    @CheckForNull
    List<String> getExistingFiles() {
        return TaskForms.copy(existingFiles);
    }

    void setExistingFiles(@CheckForNull List<String> existingFiles) {
        this.existingFiles = TaskForms.items(existingFiles);
    }

    @CheckForNull
    List<String> getDependencies() {
        return TaskForms.copy(dependencies);
    }

    void setDependencies(@CheckForNull List<String> dependencies) {
        this.dependencies = TaskForms.items(dependencies);
    }

    @CheckForNull
    String getArchitecture() {
        return architecture;
    }

    void setArchitecture(@CheckForNull String architecture) {
        this.architecture = TaskForms.multiLineText(architecture);
    }

    @CheckForNull
    String getDeployment() {
        return deployment;
    }

    void setDeployment(@CheckForNull String deployment) {
        this.deployment = TaskForms.multiLineText(deployment);
    }

    /** Further facts about the project, one {@code name=value} each. */
    @CheckForNull
    List<String> getProjectContext() {
        return TaskForms.copy(projectContext);
    }

    void setProjectContext(@CheckForNull List<String> projectContext) {
        this.projectContext = TaskForms.items(projectContext);
    }

    /** Relative to the workspace. */
    @CheckForNull
    String getTaskFile() {
        return taskFile;
    }

    void setTaskFile(@CheckForNull String taskFile) {
        this.taskFile = TaskForms.text(taskFile);
    }

    /** Relative to the workspace. */
    @CheckForNull
    String getContextFile() {
        return contextFile;
    }

    void setContextFile(@CheckForNull String contextFile) {
        this.contextFile = TaskForms.text(contextFile);
    }

    @CheckForNull
    String getCredentialsId() {
        return credentialsId;
    }

    void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = TaskForms.text(credentialsId);
    }

    @CheckForNull
    Long getOrgId() {
        return orgId;
    }

    void setOrgId(@CheckForNull Long orgId) {
        this.orgId = orgId;
    }

    @CheckForNull
    String getOptimizationLevel() {
        return optimizationLevel;
    }

    void setOptimizationLevel(@CheckForNull String optimizationLevel) {
        this.optimizationLevel = TaskForms.text(optimizationLevel);
    }

    @CheckForNull
    Integer getMaxRetries() {
        return maxRetries;
    }

    void setMaxRetries(@CheckForNull Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    /** Minutes. */
    @CheckForNull
    Integer getTimeout() {
        return timeout;
    }

    void setTimeout(@CheckForNull Integer timeout) {
        this.timeout = timeout;
    }

    /** Forces mock mode for this task; false leaves the global setting in charge. */
    boolean isMock() {
        return mock;
    }

    void setMock(boolean mock) {
        this.mock = mock;
    }

    @CheckForNull
    String getMockScenario() {
        return mockScenario;
    }

    void setMockScenario(@CheckForNull String mockScenario) {
        this.mockScenario = TaskForms.text(mockScenario);
    }

    @CheckForNull
    String getBackend() {
        return backend;
    }

    void setBackend(@CheckForNull String backend) {
        this.backend = TaskForms.text(backend);
    }

    /** Whether a failed task fails the step (true) or is only recorded (false). */
    boolean isFailOnError() {
        return failOnError;
    }

    void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }
}
