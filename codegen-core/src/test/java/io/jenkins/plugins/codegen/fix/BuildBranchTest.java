package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A build's branch: the pull request's source first, then the branch job's name, then the checkout's. */
class BuildBranchTest {

    @Test
    void aPullRequestBuildIsItsSourceBranchNotPr12() {
        BuildBranch branch = BuildBranch.of(null, Map.of("CHANGE_ID", "12", "CHANGE_BRANCH", "feature/login",
                "CHANGE_TARGET", "main", "BRANCH_NAME", "PR-12", "GIT_BRANCH", "PR-12"));

        assertThat(branch.branch()).isEqualTo("feature/login");
        assertThat(branch.isPullRequest()).isTrue();
        assertThat(branch.describe()).isEqualTo("pull request 12 (feature/login into main)");
    }

    @Test
    void aBranchJobIsItsBranchNameThenTheCheckoutsBranchWithoutOrigin() {
        assertThat(BuildBranch.of(null, Map.of("BRANCH_NAME", "main", "GIT_BRANCH", "origin/other")).branch())
                .isEqualTo("main");
        assertThat(BuildBranch.of(null, Map.of("GIT_BRANCH", "origin/release/1.2")).describe())
                .isEqualTo("branch release/1.2");
        assertThat(BuildBranch.of("  ", Map.of("BRANCH_NAME", " ", "GIT_BRANCH", "refs/heads/dev")).branch())
                .isEqualTo("dev");
    }

    @Test
    void theStepsOwnBranchWins() {
        assertThat(BuildBranch.of("hotfix", Map.of("CHANGE_BRANCH", "x", "BRANCH_NAME", "main")).branch())
                .isEqualTo("hotfix");
    }

    @Test
    void aBuildThatSaysNothingHasNoBranch() {
        BuildBranch branch = BuildBranch.of(null, Map.of());
        assertThat(branch.isKnown()).isFalse();
        assertThat(branch.isPullRequest()).isFalse();
        assertThat(branch.describe()).isEqualTo("an unnamed branch");
    }

    @Test
    void theCodegenBranchRuleReadsThePullRequestsSourceBranch() {
        BuildBranch pr = BuildBranch.of(null, Map.of("CHANGE_ID", "7", "CHANGE_BRANCH", "codegen/run-3",
                "BRANCH_NAME", "PR-7"));
        assertThat(FixPolicy.isCodegenBranch(FixPolicy.DEFAULT_CODEGEN_BRANCH_PREFIX, pr.branch())).isTrue();
        assertThat(FixPolicy.defaults().skipReason("webapp", pr.branch(), 0)).isPresent();
    }
}
