package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.prompt.OptimizedPrompt;
import io.jenkins.plugins.codegen.prompt.PromptOptimizer;
import io.jenkins.plugins.codegen.prompt.PromptOptions;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task a fix sends, and the prompt it becomes. */
class FixTaskTest {
    private static final String COMMIT = "3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b";
    private static final Redactor REDACTOR = Redactor.withoutKnownSecrets();

    private static BuildFailure failure(List<String> log, List<FailedTest> tests) throws CodegenException {
        return new BuildFailure("webapp-main", "https://ci.acme.com/job/webapp-main/42/",
                CodeLocation.of("git@github.com:acme/webapp.git", "origin/main", COMMIT),
                new FailureEvidence(LogExcerpt.of(log, log.size(), LogExcerpt.DEFAULT_LINES, REDACTOR), tests), "");
    }

    private static OptimizedPrompt prompt(FixTask fix, int cap) throws CodegenException {
        TaskValidator.requireValid(fix.task(), fix.context());
        return new PromptOptimizer(PromptOptions.defaults().withLevel(OptimizationLevel.STANDARD)
                .withMaxPromptLength(cap)).optimize(fix.task(), fix.context());
    }

    private static List<String> longLog(int lines) {
        List<String> log = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            log.add("[INFO] step " + i + " of the build, with some words to make the line longer");
        }
        log.add("[ERROR] BUILD FAILURE: cannot find symbol SignupValidator");
        return log;
    }

    private static List<FailedTest> tests(int count) {
        List<FailedTest> tests = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            tests.add(FailedTest.of("com.acme.SignupTest", "case" + i, false, "expected: <400> but was: <201>",
                    "org.opentest4j.AssertionFailedError\n\tat com.acme.SignupTest.case" + i + "(SignupTest.java:4"
                            + i + ")", REDACTOR));
        }
        return tests;
    }

    @Test
    void aFixFromALogNamesTheJobTheCommitAndWhereTheCodeIsAndShowsTheLog() throws CodegenException {
        FixTask fix = FixTask.of(failure(longLog(3), List.of()));

        String text = prompt(fix, 8000).text();

        assertThat(fix.task().title()).isEqualTo("Fix the failing build of webapp-main at 3f2a9c0");
        assertThat(fix.context().codebase().repository()).isEqualTo("acme/webapp");
        assertThat(fix.context().codebase().branch()).isEqualTo("main");
        assertThat(text).startsWith("# Fix the failing build of webapp-main at 3f2a9c0\n")
                .contains("https://ci.acme.com/job/webapp-main/42/", "commit " + COMMIT, "Repository: acme/webapp",
                        "Branch: main", "Do not disable, skip or delete failing tests")
                .contains("## Console log before the failure\n```\n[INFO] step 1 of the build")
                .contains("[ERROR] BUILD FAILURE: cannot find symbol SignupValidator\n```\n")
                .doesNotContain("## Failed tests");
    }

    /**
     * A multibranch pull-request build is job PR-12 with BRANCH_NAME PR-12: the fix names the pull
     * request's own branch, where its pull request goes, and the branch the pull request merges into.
     */
    @Test
    void aPullRequestBuildNamesItsSourceBranchAndItsTarget() throws CodegenException {
        BuildFailure failure = new BuildFailure("webapp/PR-12", "https://ci.acme.com/job/webapp/job/PR-12/3/",
                CodeLocation.of("acme/webapp", "feature/signup", COMMIT).withTargetBranch("origin/main"),
                new FailureEvidence(LogExcerpt.of(longLog(2), 3, LogExcerpt.DEFAULT_LINES, REDACTOR), List.of()), "");
        FixTask fix = FixTask.of(failure);

        String text = prompt(fix, 8000).text();

        assertThat(fix.context().codebase().branch()).isEqualTo("feature/signup");
        assertThat(text).contains("failed on acme/webapp branch feature/signup, in a pull request into main, at "
                        + "commit " + COMMIT + ".", "open a pull request against feature/signup.", "Branch: feature/signup")
                .doesNotContain("against main");
    }

    @Test
    void aFixFromJUnitResultsListsEachFailedTestWithItsMessageAndStack() throws CodegenException {
        FixTask fix = FixTask.of(failure(List.of(), tests(2)));

        String text = prompt(fix, 8000).text();

        assertThat(text).contains("2 tests failed; they are listed below.")
                .contains("## Failed tests\n- com.acme.SignupTest.case1 (failed): expected: <400> but was: <201>\n"
                        + "    org.opentest4j.AssertionFailedError\n"
                        + "    at com.acme.SignupTest.case1(SignupTest.java:41)\n"
                        + "- com.acme.SignupTest.case2 (failed)")
                .doesNotContain("## Console log");
    }

    @Test
    void theCapShedsTheLogBeforeTheFailedTests() throws CodegenException {
        FixTask fix = FixTask.of(failure(longLog(150), tests(3)));
        OptimizedPrompt full = prompt(fix, 100_000);

        int withoutLog = prompt(FixTask.of(failure(List.of(), tests(3))), 100_000).finalLength();
        OptimizedPrompt cut = prompt(fix, 4000);
        OptimizedPrompt noLog = prompt(fix, withoutLog + 100);
        OptimizedPrompt tight = prompt(fix, withoutLog - 100);

        assertThat(full.shed()).isEmpty();
        assertThat(cut.finalLength()).isLessThanOrEqualTo(4000);
        assertThat(cut.shed()).singleElement().asString().matches("console log \\(kept the last \\d+ of 151 lines\\)");
        assertThat(cut.text()).contains("earlier lines omitted", "[ERROR] BUILD FAILURE: cannot find symbol")
                .doesNotContain("step 1 of the build")
                .contains("com.acme.SignupTest.case1", "com.acme.SignupTest.case3");
        assertThat(noLog.shed()).containsExactly("console log");
        assertThat(noLog.text()).doesNotContain("## Console log")
                .contains("com.acme.SignupTest.case1", "com.acme.SignupTest.case3");
        assertThat(tight.finalLength()).isLessThanOrEqualTo(withoutLog - 100);
        assertThat(tight.shed()).containsExactly("console log", "failed tests (kept 2 of 3)");
        assertThat(tight.text()).contains("com.acme.SignupTest.case1", "- … +1 more");
    }

    @Test
    void aFailureWithoutLogOrTestsGivesTheAgentNothingAndIsRefused() throws CodegenException {
        BuildFailure empty = failure(List.of("", "  "), List.of());

        CodegenException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> FixTask.of(empty), CodegenException.class);

        assertThat(refused.getMessage()).contains("nothing to tell the agent what went wrong");
    }
}
