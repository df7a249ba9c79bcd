package io.jenkins.plugins.codegen.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A message before "What to do" ends with its full stop, whoever wrote it. */
class SentenceTest {
    @Test
    void aFragmentGetsItsFullStopBeforeWhatToDo() {
        assertThat(Sentence.withGuidance("agent run 5 did not finish within 30m (last status ACTIVE)",
                "Raise the timeout.")).isEqualTo("agent run 5 did not finish within 30m (last status ACTIVE). "
                        + "What to do: Raise the timeout.");
    }

    @Test
    void aSentenceKeepsItsOwnEnd() {
        assertThat(Sentence.ended("No token is set.")).isEqualTo("No token is set.");
        assertThat(Sentence.ended("Is it set?")).isEqualTo("Is it set?");
        assertThat(Sentence.ended("it may still be working: https://codegen.com/runs/5 "))
                .isEqualTo("it may still be working: https://codegen.com/runs/5.");
        assertThat(Sentence.ended(null)).isEmpty();
    }

    @Test
    void anExceptionDescribesItselfInSentences() {
        CodegenException e = CodegenException.builder(ErrorType.TIMEOUT,
                "agent run 5 did not finish within 30m (last status ACTIVE)").guidance("Raise the timeout.").build();

        assertThat(e.describe()).isEqualTo("[timeout] agent run 5 did not finish within 30m (last status ACTIVE). "
                + "What to do: Raise the timeout.");
    }
}
