package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.bridge.PullRequest;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.SafeLinks;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import java.time.Duration;
import java.util.List;

/**
 * The {@link TaskResult} of a wait: the same shape a waiting {@code codegenTask} returns, without
 * the parts a wait has no part in (task id, title, prompt), one "attempt", and {@code backend}
 * {@value #BACKEND}.
 */
final class WaitResults {
    static final String BACKEND = "watcher";

    private WaitResults() {
    }

    static TaskResult success(AgentRun run, Duration elapsed, int reads) {
        PullRequest pr = run.firstPullRequest().orElse(null);
        return new TaskResult(null, null, TaskStatus.SUCCEEDED, pr == null ? null : link(pr.url()),
                pr == null ? null : pr.number(), pr == null ? null : pr.title(), pr == null ? null : pr.branch(),
                run.id(), link(run.webUrl()), run.status(), 1, elapsed, null, 0, 0, List.of(), null, null, null, null,
                false, reads, BACKEND);
    }

    static TaskResult failure(CodegenException error, long runId, String webUrl, String runStatus, Duration elapsed,
                              int reads) {
        return new TaskResult(null, null, TaskStatus.FAILED, null, null, null, null, runId, link(webUrl), runStatus, 1,
                elapsed, null, 0, 0, List.of(), null, error.getErrorType(), error.getMessage(), error.getGuidance(),
                error.isRetryable(), reads, BACKEND);
    }

    /** Only http(s) links leave the watcher: a {@code javascript:} URL from the API is no link. */
    static String link(String url) {
        return SafeLinks.http(url).orElse(null);
    }
}
