package io.jenkins.plugins.codegen.plugin.parameters;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Set;

/**
 * What a task step was configured with, the same for the {@code codegenTask} Pipeline step and the
 * freestyle build step: the one place that knows the task's fields and how each is normalized. Both
 * steps hold one and delegate their getters and {@code @DataBoundSetter}s to it (Stapler and structs
 * bind through the steps' own methods), and both run it through one {@code CodegenTaskRunner}, whose
 * {@code TaskInputs} turns it into the engine's task.
 *
 * <p>Text is null when not given; a list is null when it has no items ({@link ParameterValues}). How the
 * task runs (the overrides of the global configuration, what a failure does) is in the superclass,
 * {@link TaskRunOptions}.
 *
 * <p>Adding a field: here (or in {@link TaskRunOptions}) a field, a getter, a normalizing setter (and its
 * name in {@link #LIST_FIELDS}, {@link #NUMBER_FIELDS} or {@link #taskValue} where it belongs); a delegating
 * getter and setter on each step; an entry in {@code CodegenTaskStep/config.jelly} and its
 * {@code help-<field>.html} beside it; its use in {@code TaskInputs} (the task) or {@code StepSettings}
 * (the settings).
 *
 * <p>Stored by XStream inside {@code CodegenBuilder} (element {@code parameters}): fields may be added,
 * not renamed. Serializable because a running {@code codegenTask} keeps them (in the Pipeline's
 * program state) to pick its task up again after a controller restart; they hold no secret.
 */
public final class CodegenTaskParameters extends TaskRunOptions {
    private static final long serialVersionUID = 1L;
    /** The fields of type {@code List<String>}. */
    static final Set<String> LIST_FIELDS = Set.of("requirements", "acceptanceCriteria", "affectedFiles",
            "relatedTasks", "existingFiles", "dependencies", "projectContext");
    /** The fields of a whole-number type, which a form sends as text. */
    static final Set<String> NUMBER_FIELDS = Set.of("complexityScore", "orgId", "maxRetries", "timeout");

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
    // Or a follow-up on an existing agent run instead of a task
    private CodegenFollowUp resume;

    public CodegenTaskParameters(@CheckForNull String title) {
        this.title = ParameterValues.text(title);
    }

    @CheckForNull
    public String getTitle() {
        return title;
    }

    @CheckForNull
    public String getDescription() {
        return description;
    }

    public void setDescription(@CheckForNull String description) {
        this.description = ParameterValues.multiLineText(description);
    }

    @CheckForNull
    public List<String> getRequirements() {
        return ParameterValues.copy(requirements);
    }

    public void setRequirements(@CheckForNull List<String> requirements) {
        this.requirements = ParameterValues.items(requirements);
    }

    @CheckForNull
    public List<String> getAcceptanceCriteria() {
        return ParameterValues.copy(acceptanceCriteria);
    }

    public void setAcceptanceCriteria(@CheckForNull List<String> acceptanceCriteria) {
        this.acceptanceCriteria = ParameterValues.items(acceptanceCriteria);
    }

    /** {@code low}, {@code medium}, {@code high} or {@code critical}. */
    @CheckForNull
    public String getPriority() {
        return priority;
    }

    public void setPriority(@CheckForNull String priority) {
        this.priority = ParameterValues.text(priority);
    }

    /** From 1 to 10. */
    @CheckForNull
    public Integer getComplexityScore() {
        return complexityScore;
    }

    public void setComplexityScore(@CheckForNull Integer complexityScore) {
        this.complexityScore = complexityScore;
    }

    @CheckForNull
    public String getLanguage() {
        return language;
    }

    public void setLanguage(@CheckForNull String language) {
        this.language = ParameterValues.text(language);
    }

    @CheckForNull
    public String getFramework() {
        return framework;
    }

    public void setFramework(@CheckForNull String framework) {
        this.framework = ParameterValues.text(framework);
    }

    @CheckForNull
    public String getTestingFramework() {
        return testingFramework;
    }

    public void setTestingFramework(@CheckForNull String testingFramework) {
        this.testingFramework = ParameterValues.text(testingFramework);
    }

    /** Files the task is expected to change. */
    @CheckForNull
    public List<String> getAffectedFiles() {
        return ParameterValues.copy(affectedFiles);
    }

