package io.jenkins.plugins.codegen.plugin.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Aborting a build while its task waits for the agent run: the build ends at once and names the remote run. */
@WithJenkins
class CodegenAbortTest {

    @Test
    void anAbortedTaskEndsTheBuildNamesTheRunAndLeavesNothingBehind(JenkinsRule r) throws Exception {
        CodegenTesting.configure();
        DumbSlave agent = CodegenTesting.agent(r);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        // An agent run that takes an hour (simulated at normal speed): only an abort ends this task.
        job.setDefinition(new CpsFlowDefinition("node('py') {\n"
                + "  codegenTask(title: 'A long refactoring', mock: true, mockScenario: 'duration=3600')\n"
                + "}", true));
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[Codegen] Agent run 1 created", b);
        assertNotNull(CodegenTesting.onlyRecord(b).getRunId(), "the run is recorded as soon as it exists");

        long stopped = System.nanoTime();
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        long seconds = (System.nanoTime() - stopped) / 1_000_000_000L;

        assertTrue(seconds < 30, "the build took " + seconds + " s to end after the abort");
        r.assertLogContains("Agent run 1 may still be working", b);
        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertEquals("ABORTED", record.getStatus());
        assertEquals(1L, record.getRunId());
        // What was known at the abort is kept: the attempt, the prompt that was sent and its size.
        assertEquals(1, record.getAttempts());
        assertNotNull(record.getPrompt(), "the prompt that was sent");
        assertTrue(record.getPromptLength() > 0, "the prompt's size");
        assertTrue(record.getView().getPromptSummary().startsWith("standard, "), record.getView().getPromptSummary());
        FilePath workspace = agent.getWorkspaceFor(job);
        assertNotNull(workspace);
        assertEquals(List.of(), CodegenTesting.leftoverBridgeFolders(workspace), "the bridge's folder is removed");
    }

    @Test
    void anAbortWhileTheCreateIsUnansweredSaysARunMayExistAndHowToFindIt(JenkinsRule r) throws Exception {
        try (TestSimulator simulator = new TestSimulator()) {
            // The create is held an hour before its answer: the abort lands while its outcome is unknown.
            simulator.configure("fault=slow;phase=create;delay=3600;id=abort-unanswered");
            CodegenTesting.agent(r);
            WorkflowJob job = r.createProject(WorkflowJob.class);
            job.setDefinition(new CpsFlowDefinition("node('py') {\n"
                    + "  codegenTask(title: 'A long refactoring', maxRetries: 0)\n"
                    + "}", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            while (simulator.faulted("slow") < 1 && b.isBuilding()) {
                Thread.sleep(100);
            }

            b.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            r.assertLogNotContains("Aborted before an agent run was created", b);
            r.assertLogContains("An agent run may have been created (its metadata carries client_request_id "
                    + "jenkins-task-", b);
            r.assertLogContains("look for it at https://codegen.com/agents before running the task again", b);
            assertEquals("ABORTED", CodegenTesting.onlyRecord(b).getStatus());
        }
    }
}
