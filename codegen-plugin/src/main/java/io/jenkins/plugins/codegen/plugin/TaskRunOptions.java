package io.jenkins.plugins.codegen.plugin;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * How a task step runs its task, apart from the task itself: its overrides of the global
 * configuration (null, or false, when the global value applies) and what a failure does. The
 * values of {@link CodegenTaskParameters}, kept apart from the task's fields because they are a
 * concept of their own ({@code StepSettings} turns them into the engine's settings).
 *
 * <p>A superclass rather than a field so that the stored form stays flat: XStream writes these
 * fields in the same {@code <parameters>} element as the task's, where config.xml files already
 * have them. Fields may be added, not renamed.
 */
abstract class TaskRunOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

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

    @CheckForNull
    String getCredentialsId() {
        return credentialsId;
    }

    void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = ParameterValues.text(credentialsId);
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
        this.optimizationLevel = ParameterValues.text(optimizationLevel);
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
        this.mockScenario = ParameterValues.text(mockScenario);
    }

    @CheckForNull
    String getBackend() {
        return backend;
    }

    void setBackend(@CheckForNull String backend) {
        this.backend = ParameterValues.text(backend);
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
}