    public void setAffectedFiles(@CheckForNull List<String> affectedFiles) {
        this.affectedFiles = ParameterValues.items(affectedFiles);
    }

    /** Ids of other tasks in the user's tracker. */
    @CheckForNull
    public List<String> getRelatedTasks() {
        return ParameterValues.copy(relatedTasks);
    }

    public void setRelatedTasks(@CheckForNull List<String> relatedTasks) {
        this.relatedTasks = ParameterValues.items(relatedTasks);
    }

    /** {@code implementation}, {@code bug_fix}, {@code feature} or {@code refactor}. */
    @CheckForNull
    public String getTaskType() {
        return taskType;
    }

    public void setTaskType(@CheckForNull String taskType) {
        this.taskType = ParameterValues.text(taskType);
    }

    /** The task's id in the user's tracker. */
    @CheckForNull
    public String getTaskId() {
        return taskId;
    }

    public void setTaskId(@CheckForNull String taskId) {
        this.taskId = ParameterValues.text(taskId);
    }

    @CheckForNull
    public String getRepository() {
        return repository;
    }

    public void setRepository(@CheckForNull String repository) {
        this.repository = ParameterValues.text(repository);
    }

    @CheckForNull
    public String getBranch() {
        return branch;
    }

    public void setBranch(@CheckForNull String branch) {
        this.branch = ParameterValues.text(branch);
    }

    @CheckForNull
    public List<String> getExistingFiles() {
        return ParameterValues.copy(existingFiles);
    }

    public void setExistingFiles(@CheckForNull List<String> existingFiles) {
        this.existingFiles = ParameterValues.items(existingFiles);
    }

    @CheckForNull
    public List<String> getDependencies() {
        return ParameterValues.copy(dependencies);
    }

    public void setDependencies(@CheckForNull List<String> dependencies) {
        this.dependencies = ParameterValues.items(dependencies);
    }

    @CheckForNull
    public String getArchitecture() {
        return architecture;
    }

    public void setArchitecture(@CheckForNull String architecture) {
        this.architecture = ParameterValues.multiLineText(architecture);
    }

    @CheckForNull
    public String getDeployment() {
        return deployment;
    }

    public void setDeployment(@CheckForNull String deployment) {
        this.deployment = ParameterValues.multiLineText(deployment);
    }

    /** Further facts about the project, one {@code name=value} each. */
    @CheckForNull
    public List<String> getProjectContext() {
        return ParameterValues.copy(projectContext);
    }

    public void setProjectContext(@CheckForNull List<String> projectContext) {
        this.projectContext = ParameterValues.items(projectContext);
    }

    /** Relative to the workspace. */
    @CheckForNull
    public String getTaskFile() {
        return taskFile;
    }

    public void setTaskFile(@CheckForNull String taskFile) {
        this.taskFile = ParameterValues.text(taskFile);
    }

    /** Relative to the workspace. */
    @CheckForNull
    public String getContextFile() {
        return contextFile;
    }

    public void setContextFile(@CheckForNull String contextFile) {
        this.contextFile = ParameterValues.text(contextFile);
    }

    /** A follow-up on an existing agent run instead of a new task; null for a task. */
    @CheckForNull
    public CodegenFollowUp getResume() {
        return resume;
    }

    public void setResume(@CheckForNull CodegenFollowUp resume) {
        this.resume = resume;
    }

    /**
     * The value given for a field of the task or of its context (those {@code TaskInputs} puts into the
     * engine's task), by its name; null when it was not given, and for any other name.
     */
    @CheckForNull
    Object taskValue(String field) {
        return switch (field) {
            case "taskId" -> taskId;
            case "taskType" -> taskType;
            case "title" -> title;
            case "description" -> description;
            case "requirements" -> requirements;
            case "acceptanceCriteria" -> acceptanceCriteria;
            case "complexityScore" -> complexityScore;
            case "priority" -> priority;
            case "language" -> language;
            case "framework" -> framework;
            case "testingFramework" -> testingFramework;
            case "affectedFiles" -> affectedFiles;
            case "relatedTasks" -> relatedTasks;
            case "repository" -> repository;
            case "branch" -> branch;
            case "existingFiles" -> existingFiles;
            case "dependencies" -> dependencies;
            case "architecture" -> architecture;
            case "deployment" -> deployment;
            default -> null;
        };
    }
}
