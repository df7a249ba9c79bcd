package io.jenkins.plugins.codegen.plugin.autofix;

import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.awaitAgentRun;
import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.failingPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.util.concurrent.atomic.AtomicLong;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart while one automatic fix runs and another waits for its slot: after the
 * restart the running one is picked up with its tag and finishes with the agent run it had made, the
 * waiting one starts, and the simulated API (started by the test, so that it outlives the restart)
 * counts exactly one agent run for each.
 */
class AutoFixRestartTest {
    private static TestSimulator simulator;

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
    void aRestartWhileAFixRunsAndAnotherWaitsStartsEachExactlyOnce() throws Throwable {
        // Twenty seconds at real speed: the restart falls in the middle of the first agent run.
        String scenario = "success;duration=20;id=autofix-restart";
        AtomicLong runningRun = new AtomicLong();
        sessions.then(r -> {
            simulator.configure(scenario);
            CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
            global.setAutoFix(true);
            global.setAutoFixMaxRunning(1);
            global.save();
            WorkflowJob running = failingPipeline(r, "running", "main", AutoFixTesting.COMMIT, "");
            WorkflowJob waiting = failingPipeline(r, "waiting", "main", AutoFixTesting.COMMIT, "");

            WorkflowRun first = r.buildAndAssertStatus(Result.FAILURE, running);
            runningRun.set(awaitAgentRun(first).getRunId());
            WorkflowRun second = r.buildAndAssertStatus(Result.FAILURE, waiting);
            awaitConsidered(second);
            assertNull(second.getAction(CodegenBuildAction.class), "it waits for the running fix's slot");
        });
        sessions.then(r -> {
            AutoFixTesting.awaitEmptyQueue();
            WorkflowRun first = r.jenkins.getItemByFullName("running", WorkflowJob.class).getBuildByNumber(1);
            WorkflowRun second = r.jenkins.getItemByFullName("waiting", WorkflowJob.class).getBuildByNumber(1);

            CodegenTaskRecord resumed = CodegenTesting.onlyRecord(first);
            assertTrue(resumed.isAutomatic());
            assertEquals("SUCCEEDED", resumed.getStatus());
            assertEquals(runningRun.get(), resumed.getRunId(), "the running fix went on with its agent run");
            CodegenTaskRecord started = CodegenTesting.onlyRecord(second);
            assertTrue(started.isAutomatic());
            assertEquals("SUCCEEDED", started.getStatus());
            assertEquals(2, simulator.createdRuns(scenario), "one agent run each, none twice");
        });
    }

    /** Until the controller has looked at the end of the build (its fix queued), whatever else still runs. */
    private static void awaitConsidered(WorkflowRun build) throws InterruptedException {
        while (!AutoFixes.get().considered(build)) {
            Thread.sleep(100);
        }
    }
}
