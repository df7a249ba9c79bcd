package io.jenkins.plugins.codegen.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityTest {

    @ParameterizedTest
    @CsvSource({"low, LOW", "Medium, MEDIUM", "HIGH, HIGH", "' critical ', CRITICAL"})
    void readsPrioritiesInAnyCase(String written, Priority expected) {
        assertThat(Priority.parse(written)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"urgent", "p1", "highest"})
    void readsNothingElse(String written) {
        assertThat(Priority.parse(written)).isEmpty();
    }

    @Test
    void namesThePrioritiesForMessages() {
        assertThat(Priority.names()).isEqualTo("low, medium, high, critical");
    }
}
