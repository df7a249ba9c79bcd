package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The block {@code codegen run} prints when a task ends: a label per line, so that a person finds
 * the pull request at a glance and a script can still {@code grep '^Pull request:'}.
 */
final class ResultSummary {
    private static final String INDENT = " ".repeat(14);

    private final TaskResult result;
    private final List<String> lines = new ArrayList<>();

    private ResultSummary(TaskResult result) {
        this.result = result;
    }

    static List<String> of(TaskResult result) {
        return new ResultSummary(result).build();
    }

    private List<String> build() {
        if (result.succeeded()) {
            add("Status:", "SUCCEEDED");
            pullRequest();
        } else if (result.active()) {
            add("Status:", "ACTIVE (not waited for)");
            add("Run id:", String.valueOf(result.runId()));
            add("Next:", "codegen wait " + result.runId() + notWaitedFor());
        } else {
            add("Status:", "FAILED (" + result.errorType().wireName() + ")");
            add("Error:", result.errorMessage());
            add("What to do:", result.guidance());
        }
        agentRun();
        if (result.followUp()) {
            add("Follow-up of:", "agent run " + result.followUpOf());
        }
        // A validation failure sent nothing: attempts and requests would only suggest otherwise.
        if (result.errorType() != ErrorType.VALIDATION) {
            add("Attempts:", Integer.toString(result.attempts()));
            add("API requests:", Integer.toString(result.apiRequests()));
        }
        add("Time:", String.format(Locale.ROOT, "%.1f s", result.responseTime().toMillis() / 1000.0));
        prompt();
        return lines;
    }

    /** A simulated run lives in this command's simulator only. */
    private String notWaitedFor() {
        return result.backend() != null && result.backend().startsWith("mock")
                ? " would follow it, but this run was simulated (mock mode) and ended with this command"
                : " follows it to its end";
    }

    private void pullRequest() {
        if (result.prUrl() == null) {
            add("Pull request:", "none; the agent run completed without opening one");
            return;
        }
        String number = result.prNumber() == null ? "" : "#" + result.prNumber() + " ";
        add("Pull request:", number + (result.prTitle() == null ? "" : result.prTitle()));
        lines.add(INDENT + result.prUrl());
        if (result.branch() != null) {
            add("Branch:", result.branch());
        }
    }

    private void agentRun() {
        if (result.runId() == null) {
            return;
        }
        String status = result.runStatus() == null ? "" : " (" + result.runStatus() + ")";
        String where = result.webUrl() != null ? " " + result.webUrl()
                : result.backend() != null && result.backend().startsWith("mock") ? ", simulated (mock mode)" : "";
        add("Agent run:", result.runId() + status + where);
    }

    private void prompt() {
        if (result.promptLevel() != null) {
            add("Prompt:", promptSizes(result.promptLevel(), result.promptLength(), result.originalPromptLength(),
                    result.shed()));
        }
    }

    /** "standard, 2,345 characters (full prompt 2,345; shed: nothing)": also what {@code codegen prompt} says. */
    static String promptSizes(String level, int length, int originalLength, List<String> shed) {
        return String.format(Locale.ROOT, "%s, %,d characters (full prompt %,d; shed: %s)", level, length,
                originalLength, shed.isEmpty() ? "nothing" : String.join(", ", shed));
    }

    /** A labelled value; the lines of a multi-line value (a list of invalid fields) stay aligned. */
    private void add(String label, String value) {
        String aligned = value.replace(System.lineSeparator(), "\n").replace("\n", "\n" + INDENT);
        lines.add(String.format(Locale.ROOT, "%-14s%s", label, aligned));
    }
}
