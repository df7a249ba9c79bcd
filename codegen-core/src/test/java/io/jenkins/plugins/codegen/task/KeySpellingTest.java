package io.jenkins.plugins.codegen.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeySpellingTest {
    private static final List<String> KNOWN = List.of("id", "type", "title", "requirements", "acceptanceCriteria",
            "complexityScore", "codebase_context");

    @ParameterizedTest
    @CsvSource({
        "requirments, requirements",
        "Requirements2, requirements",
        "acceptanceCritera, acceptanceCriteria",
        "acceptance_critera, acceptance_criteria",
        "complexity_scor, complexity_score",
        "titel, title",
        "codebaseContxt, codebaseContext",
        "codebase_contxt, codebase_context"})
    void suggestsTheClosestKnownKeyInTheUsersStyle(String unknown, String suggestion) {
        assertThat(KeySpelling.suggest(unknown, KNOWN)).contains(suggestion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"assignee", "created_at", "x", "ty", "labels"})
    void suggestsNothingWhenNoKnownKeyIsClose(String unknown) {
        assertThat(KeySpelling.suggest(unknown, KNOWN)).isEmpty();
    }

    @Test
    void treatsCamelSnakeAndKebabCaseAsTheSameKey() {
        assertThat(KeySpelling.normalize("acceptanceCriteria"))
                .isEqualTo(KeySpelling.normalize("acceptance_criteria"))
                .isEqualTo(KeySpelling.normalize("Acceptance-Criteria"));
    }
}
