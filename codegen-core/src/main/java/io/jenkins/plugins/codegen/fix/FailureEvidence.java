package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.task.FailureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a failed build offers a fix to go on, redacted and ready to leave the machine: the console
 * log's last lines and the failed tests.
 *
 * @param log the log excerpt; may be empty when the tests say enough
 * @param failedTests every failed test, sorted by name; may be empty (a compile error, a failed deploy)
 */
public record FailureEvidence(LogExcerpt log, List<FailedTest> failedTests) {
    /** The prompt lists this many tests at most; a mass failure shows its pattern well before. */
    public static final int MAX_TESTS_SHOWN = 50;

    public FailureEvidence {
        Objects.requireNonNull(log, "log");
        failedTests = List.copyOf(failedTests);
    }

    public boolean isEmpty() {
        return log.isEmpty() && failedTests.isEmpty();
    }

    /** The evidence as the prompt shows it. */
    public FailureContext toFailureContext() {
        List<String> tests = new ArrayList<>();
        failedTests.stream().limit(MAX_TESTS_SHOWN).map(FailedTest::describe).forEach(tests::add);
        if (failedTests.size() > MAX_TESTS_SHOWN) {
            tests.add("… and " + (failedTests.size() - MAX_TESTS_SHOWN) + " more failed tests");
        }
        List<String> logLines = new ArrayList<>(log.lines());
        if (log.totalLines() > log.lines().size() && !logLines.isEmpty()) {
            // The agent should know that the log goes on above, and how far.
            logLines.add(0, "[… " + (log.totalLines() - log.lines().size()) + " earlier lines of the log not sent …]");
        }
        return new FailureContext(tests, logLines);
    }
}
