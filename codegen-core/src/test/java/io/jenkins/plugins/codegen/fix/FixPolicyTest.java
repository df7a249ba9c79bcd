package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guardrails: no fix of a fix, and at most so many fix runs per job and day. */
class FixPolicyTest {
    private final FixPolicy defaults = FixPolicy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"codegen/run-12", "origin/codegen/run-12", "codegen-fix-signup", "codegen_x", "codegen"})
    void aBranchCodegenMadeIsSkippedWithAReason(String branch) {
        assertThat(defaults.skipReason("webapp", branch, 0)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("Codegen fix skipped: branch ").contains("was made by Codegen (prefix 'codegen')")
                .doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "feature/codegen", "codegenerator", "fix/codegen-1"})
    void otherBranchesAreFixed(String branch) {
        assertThat(defaults.skipReason("webapp", branch, 0)).isEmpty();
    }

    @Test
    void thePrefixIsConfigurableAndEmptyMeansEveryBranch() {
        assertThat(new FixPolicy("bot/", 3).skipReason("webapp", "bot/fix-1", 0)).isPresent();
        assertThat(new FixPolicy("bot/", 3).skipReason("webapp", "codegen/run-1", 0)).isEmpty();
        assertThat(new FixPolicy("", 3).skipReason("webapp", "codegen/run-1", 0)).isEmpty();
    }

    @Test
    void theDailyCapCountsTheRunsTheCallerReports() {
        assertThat(defaults.skipReason("webapp", "main", 2)).isEmpty();
        assertThat(defaults.skipReason("webapp", "main", 3)).contains(
                "Codegen fix skipped: job webapp has had 3 fix runs today, and maxFixesPerDay is 3.");
        assertThat(new FixPolicy("codegen", 1).skipReason("webapp", "main", 1)).contains(
                "Codegen fix skipped: job webapp has had 1 fix run today, and maxFixesPerDay is 1.");
        assertThat(new FixPolicy("codegen", 0).skipReason("webapp", "main", 0)).contains(
                "Codegen fix skipped: fixes are off (maxFixesPerDay is 0).");
    }
}
