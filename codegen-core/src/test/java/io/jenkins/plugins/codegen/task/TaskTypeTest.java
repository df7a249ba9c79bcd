package io.jenkins.plugins.codegen.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TaskTypeTest {

    @ParameterizedTest
    @CsvSource({
        "bug_fix, BUG_FIX", "bugfix, BUG_FIX", "bug-fix, BUG_FIX", "Bug Fix, BUG_FIX", "fix, BUG_FIX", "BUG, BUG_FIX",
        "feature, FEATURE", "Feature, FEATURE",
        "refactor, REFACTOR", "refactoring, REFACTOR", "REFACTORING, REFACTOR",
        "implementation, IMPLEMENTATION", "implement, IMPLEMENTATION", "'  Implementation ', IMPLEMENTATION"})
    void readsTheWaysPeopleWriteATaskType(String written, TaskType expected) {
        assertThat(TaskType.parse(written)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"chore", "feat", "bugs", "refactored", "fixes"})
    void readsNothingElse(String written) {
        assertThat(TaskType.parse(written)).isEmpty();
    }

    @Test
    void namesTheTypesForMessagesAsTheyAreWritten() {
        assertThat(TaskType.names()).isEqualTo("implementation, bug_fix, feature, refactor");
        assertThat(TaskType.BUG_FIX.wireName()).isEqualTo("bug_fix");
    }
}
