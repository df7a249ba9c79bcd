package io.jenkins.plugins.codegen.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.FieldError;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptOptionsTest {

    @Test
    void defaultsToStandardLevel8000CharactersAndExamples() {
        assertThat(PromptOptions.defaults())
                .isEqualTo(new PromptOptions(OptimizationLevel.STANDARD, 8_000, true));
    }

    @Test
    void changesOneOptionAtATime() {
        PromptOptions options = PromptOptions.defaults().withLevel(OptimizationLevel.MINIMAL)
                .withMaxPromptLength(1_000).withIncludeExamples(false);

        assertThat(options).isEqualTo(new PromptOptions(OptimizationLevel.MINIMAL, 1_000, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 8_000, 100_000})
    void acceptsCapsFrom200To100000(int cap) {
        assertThat(PromptOptions.defaults().withMaxPromptLength(cap).validate()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 199, 100_001, Integer.MAX_VALUE})
    void refusesOtherCaps(int cap) {
        assertThat(PromptOptions.defaults().withMaxPromptLength(cap).validate()).singleElement()
                .isEqualTo(new FieldError("maxPromptLength",
                        "is " + String.format(Locale.ROOT, "%,d", cap) + "; it must be from 200 to 100,000 characters",
                        "Set it within that range; 8,000 suits most tasks."));
    }
}
