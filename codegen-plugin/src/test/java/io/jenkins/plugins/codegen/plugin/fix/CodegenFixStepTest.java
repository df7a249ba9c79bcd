package io.jenkins.plugins.codegen.plugin.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenFixSkips;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The codegenFix step in Pipelines that fail, in mock mode: the fix's pull request on the failed
 * build's page, the evidence it sends, and its guardrails. Most tests run on the built-in node
 * (given executors and the agents' label); one runs the same on an agent.
 */
@WithJenkins
public class CodegenFixStepTest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    public static final String COMMIT = "3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b";
    /** Shaped like an access key nobody declared as a secret: it must not leave Jenkins. */
    static final String UNDECLARED_KEY = "AKIAx7Qz9LmN2pR4tV6wY8bC1dE3fG5hJ7kM";

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
    }

    /** The step on the built-in node, for where agents cannot be started. */
    static void builtInNodeRunsTheBuilds(JenkinsRule r) throws Exception {
        r.jenkins.setNumExecutors(1);
        r.jenkins.setLabelString(CodegenTesting.AGENT_LABEL);
    }

    /** A Scripted Pipeline that fails its tests, then asks for a fix with these step arguments. */
    static String failingPipeline(String fixArguments, String commit) {
        return """
                node('py') {
                  withEnv(['GIT_URL=https://github.com/acme/webapp.git', 'GIT_BRANCH=origin/main',
                           'GIT_COMMIT=%s']) {
                    catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {
                      echo 'Tests run: 12, Failures: 1'
                      echo 'FAILED: com.acme.SignupTest.rejectsEmptyEmail expected:<400> but was:<200>'
                      echo 'Uploading with key %s'
                      error 'There are test failures.'
                    }
                    def r = codegenFix(%s)
                    echo "fix=${r.fix} skipped=${r.skipped} status=${r.status} pr=${r.prUrl}"
                    echo "signature=${r.failureSignature} earlier=${r.foundEarlierRun} run=${r.runId}"
                  }
                }
                """.formatted(commit, UNDECLARED_KEY, fixArguments);
    }

    private WorkflowRun build(WorkflowJob job, Result expected) throws Exception {
        return r.buildAndAssertStatus(expected, job);
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    @Test
    void aFailedScriptedPipelineGetsAFixWhosePullRequestIsOnTheFailedBuildsPage() throws Exception {
        builtInNodeRunsTheBuilds(r);
        WorkflowJob job = job(failingPipeline("mock: true", COMMIT));

        WorkflowRun b = build(job, Result.FAILURE);

        r.assertLogContains("fix=true skipped=false status=SUCCEEDED pr=https://github.com/acme/webapp/pull/", b);
        r.assertLogContains("signature=log:", b);
        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertTrue(record.isFix());
        assertEquals("Fix the failing build of " + job.getFullName() + " at 3f2a9c0", record.getTitle());
        assertTrue(record.getPrUrl().startsWith("https://github.com/acme/webapp/pull/"), record.getPrUrl());
        assertNotNull(record.getFailureSignature());

        String prompt = record.getPrompt();
        assertTrue(prompt.contains("FAILED: com.acme.SignupTest.rejectsEmptyEmail"), prompt);
        assertTrue(prompt.contains(COMMIT), "the agent is told the full commit");
        assertTrue(prompt.contains("[redacted]"), prompt);
        assertFalse(prompt.contains(UNDECLARED_KEY), "a secret-looking string in the log is redacted");

        HtmlPage page = r.createWebClient().getPage(b);
        assertNotNull(page.getAnchorByHref(record.getPrUrl()), "the failed build's page links the fix's pull request");
        assertTrue(page.asNormalizedText().contains("Fix of the failure of this build"), page.asNormalizedText());
    }

    @Test
    void aFailedScriptedPipelineOnAnAgentGetsAFix() throws Exception {
        CodegenTesting.agent(r);

        WorkflowRun b = build(job(failingPipeline("mock: true", COMMIT)), Result.FAILURE);

        r.assertLogContains("fix=true skipped=false status=SUCCEEDED pr=https://github.com/acme/webapp/pull/", b);
        assertTrue(CodegenTesting.onlyRecord(b).isFix());
    }

    /** The form the issue asks for; Declarative Pipeline is not available everywhere the tests run. */
    @Test
    void declarativePostFailure() throws Exception {
        builtInNodeRunsTheBuilds(r);
        WorkflowJob job = job("""
                pipeline {
                  agent { label 'py' }
                  stages {
                    stage('Test') {
                      steps {
                        echo 'FAILED: com.acme.SignupTest.rejectsEmptyEmail'
                        error 'There are test failures.'
                      }
                    }
                  }
                  post {
                    failure {
                      codegenFix(mock: true, repository: 'acme/webapp', branch: 'main', commit: '%s')
                    }
                  }
                }
                """.formatted(COMMIT));

        WorkflowRun b = build(job, Result.FAILURE);

        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertTrue(record.isFix());
        assertTrue(record.getPrUrl().startsWith("https://github.com/acme/webapp/pull/"), record.getPrUrl());
    }

    @Test
    void aBranchCodegenMadeGetsNoFixAndTheLogSaysWhy() throws Exception {
        builtInNodeRunsTheBuilds(r);

        WorkflowRun b = build(job(failingPipeline("mock: true, branch: 'codegen/run-7'", COMMIT)), Result.FAILURE);

        r.assertLogContains("[Codegen] Codegen fix skipped: branch codegen/run-7 was made by Codegen (prefix "
                + "'codegen'), and a fix is never asked for a fix.", b);
        r.assertLogContains("fix=true skipped=true status=SKIPPED pr=null", b);
        assertNull(b.getAction(CodegenBuildAction.class), "nothing was recorded, nothing sent");
        assertOnThePage(b, "Codegen fix skipped: branch codegen/run-7 was made by Codegen (prefix 'codegen'), and a "
                + "fix is never asked for a fix.");
    }

    /** The failed build's page says why it got no fix, as its console does. */
    private void assertOnThePage(WorkflowRun b, String text) throws Exception {
        String page = r.createWebClient().getPage(b).asNormalizedText();
        assertTrue(page.contains(text), page);
    }

    /**
     * A multibranch pull-request build of a branch Codegen made: BRANCH_NAME (and the checkout's
     * GIT_BRANCH) are PR-12, the pull request's own branch is CHANGE_BRANCH. No fix.
     */
    @Test
    void aPullRequestFromABranchCodegenMadeGetsNoFix() throws Exception {
        builtInNodeRunsTheBuilds(r);

        WorkflowRun b = build(job(pullRequest("codegen/run-7", "mock: true")), Result.FAILURE);

        r.assertLogContains("[Codegen] Codegen fix skipped: branch codegen/run-7 was made by Codegen", b);
        r.assertLogContains("fix=true skipped=true status=SKIPPED", b);
        assertNull(b.getAction(CodegenBuildAction.class), "nothing was recorded, nothing sent");
        assertOnThePage(b, "Codegen fix skipped: branch codegen/run-7 was made by Codegen");
    }

    /**
     * A branch job of a multibranch project names its branch in BRANCH_NAME, which is what it built,
     * even when another checkout of the build left a GIT_BRANCH of its own.
     */
    @Test
    void aBranchJobsBranchNameWinsOverTheGitBranchOfAnotherCheckout() throws Exception {
        builtInNodeRunsTheBuilds(r);

        WorkflowRun b = build(job("""
                node('py') {
                  withEnv(['BRANCH_NAME=codegen/run-7', 'GIT_URL=https://github.com/acme/tools.git',
                           'GIT_BRANCH=origin/main', 'GIT_COMMIT=%s']) {
                    catchError(buildResult: 'FAILURE') { error 'There are test failures.' }
                    def r = codegenFix(mock: true)
                    echo "skipped=${r.skipped}"
                  }
                }
                """.formatted(COMMIT)), Result.FAILURE);

        r.assertLogContains("[Codegen] Codegen fix skipped: branch codegen/run-7 was made by Codegen", b);
        r.assertLogContains("skipped=true", b);
    }

    /** The fix of a pull-request build names the pull request's branch and the branch it merges into, not PR-12. */
    @Test
    void aPullRequestsFixNamesItsBranchAndItsTarget() throws Exception {
        builtInNodeRunsTheBuilds(r);

        WorkflowRun b = build(job(pullRequest("feature/signup", "mock: true")), Result.FAILURE);

        String prompt = CodegenTesting.onlyRecord(b).getPrompt();
        assertTrue(prompt.contains("branch feature/signup, in a pull request into main, at commit " + COMMIT), prompt);
        assertTrue(prompt.contains("open a pull request against feature/signup."), prompt);
        assertFalse(prompt.contains("PR-12"), prompt);
    }

    /** A pull request's build as a multibranch project runs it, failing, then asking for a fix. */
    private static String pullRequest(String branch, String fixArguments) {
        return """
                node('py') {
                  withEnv(['BRANCH_NAME=PR-12', 'CHANGE_ID=12', 'CHANGE_BRANCH=%s', 'CHANGE_TARGET=main',
                           'GIT_URL=https://github.com/acme/webapp.git', 'GIT_BRANCH=PR-12', 'GIT_COMMIT=%s']) {
                    catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {
                      echo 'FAILED: com.acme.SignupTest.rejectsEmptyEmail'
                      error 'There are test failures.'
                    }
                    def r = codegenFix(%s)
                    echo "fix=${r.fix} skipped=${r.skipped} status=${r.status}"
                  }
                }
                """.formatted(branch, COMMIT, fixArguments);
    }

    @Test
    void theDailyCapCountsTheJobsFixRunsAndZeroTurnsFixesOff() throws Exception {
        builtInNodeRunsTheBuilds(r);
        CodegenGlobalConfiguration.get().setMaxFixesPerDay(1);
        WorkflowJob job = job(failingPipeline("mock: true", COMMIT));
        build(job, Result.FAILURE);
        job.setDefinition(new CpsFlowDefinition(failingPipeline("mock: true",
                "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c"), true));

        WorkflowRun second = build(job, Result.FAILURE);

        r.assertLogContains("Codegen fix skipped: job " + job.getFullName() + " has had 1 fix run today, and "
                + "maxFixesPerDay is 1.", second);
        assertNull(second.getAction(CodegenBuildAction.class));
        assertOnThePage(second, "Codegen fix skipped: job " + job.getFullName() + " has had 1 fix run today, and "
                + "maxFixesPerDay is 1.");
        assertEquals(List.of("Codegen fix skipped: job " + job.getFullName() + " has had 1 fix run today, and "
                + "maxFixesPerDay is 1."), second.getAction(CodegenFixSkips.class).getReasons(), "and in its REST API");

        CodegenGlobalConfiguration.get().setMaxFixesPerDay(0);
        WorkflowRun off = build(job(failingPipeline("mock: true", COMMIT)), Result.FAILURE);
        r.assertLogContains("Codegen fix skipped: fixes are off (maxFixesPerDay is 0).", off);
    }

    @Test
    void withoutACommitTheFixSaysWhereToGiveIt() throws Exception {
        builtInNodeRunsTheBuilds(r);

        WorkflowRun b = build(job("""
                node('py') {
                  catchError(buildResult: 'FAILURE') { error 'Compilation failed' }
                  def r = codegenFix(mock: true, repository: 'acme/webapp', failOnError: false)
                  echo "status=${r.status} type=${r.errorType}"
                }
                """), Result.FAILURE);

        r.assertLogContains("codegenFix parameter commit (or GIT_COMMIT): is not given", b);
        r.assertLogContains("status=FAILED type=validation", b);
        assertTrue(CodegenTesting.onlyRecord(b).isFix());
    }

    /**
     * What the Snippet Generator writes reads back as the same step (its HTML form is the freestyle
     * action's, whose round trip CodegenFixPublisherTest checks).
     */
    @Test
    void everyOptionSurvivesThePipelineSyntaxRoundTrip() throws Exception {
        CodegenFixStep step = new CodegenFixStep();
        step.setLogLines(120);
        step.setRepository("https://github.com/acme/webapp.git");
        step.setBranch("main");
        step.setCommit(COMMIT);
        step.setForce(true);
        step.setCodegenBranchPrefix("bot/");
        step.setOrgId(42L);
        step.setOptimizationLevel("minimal");
        step.setMaxRetries(2);
        step.setTimeout(20);
        step.setMock(true);
        step.setMockScenario("success");
        step.setBackend("rest");

        DescribableModel<CodegenFixStep> model = DescribableModel.of(CodegenFixStep.class);
        r.assertEqualDataBoundBeans(step, model.instantiate(model.uninstantiate2(step).getArguments()));
        assertEquals(Map.of(), model.uninstantiate2(new CodegenFixStep()).getArguments(), "codegenFix() needs nothing");
    }

    @Test
    void theGlobalFixOptionsAreCheckedAndSaved() {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        assertEquals(3, global.getMaxFixesPerDay());
        assertEquals("codegen", global.getCodegenBranchPrefix());
        assertEquals(FormValidation.Kind.ERROR, global.doCheckMaxFixesPerDay("-1").kind);
        assertEquals(FormValidation.Kind.WARNING, global.doCheckMaxFixesPerDay("0").kind);
        assertEquals(FormValidation.Kind.OK, global.doCheckMaxFixesPerDay("5").kind);
        assertEquals(FormValidation.Kind.ERROR, global.doCheckCodegenBranchPrefix("bot branch").kind);

        global.setMaxFixesPerDay(5);
        global.setCodegenBranchPrefix("bot/");
        global.load();
        assertEquals(5, global.getMaxFixesPerDay());
        assertEquals("bot/", global.getCodegenBranchPrefix());
    }

    @Test
    void theStepNeedsANode() throws Exception {
        WorkflowRun b = build(job("codegenFix(mock: true)"), Result.FAILURE);

        r.assertLogContains("Perhaps you forgot to surround the codegenFix step with a step that provides this", b);
    }
}
