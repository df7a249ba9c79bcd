package io.jenkins.plugins.codegen.plugin.fix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import io.jenkins.plugins.codegen.plugin.parameters.ParameterValues;

/**
 * What a fix was configured with, the same for the {@code codegenFix} Pipeline step and the freestyle
 * fix action: where the code is, how much of the log to send, and the connection and engine options
 * of a task. Those, and the repository and branch, are kept in a {@link CodegenTaskParameters} (its
 * task fields stay empty), so that they are normalized as a task's and the task runner reads them as
 * it reads a task's. Text is null when not given.
 *
 * <p>Stored by XStream inside the freestyle action (element {@code parameters}): fields may be added,
 * not renamed. Serializable because a running {@code codegenFix} keeps them (in the Pipeline's
 * program state), to pick the fix up again after a controller restart.
 */
final class CodegenFixParameters implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The repository, the branch and the connection options; no task field is set. */
    private CodegenTaskParameters task = new CodegenTaskParameters(null);
    private Integer logLines;
    private String commit;
    private boolean force;
    private String codegenBranchPrefix;

    /** The repository, branch and connection options, as the task runner reads them. */
    CodegenTaskParameters task() {
        if (task == null) {
            // A config.xml without the element: XStream runs no field initializer.
            task = new CodegenTaskParameters(null);
        }
        return task;
    }

    /** How many of the log's last lines to send; null for the default (200). */
    @CheckForNull
    Integer getLogLines() {
        return logLines;
    }

    void setLogLines(@CheckForNull Integer logLines) {
        this.logLines = logLines;
    }

    /** {@code owner/name} or a remote URL; null to use the build's {@code GIT_URL}. */
    @CheckForNull
    String getRepository() {
        return task().getRepository();
    }

    void setRepository(@CheckForNull String repository) {
        task().setRepository(repository);
    }

    /** The branch that failed; null to use the build's {@code GIT_BRANCH}. */
    @CheckForNull
    String getBranch() {
        return task().getBranch();
    }

    void setBranch(@CheckForNull String branch) {
        task().setBranch(branch);
    }

    /** The full commit id that failed; null to use the build's {@code GIT_COMMIT}. */
    @CheckForNull
    String getCommit() {
        return commit;
    }

    void setCommit(@CheckForNull String commit) {
        this.commit = ParameterValues.text(commit);
    }

    /** Start a new agent run even if an earlier fix of the same failure started one. */
    boolean isForce() {
        return force;
    }

    void setForce(boolean force) {
        this.force = force;
    }

    /** Branches Codegen made start with this; null for the global setting. */
    @CheckForNull
    String getCodegenBranchPrefix() {
        return codegenBranchPrefix;
    }

    void setCodegenBranchPrefix(@CheckForNull String codegenBranchPrefix) {
        this.codegenBranchPrefix = ParameterValues.text(codegenBranchPrefix);
    }
}
