package io.jenkins.plugins.codegen.autofix;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.fix.BuildBranch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Automatic fixes run on the named branches only, never on Codegen's own, and on pull requests only when allowed. */
class AutoFixBranchesTest {
    private final AutoFixBranches defaults = AutoFixBranches.defaults();

    private static BuildBranch build(Map<String, String> environment) {
        return BuildBranch.of(null, environment);
    }

    @Test
    void theDefaultBranchesAreFixed() {
        assertThat(defaults.skipReason(build(Map.of("BRANCH_NAME", "main")))).isEmpty();
        assertThat(defaults.skipReason(build(Map.of("GIT_BRANCH", "origin/master")))).isEmpty();
    }

    @Test
    void anotherBranchIsSkippedWithAReason() {
        assertThat(defaults.skipReason(build(Map.of("BRANCH_NAME", "feature/login")))).contains(
                "Codegen automatic fix skipped: branch feature/login is not one of the branches automatic fixes run on "
                        + "(main, master).");
    }

    @Test
    void aBuildThatNamesNoBranchIsSkipped() {
        assertThat(defaults.skipReason(build(Map.of()))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("the build does not say which branch it built (no CHANGE_BRANCH, BRANCH_NAME or GIT_BRANCH)"));
    }

    @Test
    void codegensOwnBranchesAreNeverFixedEvenWhenNamed() {
        AutoFixBranches everything = new AutoFixBranches(List.of("**"), true, "codegen");
        assertThat(everything.skipReason(build(Map.of("BRANCH_NAME", "codegen/run-12")))).contains(
                "Codegen automatic fix skipped: branch codegen/run-12 was made by Codegen (prefix 'codegen'), and a fix "
                        + "is never asked for a fix.");
        assertThat(everything.skipReason(build(Map.of("CHANGE_ID", "12", "CHANGE_BRANCH", "codegen/run-12",
                "CHANGE_TARGET", "main", "BRANCH_NAME", "PR-12")))).contains("Codegen automatic fix skipped: pull "
                + "request 12 (codegen/run-12 into main) comes from a branch made by Codegen (prefix 'codegen'), and a "
                + "fix is never asked for a fix.");
    }

    @Test
    void pullRequestsAreNotFixedUnlessSwitchedOn() {
        Map<String, String> pr = Map.of("CHANGE_ID", "12", "CHANGE_BRANCH", "feature/login", "CHANGE_TARGET", "main",
                "BRANCH_NAME", "PR-12");
        assertThat(defaults.skipReason(build(pr))).contains("Codegen automatic fix skipped: pull request 12 "
                + "(feature/login into main) is a pull-request build, and automatic fixes of pull requests are off.");

        AutoFixBranches withPullRequests = new AutoFixBranches(List.of(), true, "codegen");
        assertThat(withPullRequests.skipReason(build(pr))).isEmpty();
        assertThat(withPullRequests.skipReason(build(Map.of("CHANGE_ID", "13", "CHANGE_BRANCH", "x",
                "CHANGE_TARGET", "develop")))).contains("Codegen automatic fix skipped: pull request 13 (x into develop) "
                + "does not merge into the branches automatic fixes run on (main, master).");
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "release/*, release/1.2, true",
        "release/*, release/1.2/hotfix, false",
        "release/**, release/1.2/hotfix, true",
        "v?.x, v2.x, true",
        "v?.x, v22.x, false",
        "main, Main, false",
        "a.b, axb, false",
        "**, any/thing, true",
    })
    void globsMatchBranchNames(String pattern, String branch, boolean matches) {
        assertThat(BranchPattern.of(pattern).matches(branch)).isEqualTo(matches);
    }

    @Test
    void theSettingIsAListWrittenWithCommasSpacesOrLines() {
        assertThat(AutoFixBranches.parse("main, release/*\n develop")).containsExactly("main", "release/*", "develop");
        assertThat(AutoFixBranches.parse("  ")).containsExactly("main", "master");
        assertThat(new AutoFixBranches(List.of(" ", ""), false, null).patterns()).containsExactly("main", "master");
    }
}
