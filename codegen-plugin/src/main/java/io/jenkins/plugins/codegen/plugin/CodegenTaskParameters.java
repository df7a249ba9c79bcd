package io.jenkins.plugins.codegen.plugin;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

/**
 * What a task step was configured with, the same for the {@code codegenTask} Pipeline step and the
 * freestyle build step, so that both run through one {@link CodegenTaskRunner}.
 *
 * <p>Text is null when not given; a list is null when it has no items. Overrides of the global
 * configuration are null (or false) when the global value applies.
 */
public interface CodegenTaskParameters {

    // The task

    String getTitle();

    @CheckForNull
    String getDescription();

    @CheckForNull
    List<String> getRequirements();

    @CheckForNull
    List<String> getAcceptanceCriteria();

    /** {@code low}, {@code medium}, {@code high} or {@code critical}. */
    @CheckForNull
    String getPriority();

    /** From 1 to 10. */
    @CheckForNull
    Integer getComplexityScore();

    @CheckForNull
    String getLanguage();

    @CheckForNull
    String getFramework();

    @CheckForNull
    String getTestingFramework();

    /** Files the task is expected to change. */
    @CheckForNull
    List<String> getAffectedFiles();

    /** Ids of other tasks in the user's tracker. */
    @CheckForNull
    List<String> getRelatedTasks();

    /** {@code implementation}, {@code bug_fix}, {@code feature} or {@code refactor}. */
    @CheckForNull
    String getTaskType();

    /** The task's id in the user's tracker. */
    @CheckForNull
    String getTaskId();

    // Its context

    @CheckForNull
    String getRepository();

    @CheckForNull
    String getBranch();

    @CheckForNull
    List<String> getExistingFiles();

    @CheckForNull
    List<String> getDependencies();

    @CheckForNull
    String getArchitecture();

    @CheckForNull
    String getDeployment();

    /** Further facts about the project, one {@code name=value} each. */
    @CheckForNull
    List<String> getProjectContext();

    // Files the task and its context may come from, relative to the workspace

    @CheckForNull
    String getTaskFile();

    @CheckForNull
    String getContextFile();

    // Overrides of the global configuration

    @CheckForNull
    String getCredentialsId();

    @CheckForNull
    Long getOrgId();

    @CheckForNull
    String getOptimizationLevel();

    @CheckForNull
    Integer getMaxRetries();

    /** Minutes. */
    @CheckForNull
    Integer getTimeout();

    /** Forces mock mode for this task; false leaves the global setting in charge. */
    boolean isMock();

    @CheckForNull
    String getMockScenario();

    @CheckForNull
    String getBackend();

    /** Whether a failed task fails the step (true) or is only recorded (false). */
    boolean isFailOnError();
}
