package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.Sentence;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a task's outcome leaves the plugin: as the value a Pipeline step returns, as the message that
 * fails a build, and, for a failure the engine never saw (a missing credential, a bad field), as a
 * failed result like the engine's own.
 */
public final class TaskOutcomes {
    private TaskOutcomes() {
    }

    /** "Codegen task "Add login" failed: [authentication] ... What to do: ..." */
    public static String failureMessage(TaskResult result) {
        return failureMessage("task \"" + result.title() + "\"", result);
    }

    /** "Codegen agent run 5 failed: [task_failed] ... What to do: ..." for {@code what} "agent run 5". */
    public static String failureMessage(String what, TaskResult result) {
        String type = result.errorType() == null ? "unknown" : result.errorType().wireName();
        return "Codegen " + what + " failed: [" + type + "] " + Sentence.withGuidance(result.errorMessage(),
                result.guidance());
    }

    /** The result as a Pipeline gets it: plain JDK types, serializable. */
    public static Map<String, Object> toPipelineMap(TaskResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        result.toMap().forEach((key, value) -> map.put(key, value instanceof List<?> list ? new ArrayList<>(list)
                : value));
        return map;
    }

    /** A failure found before the engine sent anything: no run, no attempt, no prompt. */
    public static TaskResult failedBeforeStart(@CheckForNull String taskId, @CheckForNull String title,
                                        @CheckForNull Long runId, ErrorType type, String message, String guidance,
                                        @CheckForNull String backend) {
        return new TaskResult(taskId, title, TaskStatus.FAILED, null, null, null, null, runId, null, null, 0,
                Duration.ZERO, null, 0, 0, List.of(), null, type, message, guidance, false, 0, backend);
    }
}
