package io.jenkins.plugins.codegen.task;

import java.util.List;
import java.util.Objects;

/**
 * What a failed build left behind, for a task that fixes it: the failed tests and the last lines
 * of the console log before the failure, already redacted by whoever gathered them. Empty for an
 * ordinary task. The lists are unmodifiable copies.
 *
 * @param failedTests one entry per failed test: its name, class, message and first stack lines
 * @param logLines the console log's last lines, oldest first
 */
public record FailureContext(List<String> failedTests, List<String> logLines) {

    private static final FailureContext NONE = new FailureContext(List.of(), List.of());

    public FailureContext {
        failedTests = List.copyOf(Objects.requireNonNullElse(failedTests, List.of()));
        logLines = List.copyOf(Objects.requireNonNullElse(logLines, List.of()));
    }

    /** No failed build: an ordinary task. */
    public static FailureContext none() {
        return NONE;
    }

    public boolean isEmpty() {
        return failedTests.isEmpty() && logLines.isEmpty();
    }
}
