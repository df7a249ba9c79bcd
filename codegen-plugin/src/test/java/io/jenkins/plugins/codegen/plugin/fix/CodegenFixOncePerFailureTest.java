package io.jenkins.plugins.codegen.plugin.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Once per failure: a second failed build of the same commit, failing the same way, follows the agent
 * run the first fix started instead of starting another, and {@code force: true} starts another. Needs
 * one simulated API for both builds (mock mode starts one per task), started here, as a real API would
 * be reached: a URL and a token; the runs are counted through the API's list of agent runs.
 */
@WithJenkins
class CodegenFixOncePerFailureTest {
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private JenkinsRule r;
    private LocalBridgeLauncher simulatorLauncher;
    private SimulatorServer simulator;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        simulatorLauncher = new LocalBridgeLauncher();
        simulator = SimulatorServer.start(simulatorLauncher, CodegenTesting.python(),
                SimulatorOptions.DEFAULT.withAcceptedToken(CodegenTesting.TOKEN));
        CodegenGlobalConfiguration global = CodegenTesting.configure();
        global.setApiUrl(simulator.baseUrl());
        global.setOrgId(1L);
        global.setCredentialsId("codegen-token");
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "codegen-token", "Codegen API token", Secret.fromString(CodegenTesting.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        CodegenFixStepTest.builtInNodeRunsTheBuilds(r);
    }

    @AfterEach
    void tearDown() throws Exception {
        simulator.close();
        simulatorLauncher.close();
    }

    /** The organization's agent runs, as the API lists them. */
    private int agentRuns() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/organizations/1/agent/runs"))
                .header("Authorization", "Bearer " + CodegenTesting.TOKEN).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Matcher total = TOTAL.matcher(response.body());
        assertTrue(total.find(), response.body());
        return Integer.parseInt(total.group(1));
    }

    @Test
    void aSecondBuildOfTheSameCommitFailingTheSameWayLinksTheSameRun() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "webapp-main");
        job.setDefinition(new CpsFlowDefinition(CodegenFixStepTest.failingPipeline("", CodegenFixStepTest.COMMIT),
                true));

        WorkflowRun first = r.buildAndAssertStatus(Result.FAILURE, job);
        WorkflowRun second = r.buildAndAssertStatus(Result.FAILURE, job);

        CodegenTaskRecord firstFix = CodegenTesting.onlyRecord(first);
        CodegenTaskRecord secondFix = CodegenTesting.onlyRecord(second);
        assertNotNull(firstFix.getRunId());
        assertFalse(firstFix.isFoundEarlierRun());
        assertEquals(firstFix.getRunId(), secondFix.getRunId(), "the second build follows the first fix's run");
        assertEquals(firstFix.getPrUrl(), secondFix.getPrUrl());
        assertTrue(secondFix.isFoundEarlierRun());
        assertEquals(firstFix.getFailureSignature(), secondFix.getFailureSignature());
        r.assertLogContains("was started by an earlier fix of this failure; following it instead of starting another",
                second);
        r.assertLogContains("earlier=true run=" + firstFix.getRunId(), second);
        assertEquals(1, agentRuns(), "one agent run for one failure");

        HtmlPage page = r.createWebClient().getPage(second);
        assertNotNull(page.getAnchorByHref(secondFix.getPrUrl()), "the second failed build links the same PR");
        assertTrue(page.asNormalizedText().contains("an earlier fix of the same failure started this agent run"),
                page.asNormalizedText());

        job.setDefinition(new CpsFlowDefinition(CodegenFixStepTest.failingPipeline("force: true",
                CodegenFixStepTest.COMMIT), true));
        WorkflowRun forced = r.buildAndAssertStatus(Result.FAILURE, job);
        assertNotEquals(firstFix.getRunId(), CodegenTesting.onlyRecord(forced).getRunId());
        assertEquals(2, agentRuns(), "force asks again");
    }
}
