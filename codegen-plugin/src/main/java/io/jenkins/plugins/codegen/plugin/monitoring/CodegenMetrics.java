package io.jenkins.plugins.codegen.plugin.monitoring;

import hudson.ExtensionList;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.history.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * What the plugin's code tells monitoring (docs/monitoring.md lists the names): tasks and fixes
 * by outcome and error type, agent runs created, retries, budget refusals, time to pull request,
 * bridge start time. It names no class of the Metrics plugin, so the run code calls it whether that
 * plugin is installed or not; without it (no {@link MetricsSink}) every call does nothing. Mock-mode
 * tasks are not counted. A metrics failure never fails a task.
 */
public final class CodegenMetrics {
    private static final Logger LOGGER = Logger.getLogger(CodegenMetrics.class.getName());
    static final String TASKS = "codegen.tasks";
    static final String FIXES = "codegen.fixes";
    public static final String RUNS_CREATED = "codegen.runs.created";
    public static final String RETRIES = "codegen.retries";
    public static final String BUDGET_REFUSALS = "codegen.budget.refusals";
    public static final String TIME_TO_PULL_REQUEST = "codegen.pull-request.duration";
    public static final String BRIDGE_START = "codegen.bridge.start.duration";

    private CodegenMetrics() {
    }

    /** A task or fix ended (or its wait did): counted by kind, outcome and error type. */
    public static void ended(TaskFacts task) {
        Outcome outcome = task.outcome();
        if (task.isMock() || outcome == Outcome.UNFINISHED) {
            return;
        }
        String kind = task.isFix() ? FIXES : TASKS;
        increment(kind + "." + outcome.word());
        if (outcome == Outcome.FAILED && task.getErrorType() != null) {
            increment(kind + ".failed." + task.getErrorType());
            if (ErrorType.BUDGET.wireName().equals(task.getErrorType())) {
                increment(BUDGET_REFUSALS);
            }
        }
        if (task.getAttempts() > 1) {
            add(RETRIES, task.getAttempts() - 1L);
        }
        Duration toPullRequest = task.timeToPullRequest();
        if (toPullRequest != null) {
            time(TIME_TO_PULL_REQUEST, toPullRequest);
        }
    }

    /** A new agent run was created (not one found again or followed). */
    public static void runCreated() {
        increment(RUNS_CREATED);
    }

    /** From the start of an attempt to its bridge reporting that it runs on the agent. */
    public static void bridgeStarted(Duration elapsed) {
        time(BRIDGE_START, elapsed);
    }

    /** Every counter's name, registered at zero when the Metrics plugin starts. */
    public static List<String> counterNames() {
        List<String> names = new ArrayList<>(List.of(RUNS_CREATED, RETRIES, BUDGET_REFUSALS));
        for (String kind : List.of(TASKS, FIXES)) {
            for (Outcome outcome : List.of(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.ABORTED)) {
                names.add(kind + "." + outcome.word());
            }
            for (ErrorType type : ErrorType.values()) {
                if (type != ErrorType.ABORTED) {
                    names.add(kind + ".failed." + type.wireName());
                }
            }
        }
        return names;
    }

    public static List<String> timerNames() {
        return List.of(TIME_TO_PULL_REQUEST, BRIDGE_START);
    }

    private static void increment(String counter) {
        add(counter, 1);
    }

    private static void add(String counter, long by) {
        for (MetricsSink sink : sinks()) {
            try {
                sink.increment(counter, by);
            } catch (RuntimeException | LinkageError e) {
                LOGGER.log(Level.FINE, "Could not count " + counter, e);
            }
        }
    }

    private static void time(String timer, Duration duration) {
        for (MetricsSink sink : sinks()) {
            try {
                sink.update(timer, duration);
            } catch (RuntimeException | LinkageError e) {
                LOGGER.log(Level.FINE, "Could not time " + timer, e);
            }
        }
    }

    /** The sinks Jenkins found: none without the Metrics plugin, and none outside a running Jenkins. */
    static List<MetricsSink> sinks() {
        return Jenkins.getInstanceOrNull() == null ? List.of() : ExtensionList.lookup(MetricsSink.class);
    }
}
