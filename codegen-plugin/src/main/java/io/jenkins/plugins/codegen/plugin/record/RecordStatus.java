package io.jenkins.plugins.codegen.plugin.record;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskResult;

/**
 * The statuses a {@link CodegenTaskRecord} goes through, as stored in {@code build.xml} and shown by
 * the REST API, and which one an outcome leads to.
 */
public final class RecordStatus {
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    static final String ABORTED = "ABORTED";
    /** The agent run exists and works remotely; the task did not wait for it ({@code wait: false}). */
    public static final String ACTIVE = "ACTIVE";
    /** The build ended while the task ran, e.g. the controller restarted; the agent run may still be working. */
    static final String INTERRUPTED = "INTERRUPTED";

    private RecordStatus() {
    }

    /** After the task's own run. */
    static String afterTask(TaskResult result) {
        return result.succeeded() ? SUCCEEDED : result.active() ? ACTIVE : FAILED;
    }

    /** After {@code codegenWait} followed the run to its end. */
    static String afterWait(TaskResult result) {
        return result.errorType() == ErrorType.ABORTED ? ABORTED : result.succeeded() ? SUCCEEDED : FAILED;
    }

    /** What an interrupted record says happened. */
    static String interruptedMessage(@CheckForNull Long runId) {
        return "The build ended while the task was running (for example because the controller restarted)."
                + (runId != null ? " Agent run " + runId + " may still be working." : "");
    }
}
