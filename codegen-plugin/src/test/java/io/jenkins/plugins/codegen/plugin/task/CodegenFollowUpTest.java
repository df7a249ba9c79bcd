package io.jenkins.plugins.codegen.plugin.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenFollowUp;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.record.RecordStatus;
import java.util.List;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code codegenTask(resume: [runId: ..., prompt: ...])} and the freestyle step's follow-up fields:
 * the follow-up continues an existing agent run and is followed like a task.
 */
@WithJenkins
class CodegenFollowUpTest {
    private JenkinsRule r;
    private TestSimulator simulator;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
        CodegenTesting.agent(r);
    }

    @AfterEach
    void stopSimulator() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }

    /**
     * End to end against one simulated API that outlives both steps (in mock mode each step's simulator
     * is gone when the step ends, with the runs it knew): the second step continues the first one's run.
     */
    @Test
    void aFollowUpContinuesTheRunOfAnEarlierTask() throws Exception {
        simulator = new TestSimulator();
        String spec = "success;duration=4;id=" + UUID.randomUUID().toString().substring(0, 8);
        simulator.configure(spec);

        WorkflowRun b = run("""
                node('py') {
                  def first = codegenTask(title: 'Add rate limiting', repository: 'acme/webapp')
                  def next = codegenTask(resume: [runId: first.runId, prompt: 'Address the review: use a sliding window'])
                  echo "first=${first.runId} followUpOf=${next.followUpOf} run=${next.runId} status=${next.status}"
                  echo "title=${next.title} pr=${next.prUrl}"
                }
                """, Result.SUCCESS);

        assertEquals(1, simulator.createdRuns(spec), "the follow-up creates no run");
        assertEquals(1, simulator.resumes(), "the follow-up is sent once");
        List<CodegenTaskRecord> records = b.getAction(CodegenBuildAction.class).getTasks();
        assertEquals(2, records.size());
        long runId = records.get(0).getRunId();
        r.assertLogContains("first=" + runId + " followUpOf=" + runId + " run=" + runId + " status=SUCCEEDED", b);
        r.assertLogContains("title=Follow-up of agent run " + runId + " pr=https://github.com/acme/webapp/pull/", b);
        r.assertLogContains("[Codegen] Follow-up of agent run " + runId + ": ", b);

        CodegenTaskRecord followUp = records.get(1);
        assertEquals(RecordStatus.SUCCEEDED, followUp.getStatus());
        assertEquals("Follow-up of agent run " + runId, followUp.getTitle());
        assertEquals(runId, followUp.getFollowUpOf());
        assertNull(records.get(0).getFollowUpOf());
        assertNotNull(followUp.getView().getSafePrUrl());
        assertFalse(followUp.getAgentLog().getEntries().isEmpty(), "the follow-up's live log is kept");
        String detail = r.createWebClient().goTo(b.getUrl() + "codegen/").asNormalizedText().replace('\u00a0', ' ');
        assertTrue(detail.contains("Follow-up of agent run " + runId), detail);
        r.assertLogNotContains(CodegenTesting.TOKEN, b);
    }

    /** In mock mode too: the step's simulator first makes the run the follow-up continues. */
    @Test
    void aFollowUpInMockMode() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  def first = codegenTask(title: 'Add rate limiting', repository: 'acme/webapp', mock: true)
                  def next = codegenTask(mock: true, resume: [runId: first.runId, prompt: 'Address the review'])
                  echo "first=${first.runId} followUpOf=${next.followUpOf} status=${next.status} pr=${next.prUrl}"
                  echo "entries=${next.agentLogEntries}"
                }
                """, Result.SUCCESS);

        CodegenTaskRecord followUp = b.getAction(CodegenBuildAction.class).getTasks().get(1);
        long runId = b.getAction(CodegenBuildAction.class).getTasks().get(0).getRunId();
        r.assertLogContains("first=" + runId + " followUpOf=" + runId + " status=SUCCEEDED pr=https://github.com/", b);
        assertEquals(runId, followUp.getFollowUpOf());
        assertEquals("Follow-up of agent run " + runId, followUp.getTitle());
        assertTrue(followUp.isMock());
        r.assertLogContains("entries=" + followUp.getAgentLog().getEntries().size(), b);
        assertFalse(followUp.getAgentLog().getEntries().isEmpty());
    }

    @Test
    void aBadFollowUpNamesTheFieldAndSendsNothing() throws Exception {
        WorkflowRun b = run("node('py') { codegenTask(mock: true, resume: [runId: 5, prompt: '  ']) }",
                Result.FAILURE);
        r.assertLogContains("codegenTask parameter resume.prompt: is empty", b);
        r.assertLogNotContains("resume.runId", b);
        assertEquals(RecordStatus.FAILED, CodegenTesting.onlyRecord(b).getStatus());
        assertEquals("validation", CodegenTesting.onlyRecord(b).getErrorType());

        WorkflowRun both = run("node('py') { codegenTask(mock: true, taskFile: 'task.json', "
                + "resume: [runId: 0, prompt: 'Address the review']) }", Result.FAILURE);
        r.assertLogContains("codegenTask parameter taskFile: cannot be given with resume", both);
        r.assertLogContains("codegenTask parameter resume.runId: must be a positive number", both);
        r.assertLogNotContains("Follow-up of agent run", both);
    }

    @Test
    void theFreestyleFollowUpFieldsSurviveAConfigurationRoundTrip() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        CodegenBuilder step = new CodegenBuilder(null);
        step.setResume(new CodegenFollowUp(123, "Address the review: rename the helper"));
        step.setMock(true);
        project.getBuildersList().add(step);

        r.configRoundtrip(project);

        CodegenBuilder after = project.getBuildersList().get(CodegenBuilder.class);
        assertNotNull(after.getResume(), "the follow-up block stays checked");
        assertEquals(123, after.getResume().getRunId());
        assertEquals("Address the review: rename the helper", after.getResume().getPrompt());
        assertNull(after.getTitle());

        CodegenBuilder task = new CodegenBuilder("A task, no follow-up");
        project.getBuildersList().replace(task);
        r.configRoundtrip(project);
        assertNull(project.getBuildersList().get(CodegenBuilder.class).getResume(), "an unchecked block is no follow-up");
    }
}
