package io.jenkins.plugins.codegen.plugin.task;

import hudson.tasks.Builder;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import java.util.List;

/**
 * The freestyle build step as config.xml files written before its values moved into
 * {@link CodegenTaskParameters} hold it: every value flat, in the builder's own element. XStream
 * (Jenkins' RobustReflectionConverter) still reads those elements into the transient fields here,
 * {@link CodegenBuilder} turns them into its parameters when it is loaded, and they are never written
 * again. A list of the past, kept out of the step itself: never add to it.
 */
abstract class FlatStoredBuilder extends Builder {
    private transient String title, description, priority, language, framework, testingFramework, taskType,
            taskId, repository, branch, architecture, deployment, taskFile, contextFile, credentialsId,
            optimizationLevel, mockScenario, backend;
    private transient List<String> requirements, acceptanceCriteria, affectedFiles, relatedTasks, existingFiles,
            dependencies, projectContext;
    private transient Integer complexityScore, maxRetries, timeout;
    private transient Long orgId;
    private transient boolean mock;
    /** Null when the element is absent, which means true (field initializers do not run on load). */
    private transient Boolean failOnError;

    /** The values an old config.xml held, normalized as the step's setters would. */
    final CodegenTaskParameters flatParameters() {
        CodegenTaskParameters parameters = new CodegenTaskParameters(title);
        parameters.setDescription(description);
        parameters.setRequirements(requirements);
        parameters.setAcceptanceCriteria(acceptanceCriteria);
        parameters.setPriority(priority);
        parameters.setComplexityScore(complexityScore);
        parameters.setLanguage(language);
        parameters.setFramework(framework);
        parameters.setTestingFramework(testingFramework);
        parameters.setAffectedFiles(affectedFiles);
        parameters.setRelatedTasks(relatedTasks);
        parameters.setTaskType(taskType);
        parameters.setTaskId(taskId);
        parameters.setRepository(repository);
        parameters.setBranch(branch);
        parameters.setExistingFiles(existingFiles);
        parameters.setDependencies(dependencies);
        parameters.setArchitecture(architecture);
        parameters.setDeployment(deployment);
        parameters.setProjectContext(projectContext);
        parameters.setTaskFile(taskFile);
        parameters.setContextFile(contextFile);
        parameters.setCredentialsId(credentialsId);
        parameters.setOrgId(orgId);
        parameters.setOptimizationLevel(optimizationLevel);
        parameters.setMaxRetries(maxRetries);
        parameters.setTimeout(timeout);
        parameters.setMock(mock);
        parameters.setMockScenario(mockScenario);
        parameters.setBackend(backend);
        parameters.setFailOnError(failOnError == null || failOnError);
        return parameters;
    }
}
