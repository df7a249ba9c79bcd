package io.jenkins.plugins.codegen.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which scopes a job's runs count in; a multibranch project is the job of all its branches. */
class BudgetScopesTest {

    @Test
    void aJobCountsInTheGlobalScopeEachFolderOutermostFirstAndItself() {
        assertThat(BudgetScopes.chain("team-a/sub/webapp", false)).containsExactly(BudgetScope.global(),
                BudgetScope.folder("team-a"), BudgetScope.folder("team-a/sub"), BudgetScope.job("team-a/sub/webapp"));
        assertThat(BudgetScopes.chain("webapp", false)).containsExactly(BudgetScope.global(), BudgetScope.job("webapp"));
    }

    @Test
    void theBranchJobsOfAMultibranchProjectCountAsTheProject() {
        assertThat(BudgetScopes.jobScope("team-a/webapp/PR-12", true)).isEqualTo(BudgetScope.multibranch("team-a/webapp"));
        assertThat(BudgetScopes.jobScope("team-a/webapp/feature%2Flogin", true).key()).isEqualTo("team-a/webapp");
        assertThat(BudgetScopes.chain("org/webapp/main", true)).containsExactly(BudgetScope.global(),
                BudgetScope.folder("org"), BudgetScope.multibranch("org/webapp"));
        assertThat(BudgetScopes.jobScope("team-a/webapp/main", true).describe())
                .isEqualTo("multibranch project team-a/webapp (all its branches and pull requests together)");
    }

    @Test
    void aBranchJobWithoutAParentIsAMistakeOfTheCaller() {
        assertThatThrownBy(() -> BudgetScopes.jobScope("main", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scopesAreNamedAsAdministratorsKnowThem() {
        assertThat(BudgetScope.global().describe()).isEqualTo("the global budget");
        assertThat(BudgetScope.folder("/team-a/sub/").describe()).isEqualTo("folder team-a/sub");
        assertThat(BudgetScope.job("team-a/webapp").describe()).isEqualTo("job team-a/webapp");
    }

    @Test
    void limitsAreCheckedAndDescribed() {
        assertThat(new BudgetLimits(10, 100).describe()).isEqualTo("10 agent runs per hour and 100 per day");
        assertThat(new BudgetLimits(null, 1).describe()).isEqualTo("1 agent run per day");
        assertThat(new BudgetLimits(0, 5).describe()).isEqualTo("no agent runs (a limit of 0)");
        assertThat(BudgetLimits.unlimited().describe()).isEqualTo("no limit");
        assertThatThrownBy(() -> new BudgetLimits(-1, null)).hasMessageContaining("give a number from 0 to 10000");
        assertThatThrownBy(() -> new BudgetLimits(null, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
