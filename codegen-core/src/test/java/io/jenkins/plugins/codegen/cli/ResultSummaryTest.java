package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes of the summary that the mock scenarios do not reach. */
class ResultSummaryTest {

    @Test
    void aShortenedPromptSaysFromWhatAndWhatWasShed() {
        TaskResult result = new TaskResult("t-1", "Fix it", TaskStatus.SUCCEEDED, "https://github.com/a/b/pull/9", 9,
                "Fix it", "codegen/run-5", 5L, "https://codegen.com/agent/trace/5", "COMPLETE", 2,
                Duration.ofMillis(12_345), "comprehensive", 12_000, 7_990, List.of("examples", "related tasks"),
                "prompt", null, null, null, false, 7, "rest");

        assertThat(ResultSummary.of(result)).containsExactly(
                "Status:       SUCCEEDED",
                "Pull request: #9 Fix it",
                "              https://github.com/a/b/pull/9",
                "Branch:       codegen/run-5",
                "Agent run:    5 (COMPLETE) https://codegen.com/agent/trace/5",
                "Attempts:     2",
                "API requests: 7",
                "Time:         12.3 s",
                "Prompt:       comprehensive, 7,990 characters (full prompt 12,000; shed: examples, related tasks)");
    }

    @Test
    void aValidationFailureKeepsItsListAlignedAndClaimsNoRequests() {
        TaskResult result = new TaskResult("", "", TaskStatus.FAILED, null, null, null, null, null, null, null, 1,
                Duration.ofMillis(3), null, 0, 0, List.of(), null, ErrorType.VALIDATION,
                "Invalid input:\n  - title: is empty. Give the task a title.\n  - priority: is 'asap'. Use high.",
                "Correct the fields listed above.", false, 0, "rest");

        assertThat(ResultSummary.of(result)).containsExactly(
                "Status:       FAILED (validation)",
                "Error:        Invalid input:\n"
                        + "                - title: is empty. Give the task a title.\n"
                        + "                - priority: is 'asap'. Use high.",
                "What to do:   Correct the fields listed above.",
                "Time:         0.0 s");
    }
}
