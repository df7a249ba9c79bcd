package io.jenkins.plugins.codegen.plugin.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A Pipeline {@code retry} around {@code codegenTask}: an attempt after one whose create had an
 * unknown outcome (the run was made, its answer lost) follows that run instead of making a second;
 * different tasks in the same {@code retry} still get a run each.
 */
@WithJenkins
class CodegenRetryTest {
    private JenkinsRule r;
    private TestSimulator simulator;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        simulator = new TestSimulator();
        CodegenTesting.agent(r);
    }

    @AfterEach
    void tearDown() throws Exception {
        simulator.close();
    }

    private WorkflowJob pipeline(String body) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('py') {\n" + body + "\n}", true));
        return job;
    }

    @Test
    void aRetryAfterAnUnknownCreateOutcomeFollowsTheRunTheFirstAttemptMade() throws Exception {
        // The first create makes its run, and the connection drops before its answer: the outcome is unknown.
        String scenario = "fault=drop_after;phase=create;times=1;id=retry-unknown";
        simulator.configure(scenario);
        WorkflowJob job = pipeline("""
                  retry(2) {
                    def r = codegenTask(title: 'Add rate limiting', maxRetries: 0)
                    echo "status=${r.status} run=${r.runId}"
                  }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("status=SUCCEEDED run=1", b);
        assertEquals(1, simulator.createdRuns(scenario), "the simulator counted exactly one create");
        List<CodegenTaskRecord> attempts = b.getAction(CodegenBuildAction.class).getTasks();
        assertEquals(List.of("FAILED", "SUCCEEDED"), attempts.stream().map(CodegenTaskRecord::getStatus).toList());
        assertEquals(1L, attempts.get(1).getRunId());
    }

    @Test
    void differentTasksAndParallelBranchesInOneRetryEachGetARunOfTheirOwn() throws Exception {
        String scenario = "success;polls=2;id=retry-distinct";
        simulator.configure(scenario);
        WorkflowJob job = pipeline("""
                  retry(2) {
                    codegenTask(title: 'Add rate limiting')
                    codegenTask(title: 'Add input validation')
                    parallel a: { codegenTask(title: 'Add caching') }, b: { codegenTask(title: 'Add caching') }
                  }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(job);

        assertEquals(4, simulator.createdRuns(scenario), "four tasks, four runs");
        assertEquals(4, b.getAction(CodegenBuildAction.class).getTasks().stream()
                .map(CodegenTaskRecord::getRunId).distinct().count());
    }
}
