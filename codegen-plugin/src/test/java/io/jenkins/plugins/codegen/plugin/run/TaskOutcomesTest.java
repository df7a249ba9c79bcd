package io.jenkins.plugins.codegen.plugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.codegen.error.ErrorType;
import org.junit.jupiter.api.Test;

/** The line a failed task ends with reads as sentences, whoever wrote its message. */
class TaskOutcomesTest {
    @Test
    void aMessageWithoutItsFullStopGetsOneBeforeWhatToDo() {
        String line = TaskOutcomes.failureMessage(TaskOutcomes.failedBeforeStart("", "Refactor billing", 5L,
                ErrorType.TIMEOUT, "agent run 5 did not finish within 30m (last status ACTIVE)",
                "Raise the timeout, or follow the run at https://codegen.com/agent/trace/5; it may still finish.",
                null));

        assertEquals("Codegen task \"Refactor billing\" failed: [timeout] agent run 5 did not finish within 30m "
                + "(last status ACTIVE). What to do: Raise the timeout, or follow the run at "
                + "https://codegen.com/agent/trace/5; it may still finish.", line);
    }
}
