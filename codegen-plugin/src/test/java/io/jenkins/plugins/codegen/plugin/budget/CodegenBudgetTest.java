package io.jenkins.plugins.codegen.plugin.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.queue.QueueTaskFuture;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.task.CodegenBuilder;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Budgets that hold: checked before an agent run is created, for tasks, fixes and follow-ups; exact
 * when many builds race for the last units; a refused task creates nothing and says which scope is
 * used up; a {@code retry} that follows its earlier attempt's run takes no second unit.
 */
@WithJenkins
class CodegenBudgetTest {
    private static final String COMMIT = "3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b";

    private JenkinsRule r;
    private TestSimulator simulator;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
        r.jenkins.setLabelString(CodegenTesting.AGENT_LABEL);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static WorkflowJob pipeline(Folder folder, String body) throws Exception {
        WorkflowJob job = folder.createProject(WorkflowJob.class, "pipeline");
        job.setDefinition(new CpsFlowDefinition("node('py') {\n" + body + "\n}", true));
        return job;
    }

    private static List<CodegenTaskRecord> records(hudson.model.Run<?, ?> build) {
        CodegenBuildAction action = build.getAction(CodegenBuildAction.class);
        return action == null ? List.of() : action.getTasks();
    }

    @Test
    void fiftyBuildsRacingForAFolderBudgetOfTenStartExactlyTenRuns() throws Exception {
        r.jenkins.setNumExecutors(50);
        Folder folder = BudgetTesting.folder(r, "team-a");
        BudgetTesting.limit("team-a", 10, null);
        List<FreeStyleProject> jobs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            jobs.add(BudgetTesting.mockJob(folder, "webapp-" + i));
        }

        List<QueueTaskFuture<FreeStyleBuild>> started = new ArrayList<>();
        for (FreeStyleProject job : jobs) {
            started.add(job.scheduleBuild2(0));
        }
        List<FreeStyleBuild> builds = new ArrayList<>();
        for (QueueTaskFuture<FreeStyleBuild> future : started) {
            builds.add(future.get());
        }

