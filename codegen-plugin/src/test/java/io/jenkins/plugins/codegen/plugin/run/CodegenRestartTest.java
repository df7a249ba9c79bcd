package io.jenkins.plugins.codegen.plugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.fix.CodegenFixStepTest;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.util.concurrent.atomic.AtomicLong;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart in the middle of an agent run: the step picks its task up again and finishes
 * with the same run, which the simulated API (started by the test, so that it outlives the restart)
 * created exactly once. The build runs on the built-in node, whose workspace and processes the
 * restart of the test's controller leaves in place, as a real agent's are.
 */
class CodegenRestartTest {
    private static TestSimulator simulator;

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = new TestSimulator();
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        simulator.close();
    }

    @Test
    void aRestartedControllerFinishesTheTaskWithTheSameRunAndNoSecondCreate() throws Throwable {
        // Twenty seconds at real speed: the restart falls in the middle of the agent run.
        restartDuringTheRun("success;duration=20;id=restart", false);
    }

    @Test
    void aBridgeKilledDuringTheRestartIsReplacedByOneThatAttachesToTheSameRun() throws Throwable {
        restartDuringTheRun("success;duration=30;id=killed", true);
    }

    private void restartDuringTheRun(String scenario, boolean killTheBridge) throws Throwable {
        AtomicLong runId = new AtomicLong();
        sessions.then(r -> {
            simulator.configure(scenario);
            r.jenkins.setNumExecutors(1);
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition("node('built-in') {\n"
                    + "  def r = codegenTask(title: 'A refactoring that outlives a restart')\n"
                    + "  echo \"status=${r.status} run=${r.runId}\"\n"
                    + "}", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("[Codegen] Agent run ", b);
            Long id = CodegenTesting.onlyRecord(b).getRunId();
            assertNotNull(id, "the run is recorded as soon as it exists");
            runId.set(id);
            if (killTheBridge) {
                killBridges(r.jenkins.getWorkspaceFor(job));
            }
        });
        sessions.then(r -> {
            WorkflowJob job = r.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun b = job.getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("status=SUCCEEDED run=" + runId.get(), b);
            CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
            assertEquals("SUCCEEDED", record.getStatus());
            assertEquals(runId.get(), record.getRunId());
            assertEquals(1, simulator.createdRuns(scenario), "the simulator counted exactly one create");
            assertEquals(java.util.List.of(), CodegenTesting.leftoverBridgeFolders(r.jenkins.getWorkspaceFor(job)),
                    "the bridge's folder is removed at the end");
            r.assertLogNotContains(CodegenTesting.TOKEN, b);
            if (killTheBridge) {
                r.assertLogContains("Following agent run " + runId.get() + " with a new bridge (attach mode).", b);
            }
        });
    }

    /**
     * The task's timeout counts from the step's first start, not from its pickup: a task whose
     * one-minute timeout passed while the controller was down (and whose bridge did not live through
     * the restart) ends with the timeout at once, instead of being given a whole minute again.
     */
    @Test
    void aTaskWhoseTimeoutPassedDuringTheRestartEndsWithTheTimeoutNamingItsRun() throws Throwable {
        String scenario = "success;duration=3600;id=timeout-restart";
        AtomicLong started = new AtomicLong();
        sessions.then(r -> {
            simulator.configure(scenario);
            r.jenkins.setNumExecutors(1);
            WorkflowJob job = r.createProject(WorkflowJob.class, "t");
            job.setDefinition(new CpsFlowDefinition("node('built-in') {\n"
                    + "  codegenTask(title: 'A task with a one-minute timeout', timeout: 1)\n"
                    + "}", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            started.set(System.currentTimeMillis());
            r.waitForMessage("[Codegen] Agent run ", b);
            // The bridge does not live through this restart (its own deadline would end it otherwise).
            killBridges(r.jenkins.getWorkspaceFor(job));
            for (FilePath scripts : CodegenTesting.leftoverBridgeFolders(r.jenkins.getWorkspaceFor(job))) {
                for (FilePath bridge : scripts.listDirectories()) {
                    bridge.deleteRecursive();
                }
            }
        });
        // The controller stays down until the task's minute has passed.
        Thread.sleep(Math.max(0, started.get() + 65_000 - System.currentTimeMillis()));
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("t", WorkflowJob.class).getBuildByNumber(1);
            long resumed = System.nanoTime();
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            long seconds = (System.nanoTime() - resumed) / 1_000_000_000L;

            CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
            r.assertLogContains("[timeout] Agent run " + record.getRunId() + " did not finish within the task's "
                    + "timeout, which counts from the task's first start. What to do: Raise the timeout, or follow "
                    + "the run at " + record.getWebUrl() + "; it may still finish.", b);
            r.assertLogNotContains("with a new bridge", b);
            assertTrue(seconds < 50, "the build took " + seconds + " s to end after the restart, not at once");
            assertEquals("timeout", record.getErrorType());
            assertEquals(1, simulator.createdRuns(scenario), "one create");
            // Its time, as the build page shows it, counts from its first start too: over a minute, not the pickup's.
            assertTrue(record.getResponseTimeMs() >= 30_000, record.getView().getDurationText());
        });
    }

    /** A follow-up picked up after a restart is followed to its end and never sent again. */
    @Test
    void aRestartedControllerFinishesAFollowUpWithoutSendingItAgain() throws Throwable {
        String scenario = "success;duration=12;id=follow-up-restart";
        AtomicLong runId = new AtomicLong();
        sessions.then(r -> {
            simulator.configure(scenario);
            r.jenkins.setNumExecutors(1);
            WorkflowJob job = r.createProject(WorkflowJob.class, "f");
            job.setDefinition(new CpsFlowDefinition("node('built-in') {\n"
                    + "  def first = codegenTask(title: 'A task to follow up')\n"
                    + "  def r = codegenTask(resume: [runId: first.runId, prompt: 'Address the review'])\n"
                    + "  echo \"status=${r.status} followUpOf=${r.followUpOf}\"\n"
                    + "}", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("[Codegen] Follow-up sent to agent run ", b);
            runId.set(b.getAction(CodegenBuildAction.class).getTasks().get(0).getRunId());
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("f", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("status=SUCCEEDED followUpOf=" + runId.get(), b);
            r.assertLogContains("[Codegen] Following the task's bridge again (agent run " + runId.get() + ")", b);
            CodegenTaskRecord followUp = b.getAction(CodegenBuildAction.class).getTasks().get(1);
            assertEquals("SUCCEEDED", followUp.getStatus());
            assertEquals(runId.get(), followUp.getFollowUpOf());
            assertEquals(1, simulator.createdRuns(scenario), "one create");
            assertEquals(1, simulator.resumes(), "the follow-up was sent once, before the restart");
        });
    }

    /**
     * codegenFix is as durable as codegenTask: a restart in the middle of the fix's agent run picks
     * the same fix up again (never a second fix run), and the failed build's page links its run.
     */
    @Test
    void aRestartedControllerFinishesTheFixWithTheSameRun() throws Throwable {
        String scenario = "success;duration=20;id=fix-restart";
        AtomicLong runId = new AtomicLong();
        sessions.then(r -> {
            simulator.configure(scenario);
            r.jenkins.setNumExecutors(1);
            WorkflowJob job = r.createProject(WorkflowJob.class, "x");
            job.setDefinition(new CpsFlowDefinition("node('built-in') {\n"
                    + "  withEnv(['GIT_URL=https://github.com/acme/webapp.git', 'GIT_BRANCH=origin/main',\n"
                    + "           'GIT_COMMIT=" + CodegenFixStepTest.COMMIT + "']) {\n"
                    + "    catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {\n"
                    + "      echo 'FAILED: com.acme.SignupTest.rejectsEmptyEmail expected:<400> but was:<200>'\n"
                    + "      error 'There are test failures.'\n"
                    + "    }\n"
                    + "    def r = codegenFix()\n"
                    + "    echo \"status=${r.status} run=${r.runId} pr=${r.prUrl}\"\n"
                    + "  }\n"
                    + "}", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("[Codegen] Agent run ", b);
            Long id = CodegenTesting.onlyRecord(b).getRunId();
            assertNotNull(id, "the run is recorded as soon as it exists");
            runId.set(id);
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("x", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("status=SUCCEEDED run=" + runId.get() + " pr=http", b);
            r.assertLogNotContains("no agent run was made", b);
            CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
            assertTrue(record.isFix());
            assertEquals("SUCCEEDED", record.getStatus());
            assertEquals(runId.get(), record.getRunId());
            assertNotNull(record.getFailureSignature());
            assertEquals(1, simulator.createdRuns(scenario), "the simulator counted exactly one create");
            HtmlPage page = r.createWebClient().getPage(b);
            assertNotNull(page.getAnchorByHref(record.getWebUrl()), "the failed build's page links the fix's run");
        });
    }

    /** Kills the bridge processes of a workspace by the pids they recorded, as an agent's reboot would. */
    private static void killBridges(FilePath workspace) throws Exception {
        for (FilePath scripts : CodegenTesting.leftoverBridgeFolders(workspace)) {
            for (FilePath bridge : scripts.listDirectories()) {
                FilePath pid = bridge.child("pid");
                if (pid.exists()) {
                    ProcessHandle.of(Long.parseLong(pid.readToString().strip()))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }
}
