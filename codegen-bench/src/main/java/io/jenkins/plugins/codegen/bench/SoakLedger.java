package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the soak keeps of each task, in arrays sized before the first task runs: the heap figures
 * must show the engine's memory, not a growing list of the bench's own results. Each task writes
 * only its own slot; the slots are read after the tasks' futures were joined.
 */
final class SoakLedger {
    static final String SUCCEEDED = "succeeded";

    private final String[] taskIds;
    /** One shared string per kind of outcome, so that a slot holds a reference, not a new string. */
    private final Map<String, String> kinds = new ConcurrentHashMap<>();
    /** The first failure of each kind, so that a reader can see what happened. */
    private final Map<String, String> examples = new ConcurrentHashMap<>();
    private final String[] outcomes;
    private final long[] runIds;
    private final int[] attempts;

    /** @param taskIds every task's id, made before the first task so that they are part of the baseline */
    SoakLedger(List<String> taskIds) {
        this.taskIds = taskIds.toArray(String[]::new);
        this.outcomes = new String[this.taskIds.length];
        this.runIds = new long[this.taskIds.length];
        this.attempts = new int[this.taskIds.length];
    }

    int size() {
        return taskIds.length;
    }

    String taskId(int index) {
        return taskIds[index];
    }

    /** Records a task's end: its result, or what escaped processTask (which must never happen). */
    void record(int index, TaskResult result, Throwable escaped) {
        String outcome;
        if (escaped != null) {
            outcome = "untyped: " + escaped.getClass().getSimpleName();
        } else if (result.succeeded()) {
            outcome = SUCCEEDED;
        } else {
            outcome = result.errorType() == null ? "untyped: failed without a type"
                    : "failed: " + result.errorType().wireName();
        }
        outcomes[index] = kinds.computeIfAbsent(outcome, kind -> kind);
        if (result != null) {
            runIds[index] = result.runId() == null ? 0 : result.runId();
            attempts[index] = result.attempts();
        }
        if (!outcome.equals(SUCCEEDED)) {
            examples.computeIfAbsent(outcome, kind -> escaped != null ? String.valueOf(escaped)
                    : result.errorMessage() + " (task " + taskIds[index] + ", " + result.attempts() + " attempts)");
        }
    }

    String outcome(int index) {
        return outcomes[index];
    }

    boolean succeeded(int index) {
        return SUCCEEDED.equals(outcomes[index]);
    }

    boolean typed(int index) {
        return !outcomes[index].startsWith("untyped");
    }

    /** The agent run the task's result names, or 0. */
    long runId(int index) {
        return runIds[index];
    }

    int attempts(int index) {
        return attempts[index];
    }

    /** How many tasks from {@code from} (inclusive) to {@code to} (exclusive) ended each way. */
    Map<String, Long> count(int from, int to) {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = from; i < to; i++) {
            counts.merge(outcomes[i], 1L, Long::sum);
        }
        return counts;
    }

    Map<String, String> examples() {
        return new TreeMap<>(examples);
    }
}