        int runs = 0;
        int refused = 0;
        for (FreeStyleBuild build : builds) {
            CodegenTaskRecord record = records(build).get(0);
            if (record.getRunId() != null) {
                runs++;
                assertEquals(Result.SUCCESS, build.getResult(), build.getLog());
            } else {
                refused++;
                assertEquals(Result.FAILURE, build.getResult());
                String log = build.getLog();
                assertTrue(log.contains("[budget] Codegen budget used up: folder team-a allows 10 agent runs per hour, "
                        + "and 10 were started in the last hour; the next one fits at "), log);
                assertTrue(log.contains("No agent run was created."), log);
                assertTrue(!log.contains("Agent run 1 created"), log);
            }
        }
        assertEquals(10, runs, "exactly ten agent runs were created");
        assertEquals(40, refused);
        JSONObject team = BudgetTesting.scope(r, "team-a");
        assertEquals(10, team.getInt("usedLastHour"));
        assertEquals(0, team.getInt("leftHour"));
        assertEquals(10, BudgetTesting.scope(r, "").getInt("usedLastHour"));
    }

    @Test
    void aBudgetOfZeroRunsNothingAndSaysSo() throws Exception {
        Folder folder = BudgetTesting.folder(r, "team-b");
        BudgetTesting.limit("team-b", 0, null);
        FreeStyleProject job = BudgetTesting.mockJob(folder, "webapp");

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("[budget] Codegen budget: folder team-b allows no agent runs (its limit per hour is 0), "
                + "so nothing runs there until an administrator raises that limit. No agent run was created.", b);
        assertNull(records(b).get(0).getRunId());
        assertNull(BudgetTesting.scope(r, "team-b"), "nothing was counted");
    }

    @Test
    void aRunThatWasNeverCreatedIsGivenBack() throws Exception {
        Folder folder = BudgetTesting.folder(r, "team-q");
        BudgetTesting.limit("team-q", 1, null);
        FreeStyleProject refusedByCodegen = BudgetTesting.mockJob(folder, "over-quota");
        ((CodegenBuilder) refusedByCodegen.getBuildersList().get(0)).setMockScenario("quota_402");

        FreeStyleBuild refused = r.buildAndAssertStatus(Result.FAILURE, refusedByCodegen);

        r.assertLogContains("[quota]", refused);
        assertNull(BudgetTesting.scope(r, "team-q"), "the unit was given back");
        r.buildAndAssertSuccess(BudgetTesting.mockJob(folder, "webapp"));
    }

    @Test
    void withFailOnErrorFalseTheStepReturnsTheBudgetFailure() throws Exception {
        Folder folder = BudgetTesting.folder(r, "team-c");
        WorkflowJob job = pipeline(folder, """
                def r = codegenTask(title: 'Add rate limiting', mock: true, failOnError: false)
                echo "status=${r.status} type=${r.errorType} run=${r.runId} retryable=${r.retryable}"
                echo "message=${r.errorMessage}"
                """);
        BudgetTesting.limit("team-c/pipeline", 0, null);

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("status=FAILED type=budget run=null retryable=false", b);
        r.assertLogContains("message=Codegen budget: job team-c/pipeline allows no agent runs", b);
    }

    @Test
    void aFixTakesAUnitAndTheNextFixOfTheDayIsRefused() throws Exception {
        Folder folder = BudgetTesting.folder(r, "team-d");
        WorkflowJob job = folder.createProject(WorkflowJob.class, "pipeline");
        BudgetTesting.limit("team-d/pipeline", null, 1);
        job.setDefinition(new CpsFlowDefinition("""
                node('py') {
                  withEnv(['GIT_URL=https://github.com/acme/webapp.git', 'GIT_BRANCH=origin/main',
                           "GIT_COMMIT=${currentBuild.number}%s"]) {
                    catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {
                      error "Build ${currentBuild.number} failed."
                    }
                    def r = codegenFix(mock: true, failOnError: false)
                    echo "status=${r.status} type=${r.errorType} run=${r.runId}"
                  }
                }
                """.formatted(COMMIT.substring(1)), true));

        WorkflowRun first = r.buildAndAssertStatus(Result.FAILURE, job);
        WorkflowRun second = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("status=SUCCEEDED type=null run=", first);
        r.assertLogContains("status=FAILED type=budget run=null", second);
        r.assertLogContains("Codegen budget used up: job team-d/pipeline allows 1 agent run per day, and 1 was "
                + "started in the last 24 hours", second);
        assertEquals(1, BudgetTesting.scope(r, "team-d/pipeline").getInt("usedLastDay"));
    }

    @Test
    void aFollowUpIsCountedAsARun() throws Exception {
        simulator = new TestSimulator();
        String scenario = "success;id=budget-follow-up";
        simulator.configure(scenario);
        Folder folder = BudgetTesting.folder(r, "team-e");
        BudgetTesting.limit("team-e", 2, null);

        WorkflowRun b = r.buildAndAssertSuccess(pipeline(folder, """
                def first = codegenTask(title: 'Add rate limiting')
                def next = codegenTask(resume: [runId: first.runId, prompt: 'Use a sliding window'])
                def third = codegenTask(resume: [runId: first.runId, prompt: 'And a test'], failOnError: false)
                echo "next=${next.status} third=${third.status} type=${third.errorType}"
                """));

        r.assertLogContains("next=SUCCEEDED third=FAILED type=budget", b);
        r.assertLogContains("folder team-e allows 2 agent runs per hour, and 2 were started in the last hour", b);
        assertEquals(1, simulator.createdRuns(scenario));
        assertEquals(1, simulator.resumes(), "the refused follow-up was not sent");
        assertEquals(2, BudgetTesting.scope(r, "team-e").getInt("usedLastHour"));
    }

    @Test
    void aRetryThatFollowsItsEarlierAttemptsRunTakesNoSecondUnit() throws Exception {
        simulator = new TestSimulator();
        // The first create makes its run and the connection drops before its answer: the retry finds that run.
        String scenario = "fault=drop_after;phase=create;times=1;id=budget-retry";
        simulator.configure(scenario);
        Folder folder = BudgetTesting.folder(r, "team-f");
        WorkflowJob job = pipeline(folder, """
                retry(2) {
                  def r = codegenTask(title: 'Add rate limiting', maxRetries: 0)
                  echo "status=${r.status} run=${r.runId}"
                }
                """);
        BudgetTesting.limit("team-f/pipeline", 1, null);

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("status=SUCCEEDED run=1", b);
        assertEquals(1, simulator.createdRuns(scenario));
        assertEquals(List.of("FAILED", "SUCCEEDED"), records(b).stream().map(CodegenTaskRecord::getStatus).toList());
        assertEquals(1, BudgetTesting.scope(r, "team-f/pipeline").getInt("usedLastHour"));
    }

    @Test
    void deletingAFolderForgetsItsCountsAndTheGlobalScopeKeepsThem() throws Exception {
        Folder folder = BudgetTesting.folder(r, "team-g");
        r.buildAndAssertSuccess(BudgetTesting.mockJob(folder, "webapp"));
        assertEquals(1, BudgetTesting.scope(r, "team-g").getInt("usedLastHour"));
        assertNotNull(BudgetTesting.scope(r, "team-g/webapp"));

        folder.delete();

        assertNull(BudgetTesting.scope(r, "team-g"));
        assertNull(BudgetTesting.scope(r, "team-g/webapp"));
        assertEquals(1, BudgetTesting.scope(r, "").getInt("usedLastHour"), "the run did happen");
        // A new folder of the same name starts with its whole budget.
        Folder again = BudgetTesting.folder(r, "team-g");
        BudgetTesting.limit("team-g", 1, null);
        r.buildAndAssertSuccess(BudgetTesting.mockJob(again, "webapp"));
    }

    @Test
    void renamingAFolderTakesItsCountsAlong() throws Exception {
        Folder folder = BudgetTesting.folder(r, "team-h");
        BudgetTesting.limit("team-h", 1, null);
        r.buildAndAssertSuccess(BudgetTesting.mockJob(folder, "webapp"));

        folder.renameTo("team-x");

        assertNull(BudgetTesting.scope(r, "team-h"));
        assertEquals(1, BudgetTesting.scope(r, "team-x/webapp").getInt("usedLastHour"));
        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, (FreeStyleProject) folder.getItem("webapp"));
        r.assertLogContains("Codegen budget used up: folder team-x allows 1 agent run per hour", b);
    }
}
