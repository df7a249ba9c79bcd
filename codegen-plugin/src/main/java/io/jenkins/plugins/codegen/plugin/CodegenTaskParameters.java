package io.jenkins.plugins.codegen.plugin;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a task step was configured with, the same for the {@code codegenTask} Pipeline step and the
 * freestyle build step: the one place that knows the task's fields and how each is normalized. Both
 * steps hold one and delegate their getters and {@code @DataBoundSetter}s to it (Stapler and structs
 * bind through the steps' own methods), and both run it through one {@code CodegenTaskRunner}, whose
 * {@code TaskInputs} turns it into the engine's task.
 *
 * <p>Text is null when not given; a list is null when it has no items. Overrides of the global
 * configuration are null (or false) when the global value applies.
 *
 * <p>Adding a field: here a field, a getter, a normalizing setter (and its name in {@link #LIST_FIELDS},
 * {@link #NUMBER_FIELDS} or {@link #taskValue} where it belongs); a delegating getter and setter on each
 * step; an entry in {@code CodegenTaskStep/config.jelly} and its {@code help-<field>.html} beside it; its
 * use in {@code TaskInputs} (the task) or {@code CodegenTaskRunner} (the settings).
 *
 * <p>Stored by XStream inside {@code CodegenBuilder} (element {@code parameters}): fields may be added,
 * not renamed. Serializable because a running {@code codegenTask} keeps them (in the Pipeline's
 * program state) to pick its task up again after a controller restart; they hold no secret.
 */
final class CodegenTaskParameters implements java.io.Serializable {
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
    // Overrides of the global configuration, and what a failure does
    private String credentialsId;
    private Long orgId;
    private String optimizationLevel;
    private Integer maxRetries;
    private Integer timeout;
    private boolean mock;
    private String mockScenario;
    private String backend;
    /**
     * Null means true: a config.xml without the element (written by hand, by Job DSL, or by an older
     * version) is loaded by XStream without running field initializers, and must still fail.
     */
    private Boolean failOnError;
    /** Null means true: wait for the agent run's end. Pipeline only (a freestyle step keeps its executor anyway). */
    private Boolean wait;

    CodegenTaskParameters(@CheckForNull String title) {
        this.title = text(title);
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
        this.description = multiLineText(description);
    }

    @CheckForNull
    List<String> getRequirements() {
        return copy(requirements);
    }

    void setRequirements(@CheckForNull List<String> requirements) {
        this.requirements = items(requirements);
    }

    @CheckForNull
    List<String> getAcceptanceCriteria() {
        return copy(acceptanceCriteria);
    }

    void setAcceptanceCriteria(@CheckForNull List<String> acceptanceCriteria) {
        this.acceptanceCriteria = items(acceptanceCriteria);
    }

    /** {@code low}, {@code medium}, {@code high} or {@code critical}. */
    @CheckForNull
    String getPriority() {
        return priority;
    }

    void setPriority(@CheckForNull String priority) {
        this.priority = text(priority);
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
        this.language = text(language);
    }

    @CheckForNull
    String getFramework() {
        return framework;
    }

    void setFramework(@CheckForNull String framework) {
        this.framework = text(framework);
    }

    @CheckForNull
    String getTestingFramework() {
        return testingFramework;
    }

    void setTestingFramework(@CheckForNull String testingFramework) {
        this.testingFramework = text(testingFramework);
    }

    /** Files the task is expected to change. */
    @CheckForNull
    List<String> getAffectedFiles() {
        return copy(affectedFiles);
    }

    void setAffectedFiles(@CheckForNull List<String> affectedFiles) {
        this.affectedFiles = items(affectedFiles);
    }

    /** Ids of other tasks in the user's tracker. */
    @CheckForNull
    List<String> getRelatedTasks() {
        return copy(relatedTasks);
    }

    void setRelatedTasks(@CheckForNull List<String> relatedTasks) {
        this.relatedTasks = items(relatedTasks);
    }

    /** {@code implementation}, {@code bug_fix}, {@code feature} or {@code refactor}. */
    @CheckForNull
    String getTaskType() {
        return taskType;
    }

    void setTaskType(@CheckForNull String taskType) {
        this.taskType = text(taskType);
    }

    /** The task's id in the user's tracker. */
    @CheckForNull
    String getTaskId() {
        return taskId;
    }

    void setTaskId(@CheckForNull String taskId) {
        this.taskId = text(taskId);
    }

    @CheckForNull
    String getRepository() {
        return repository;
    }

    void setRepository(@CheckForNull String repository) {
        this.repository = text(repository);
    }

    @CheckForNull
    String getBranch() {
        return branch;
    }

    void setBranch(@CheckForNull String branch) {
        this.branch = text(branch);
    }

    @CheckForNull
    List<String> getExistingFiles() {
        return copy(existingFiles);
    }

    void setExistingFiles(@CheckForNull List<String> existingFiles) {
        this.existingFiles = items(existingFiles);
    }

    @CheckForNull
    List<String> getDependencies() {
        return copy(dependencies);
    }

    void setDependencies(@CheckForNull List<String> dependencies) {
        this.dependencies = items(dependencies);
    }

    @CheckForNull
    String getArchitecture() {
        return architecture;
    }

    void setArchitecture(@CheckForNull String architecture) {
        this.architecture = multiLineText(architecture);
    }

    @CheckForNull
    String getDeployment() {
        return deployment;
    }

    void setDeployment(@CheckForNull String deployment) {
        this.deployment = multiLineText(deployment);
    }

    /** Further facts about the project, one {@code name=value} each. */
    @CheckForNull
    List<String> getProjectContext() {
        return copy(projectContext);
    }

    void setProjectContext(@CheckForNull List<String> projectContext) {
        this.projectContext = items(projectContext);
    }

    /** Relative to the workspace. */
    @CheckForNull
    String getTaskFile() {
        return taskFile;
    }

    void setTaskFile(@CheckForNull String taskFile) {
        this.taskFile = text(taskFile);
    }

    /** Relative to the workspace. */
    @CheckForNull
    String getContextFile() {
        return contextFile;
    }

    void setContextFile(@CheckForNull String contextFile) {
        this.contextFile = text(contextFile);
    }

    @CheckForNull
    String getCredentialsId() {
        return credentialsId;
    }

    void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = text(credentialsId);
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
        this.optimizationLevel = text(optimizationLevel);
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
        this.mockScenario = text(mockScenario);
    }

    @CheckForNull
    String getBackend() {
        return backend;
    }

    void setBackend(@CheckForNull String backend) {
        this.backend = text(backend);
    }

    /** Whether a failed task fails the step (true) or is only recorded (false). */
    boolean isFailOnError() {
        return failOnError == null || failOnError;
    }

    void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    /** Whether the task follows the agent run to its end (true) or returns as soon as it exists (false). */
    boolean isWait() {
        return wait == null || wait;
    }

    void setWait(boolean wait) {
        this.wait = wait ? null : Boolean.FALSE;
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

    // ---- Normalization: how a value given to a setter is kept ----------------------------------

    /** A list parameter as stored: items stripped, blank ones dropped, null when nothing is left. */
    @CheckForNull
    private static List<String> items(@CheckForNull List<String> value) {
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String item : value) {
            if (item != null && !item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items.isEmpty() ? null : items;
    }

    /** A list parameter as a getter hands it out: a copy, or null when there are no items. */
    @CheckForNull
    private static List<String> copy(@CheckForNull List<String> items) {
        return items == null ? null : List.copyOf(items);
    }

    /** A text parameter as stored: null when blank. */
    @CheckForNull
    static String text(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value);
    }

    /** Multi-line text keeps its inner layout; only the ends are stripped. */
    @CheckForNull
    static String multiLineText(@CheckForNull String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
