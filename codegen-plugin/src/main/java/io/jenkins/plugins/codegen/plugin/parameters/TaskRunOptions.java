package io.jenkins.plugins.codegen.plugin.parameters;

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
    public String getCredentialsId() {
        return credentialsId;
    }

    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = ParameterValues.text(credentialsId);
    }

    @CheckForNull
    public Long getOrgId() {
        return orgId;
    }

    public void setOrgId(@CheckForNull Long orgId) {
        this.orgId = orgId;
    }

    @CheckForNull
    public String getOptimizationLevel() {
        return optimizationLevel;
    }

    public void setOptimizationLevel(@CheckForNull String optimizationLevel) {
        this.optimizationLevel = ParameterValues.text(optimizationLevel);
    }

    @CheckForNull
    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(@CheckForNull Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    /** Minutes. */
    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    public void setTimeout(@CheckForNull Integer timeout) {
        this.timeout = timeout;
    }

    /** Forces mock mode for this task; false leaves the global setting in charge. */
    public boolean isMock() {
        return mock;
    }

    public void setMock(boolean mock) {
        this.mock = mock;
    }

    @CheckForNull
    public String getMockScenario() {
        return mockScenario;
    }

    public void setMockScenario(@CheckForNull String mockScenario) {
        this.mockScenario = ParameterValues.text(mockScenario);
    }

    @CheckForNull
    public String getBackend() {
        return backend;
    }

    public void setBackend(@CheckForNull String backend) {
        this.backend = ParameterValues.text(backend);
    }

    /** Whether a failed task fails the step (true) or is only recorded (false). */
    public boolean isFailOnError() {
        return failOnError == null || failOnError;
    }

    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    /** Whether the task follows the agent run to its end (true) or returns as soon as it exists (false). */
    public boolean isWait() {
        return wait == null || wait;
    }

    public void setWait(boolean wait) {
        this.wait = wait ? null : Boolean.FALSE;
    }
}
