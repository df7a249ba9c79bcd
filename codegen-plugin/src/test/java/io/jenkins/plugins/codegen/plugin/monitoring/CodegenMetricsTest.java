package io.jenkins.plugins.codegen.plugin.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import hudson.ExtensionList;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.util.List;
import jenkins.metrics.api.Metrics;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * With the Metrics plugin installed, Codegen's counters and timers are in its registry (what the
 * Prometheus plugin exports): at zero from the start, and counting tasks as they end.
 */
@WithJenkins
class CodegenMetricsTest {
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

    private static MetricRegistry registry() {
        return Metrics.metricRegistry();
    }

    private static long count(String name) {
        Counter counter = registry().getCounters().get(name);
        assertNotNull(counter, name + " is registered");
        return counter.getCount();
    }

    private static long timed(String name) {
        Timer timer = registry().getTimers().get(name);
        assertNotNull(timer, name + " is registered");
        return timer.getCount();
    }

    private WorkflowRun build(String body) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('py') {\n" + body + "\n}", true));
        return r.buildAndAssertSuccess(job);
    }

    @Test
    void everyMetricIsRegisteredAtZeroBeforeTheFirstTask() {
        for (String name : CodegenMetrics.counterNames()) {
            assertEquals(0, count(name), name);
        }
        assertEquals(0, timed("codegen.pull-request.duration"));
        assertEquals(0, timed("codegen.bridge.start.duration"));
        assertTrue(registry().getCounters().containsKey("codegen.tasks.failed.timeout"));
        assertTrue(registry().getCounters().containsKey("codegen.fixes.failed.budget"));
    }

    @Test
    void aTaskThatOpensAPullRequestIsCountedWithItsRunItsTimeAndItsBridgeStart() throws Exception {
        simulator.configure("success;polls=1;id=metrics-ok");

        build("codegenTask(title: 'Add rate limiting')");

        assertEquals(1, count("codegen.tasks.succeeded"));
        assertEquals(0, count("codegen.tasks.failed"));
        assertEquals(0, count("codegen.fixes.succeeded"));
        assertEquals(1, count("codegen.runs.created"));
        assertEquals(1, timed("codegen.pull-request.duration"));
        assertTrue(timed("codegen.bridge.start.duration") >= 1, "the bridge's start was timed");
    }

    @Test
    void aFailedTaskIsCountedByItsErrorTypeAndAMockTaskNotAtAll() throws Exception {
        simulator.configure("failed;polls=1;id=metrics-failed");

        WorkflowRun b = build("""
                codegenTask(title: 'Add rate limiting', maxRetries: 0, failOnError: false)
                codegenTask(title: 'A dry run', mock: true)
                """);

        CodegenTaskRecord failed = b.getAction(CodegenBuildAction.class).getTasks().get(0);
        assertEquals("FAILED", failed.getStatus());
        assertEquals(1, count("codegen.tasks.failed"));
        assertEquals(1, count("codegen.tasks.failed." + failed.getErrorType()));
        assertEquals(0, count("codegen.tasks.succeeded"), "the mock task is not counted");
        assertEquals(1, count("codegen.runs.created"), "the mock task's simulated run is not counted");
        assertEquals(0, timed("codegen.pull-request.duration"));
    }

    @Test
    void aRefusedBudgetIsCountedAsARefusalAndAsAFailureOfTypeBudget() {
        CodegenMetrics.ended(new Facts(true, "FAILED", "budget", 1));
        CodegenMetrics.ended(new Facts(false, "SUCCEEDED", null, 3));

        assertEquals(1, count("codegen.budget.refusals"));
        assertEquals(1, count("codegen.fixes.failed"));
        assertEquals(1, count("codegen.fixes.failed.budget"));
        assertEquals(2, count("codegen.retries"), "the task's two attempts after its first");
    }

    @Test
    void withNoMetricsSinkAsWithoutTheMetricsPluginATaskRunsAsBefore() throws Exception {
        // What a Jenkins without the Metrics plugin has: no sink (MetricsPluginOptionalTest shows the
        // provider cannot load there); the run code's calls then do nothing.
        ExtensionList<MetricsSink> sinks = ExtensionList.lookup(MetricsSink.class);
        sinks.removeAll(List.copyOf(sinks));
        assertEquals(List.of(), CodegenMetrics.sinks());
        simulator.configure("success;polls=1;id=metrics-none");

        WorkflowRun b = build("codegenTask(title: 'Add rate limiting')");

        assertEquals("SUCCEEDED", b.getAction(CodegenBuildAction.class).getTasks().get(0).getStatus());
        assertEquals(0, count("codegen.tasks.succeeded"));
        assertEquals(0, count("codegen.runs.created"));
    }

    /** A task as the budget check will record it once the budgets are enforced. */
    private record Facts(boolean isFix, String getStatus, String getErrorType, int getAttempts) implements TaskFacts {
        @Override
        public boolean isMock() {
            return false;
        }

        @Override
        public String getPrUrl() {
            return null;
        }

        @Override
        public long getStarted() {
            return 1;
        }

        @Override
        public long getFinished() {
            return 2;
        }
    }
}
