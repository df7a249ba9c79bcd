package io.jenkins.plugins.codegen.plugin.autofix;

import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.awaitAgentRun;
import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.awaitAutomaticFixes;
import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.failingFreestyle;
import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.failingPipeline;
import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.pageNotes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleBuild;
import hudson.model.Result;
import hudson.model.Run;
import hudson.scm.NullSCM;
import hudson.scm.SCMDescriptor;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.scope.CodegenFolderProperty;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONObject;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Automatic fixes, switched on in the global configuration: a failed build with no fix step gets a
 * fix after it ended, on the controller, with its pull request on the failed build's page; once per
 * failure; not on other branches; not when the build asked for its own fix; and no more at once
 * than the queue allows. One simulated API for all builds of a test, which counts the agent runs.
 */
@WithJenkins
class AutoFixTest {
    private JenkinsRule r;
    private TestSimulator simulator;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.jenkins.setNumExecutors(1);
        simulator = new TestSimulator();
    }

    @AfterEach
    void tearDown() throws Exception {
        simulator.close();
    }

    private void automaticFixesOn(String scenario) throws Exception {
        simulator.configure(scenario);
        CodegenGlobalConfiguration.get().setAutoFix(true);
    }

    @Test
    void aFailedFreestyleBuildGetsAnAutomaticFixWhosePullRequestIsOnItsPage() throws Exception {
        automaticFixesOn("success;id=freestyle");

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, failingFreestyle(r, "webapp", "main"));
        awaitAutomaticFixes(b);

        CodegenTaskRecord fix = CodegenTesting.onlyRecord(b);
        assertTrue(fix.isAutomatic());
        assertTrue(fix.isFix());
        assertEquals("SUCCEEDED", fix.getStatus());
        assertTrue(fix.getPrUrl().startsWith("https://github.com/acme/webapp/pull/"), fix.getPrUrl());
        assertTrue(fix.getPrompt().contains(AutoFixTesting.FAILED_TEST), "the console's last lines are the evidence");
        assertTrue(fix.getPrompt().contains(AutoFixTesting.COMMIT), fix.getPrompt());
        assertEquals(Result.FAILURE, b.getResult(), "a fix never makes the build's result better");

        HtmlPage page = r.createWebClient().getPage(b);
        assertNotNull(page.getAnchorByHref(fix.getPrUrl()), "the failed build's page links the fix's pull request");
        assertTrue(page.asNormalizedText().contains("Automatic fix of the failure of this build"),
                page.asNormalizedText());
        String fixLog = Files.readString(new File(b.getRootDir(), AutomaticFix.LOG_FILE).toPath(),
                StandardCharsets.UTF_8);
        assertTrue(fixLog.contains("[Codegen] Automatic fix of webapp#1. Automatic fixes are on for this job in the "
                + "global configuration."), fixLog);
        assertFalse(fixLog.contains(CodegenTesting.TOKEN));
        r.assertLogNotContains("[Codegen]", b);

        JSONObject history = r.getJSON(b.getParent().getUrl() + "codegen-history/api/json?tree=tasks[build,kind]")
                .getJSONObject();
        JSONObject row = history.getJSONArray("tasks").getJSONObject(0);
        assertEquals(1, row.getInt("build"));
        assertEquals("automatic", row.getString("kind"), "the job's history calls it an automatic fix");
    }

    @Test
    void aFailedPipelineWithNoFixStepGetsOneAgentRunPerFailure() throws Exception {
        automaticFixesOn("success;id=pipeline");
        WorkflowJob job = failingPipeline(r, "service", "main", AutoFixTesting.COMMIT, "");

        WorkflowRun first = r.buildAndAssertStatus(Result.FAILURE, job);
        awaitAutomaticFixes(first);
        WorkflowRun second = r.buildAndAssertStatus(Result.FAILURE, job);
        awaitAutomaticFixes(second);

        CodegenTaskRecord firstFix = CodegenTesting.onlyRecord(first);
        CodegenTaskRecord secondFix = CodegenTesting.onlyRecord(second);
        assertTrue(firstFix.isAutomatic());
        assertEquals("SUCCEEDED", firstFix.getStatus());
        assertFalse(firstFix.isFoundEarlierRun());
        assertTrue(secondFix.isFoundEarlierRun(), "the same failure again follows the first fix's run");
        assertEquals(firstFix.getRunId(), secondFix.getRunId());
        assertEquals(firstFix.getPrUrl(), secondFix.getPrUrl());
        assertEquals(1, simulator.createdRuns("success;id=pipeline"), "one agent run for one failure");
    }

    /**
     * A Pipeline's checkout returns GIT_URL, GIT_BRANCH and GIT_COMMIT to the script, not into the
     * build's environment: the automatic fix finds them all the same, noted at the checkout.
     */
    @Test
    void aPipelineThatChecksOutItsCodeGetsAnAutomaticFixOfThatCode() throws Exception {
        automaticFixesOn("success;id=checkout");
        WorkflowJob job = r.createProject(WorkflowJob.class, "checked-out");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def git = checkout([$class: 'CheckedOutScm'])
                  echo "checked out ${git.GIT_COMMIT}"
                  catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {
                    echo '%s'
                    error 'There are test failures.'
                  }
                }
                """.formatted(AutoFixTesting.FAILED_TEST), true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);
        awaitAutomaticFixes(b);

        r.assertLogContains("checked out " + AutoFixTesting.COMMIT, b);
        CodegenTaskRecord fix = CodegenTesting.onlyRecord(b);
        assertEquals("SUCCEEDED", fix.getStatus());
        assertTrue(fix.getPrompt().contains("failed on acme/webapp branch main at commit " + AutoFixTesting.COMMIT),
                fix.getPrompt());
        assertTrue(fix.getPrUrl().startsWith("https://github.com/acme/webapp/pull/"), fix.getPrUrl());
    }

    /** A checkout that leaves nothing in the workspace and tells what a Git checkout of acme/webapp would. */
    public static final class CheckedOutScm extends NullSCM {
        @DataBoundConstructor
        public CheckedOutScm() {
            // Nothing to configure.
        }

        @Override
        public void buildEnvironment(Run<?, ?> build, Map<String, String> env) {
            env.put("GIT_URL", "https://github.com/acme/webapp.git");
            env.put("GIT_BRANCH", "origin/main");
            env.put("GIT_COMMIT", AutoFixTesting.COMMIT);
        }

        @TestExtension
        public static final class DescriptorImpl extends SCMDescriptor<CheckedOutScm> {
            public DescriptorImpl() {
                super(null);
            }
        }
    }

    @Test
    void aFailureOnAnotherBranchGetsNoAutomaticFixAndItsPageSaysWhy() throws Exception {
        automaticFixesOn("success;id=branch");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE,
                failingPipeline(r, "feature", "feature/login", AutoFixTesting.COMMIT, ""));
        awaitAutomaticFixes(b);

        assertNull(b.getAction(CodegenBuildAction.class), "nothing was sent");
        String why = "Codegen automatic fix skipped: branch feature/login is not one of the branches automatic fixes "
                + "run on (main, master).";
        assertEquals(List.of(why), pageNotes(b));
        assertTrue(r.createWebClient().getPage(b).asNormalizedText().contains(why));
        assertEquals(0, simulator.createdRuns("success;id=branch"));
    }

    @Test
    void aBuildThatRanCodegenFixGetsNoAutomaticFix() throws Exception {
        automaticFixesOn("success;id=own-fix");
        r.jenkins.setLabelString(CodegenTesting.AGENT_LABEL);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, failingPipeline(r, "own", "main",
                AutoFixTesting.COMMIT, "node('py') { codegenFix() }"));
        awaitAutomaticFixes(b);

        CodegenTaskRecord fix = CodegenTesting.onlyRecord(b);
        assertTrue(fix.isFix());
        assertFalse(fix.isAutomatic(), "the build's own codegenFix is its only fix");
        assertEquals(1, simulator.createdRuns("success;id=own-fix"));
    }

    @Test
    void automaticFixesAreOffUntilSwitchedOn() throws Exception {
        simulator.configure("success;id=off");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE,
                failingPipeline(r, "off", "main", AutoFixTesting.COMMIT, ""));
        awaitAutomaticFixes(b);

        assertNull(b.getAction(CodegenBuildAction.class));
        assertEquals(List.of(), pageNotes(b));
    }

    /**
     * The switch is taken from the job's own {@code codegenJob} property, then its folders, then the
     * global configuration: a folder turns automatic fixes on for its jobs, a Pipeline off for itself.
     */
    @Test
    void aFolderSwitchesAutomaticFixesOnAndAPipelineSwitchesItselfOff() throws Exception {
        simulator.configure("success;id=folder");
        Folder team = r.jenkins.createProject(Folder.class, "team-a");
        CodegenFolderProperty settings = new CodegenFolderProperty();
        settings.setAutoFix(true);
        team.addProperty(settings);

        WorkflowRun on = r.buildAndAssertStatus(Result.FAILURE, failingPipeline(team, "on", "main", ""));
        WorkflowRun off = r.buildAndAssertStatus(Result.FAILURE,
                failingPipeline(team, "off", "main", "properties([codegenJob(autoFix: false)])"));
        awaitAutomaticFixes(on);
        awaitAutomaticFixes(off);

        assertTrue(CodegenTesting.onlyRecord(on).isAutomatic());
        assertNull(off.getAction(CodegenBuildAction.class), "the job's own property wins over its folder's");
        assertEquals(List.of(), pageNotes(off));
        assertEquals(1, simulator.createdRuns("success;id=folder"));
    }

    /** The bridge of an automatic fix runs on the controller: without Python there, the failed build's page says so. */
    @Test
    void aControllerWithoutPythonSaysSoOnTheFailedBuildsPage() throws Exception {
        automaticFixesOn("success;id=no-python");
        CodegenGlobalConfiguration.get().setPythonPath("/nonexistent/python3");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE,
                failingPipeline(r, "no-python", "main", AutoFixTesting.COMMIT, ""));
        awaitAutomaticFixes(b);

        assertEquals("python", CodegenTesting.onlyRecord(b).getErrorType());
        String why = "Codegen automatic fix: the Jenkins controller has no usable Python ('/nonexistent/python3'). "
                + "Automatic fixes run their bridge on the controller, not on a build agent; install Python 3.8 or "
                + "newer there, or set the Python path in Manage Jenkins » System » Codegen to an interpreter the "
                + "controller has.";
        assertEquals(List.of(why), pageNotes(b));
        assertTrue(r.createWebClient().getPage(b).asNormalizedText().contains(why));
        assertEquals(0, simulator.createdRuns("success;id=no-python"));
    }

    /** One fix at a time and none waiting: a failure while a fix runs is refused, and its page says so. */
    @Test
    void aFailureTheQueueHasNoRoomForIsRefusedOnItsPage() throws Exception {
        String scenario = "success;duration=10;id=bound";
        automaticFixesOn(scenario);
        CodegenGlobalConfiguration.get().setAutoFixMaxRunning(1);
        CodegenGlobalConfiguration.get().setAutoFixMaxWaiting(0);

        WorkflowRun first = r.buildAndAssertStatus(Result.FAILURE,
                failingPipeline(r, "first", "main", AutoFixTesting.COMMIT, ""));
        awaitAgentRun(first);
        WorkflowRun second = r.buildAndAssertStatus(Result.FAILURE,
                failingPipeline(r, "second", "main", AutoFixTesting.COMMIT, ""));
        awaitAutomaticFixes(second);

        assertEquals(List.of("Codegen automatic fix of second#1 not queued: 1 fix is running and 0 waiting, the most "
                + "the settings allow (1 running, 0 waiting). This build gets no automatic fix."), pageNotes(second));
        assertNull(second.getAction(CodegenBuildAction.class));
        assertEquals("SUCCEEDED", CodegenTesting.onlyRecord(first).getStatus());
        assertEquals(1, simulator.createdRuns(scenario));
    }
}
