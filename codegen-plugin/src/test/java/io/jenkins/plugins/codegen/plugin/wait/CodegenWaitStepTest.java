package io.jenkins.plugins.codegen.plugin.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Computer;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.scope.CodegenFolderProperty;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.record.RecordStatus;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * {@code codegenTask(wait: false)} inside {@code node}, then {@code codegenWait} outside it, against a
 * simulated Codegen API started by the test (the global API URL points at one of its scenarios, the
 * token is a Secret text credential): the agent's executor is free while the controller waits, a
 * failed run fails the wait the way it fails a task, and a controller restart in the middle of the
 * wait ends with the same agent run.
 */
class CodegenWaitStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIAL = "codegen-token";

    @RegisterExtension
    private static final BuildWatcherExtension BUILDS = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private LocalBridgeLauncher simulatorLauncher;
    private SimulatorServer simulator;

    @BeforeEach
    void startSimulator() throws Exception {
        simulatorLauncher = new LocalBridgeLauncher();
        simulator = SimulatorServer.start(simulatorLauncher, CodegenTesting.python(),
                SimulatorOptions.DEFAULT.withAcceptedToken(CodegenTesting.TOKEN));
    }

    @AfterEach
    void stopSimulator() throws Exception {
        simulator.close();
        simulatorLauncher.close();
    }

    private static String unique(String spec) {
        return spec + ";id=" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The global configuration points at the scenario; the token is the default credential. */
    private void configure(JenkinsRule r, String spec) throws Exception {
        CodegenGlobalConfiguration global = CodegenTesting.configure();
        global.setApiUrl(simulator.baseUrl(spec));
        global.setOrgId(1L);
        global.setCredentialsId(CREDENTIAL);
        global.save();
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, CREDENTIAL, "Codegen API token", Secret.fromString(CodegenTesting.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        CodegenTesting.agent(r);
    }

    /** The agent runs the simulator knows for a scenario: each one is a create. */
    private JsonNode runs(String spec) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                simulator.baseUrl() + "/_sim/runs?spec=" + URLEncoder.encode(spec, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("runs");
    }

    private static WorkflowJob createThenWait(JenkinsRule r, String waitArguments) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "create-then-wait");
        job.setDefinition(new CpsFlowDefinition("def started\n"
                + "node('" + CodegenTesting.AGENT_LABEL + "') {\n"
                + "  started = codegenTask(title: 'Add rate limiting', wait: false)\n"
                + "  echo \"created=${started.status} run=${started.runId} pr=${started.prUrl}\"\n"
                + "}\n"
                + "def r = codegenWait(run: started" + waitArguments + ")\n"
                + "echo \"waited=${r.status} run=${r.runId} pr=${r.prUrl} type=${r.errorType} title=${r.title}\"\n",
                true));
        return job;
    }

    private static int busyExecutors(JenkinsRule r) {
        return Arrays.stream(r.jenkins.getComputers()).mapToInt(Computer::countBusy).sum();
    }

    @Test
    void theAgentsExecutorIsFreeWhileTheControllerWaitsForTheRun() throws Throwable {
        sessions.then(r -> {
            String spec = unique("success;duration=12");
            configure(r, spec);
            WorkflowRun b = createThenWait(r, "").scheduleBuild2(0).waitForStart();

            r.waitForMessage("Waiting for agent run", b);
            assertTrue(b.isBuilding(), "the build is still waiting for the agent run");
            assertEquals(0, busyExecutors(r), "no executor is held while codegenWait waits");
            CodegenTaskRecord waiting = CodegenTesting.onlyRecord(b);
            assertEquals(RecordStatus.RUNNING, waiting.getStatus());

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            long runId = runs(spec).get(0).path("id").asLong();
            r.assertLogContains("created=ACTIVE run=" + runId + " pr=null", b);
            r.assertLogContains("waited=SUCCEEDED run=" + runId + " pr=https://github.com/", b);
            r.assertLogContains("title=Add rate limiting", b);
            assertEquals(1, runs(spec).size(), "one agent run was created");
            CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
            assertEquals(RecordStatus.SUCCEEDED, record.getStatus());
            assertEquals(runId, record.getRunId());
            assertNotNull(record.getView().getSafePrUrl());
            assertNotNull(record.getView().getPromptSummary(), "the task's prompt figures stay on the record");
            // The wait reads the run through its log: the agent's lines in the console, its entries in the record.
            assertTrue(JenkinsRule.getLog(b).lines().anyMatch(l -> l.startsWith("[agent] ")), JenkinsRule.getLog(b));
            assertFalse(record.getAgentLog().getEntries().isEmpty(), "the wait keeps the agent's log entries");
            r.assertLogNotContains(CodegenTesting.TOKEN, b);
            assertFalse(CodegenTesting.buildXml(b).contains(CodegenTesting.TOKEN));
        });
    }

    @Test
    void aTaskThatDoesNotWaitShowsItsRunAsRunningRemotely() throws Throwable {
        sessions.then(r -> {
            String spec = unique("success;duration=600");
            configure(r, spec);
            WorkflowJob job = r.createProject(WorkflowJob.class);
            job.setDefinition(new CpsFlowDefinition("node('" + CodegenTesting.AGENT_LABEL + "') {\n"
                    + "  def started = codegenTask(title: 'Add rate limiting', wait: false)\n"
                    + "  echo \"status=${started.status} webUrl=${started.webUrl} runStatus=${started.runStatus}\"\n"
                    + "}", true));

            WorkflowRun b = r.buildAndAssertSuccess(job);

            r.assertLogContains("status=ACTIVE webUrl=http://127.0.0.1", b);
            r.assertLogContains("runStatus=ACTIVE", b);
            r.assertLogContains("not waited for", b);
            CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
            assertEquals(RecordStatus.ACTIVE, record.getStatus());
            assertTrue(record.getView().getStatusText().contains("not waited for"), record.getView().getStatusText());
            assertEquals(runs(spec).get(0).path("id").asLong(), record.getRunId());
        });
    }

    @Test
    void aFailedRunFailsTheWaitWithItsTypeAndGuidanceUnlessFailOnErrorIsOff() throws Throwable {
        sessions.then(r -> {
            String spec = unique("failed;polls=2");
            configure(r, spec);

            WorkflowRun failing = r.buildAndAssertStatus(Result.FAILURE, createThenWait(r, ""));
            r.assertLogContains("[task_failed]", failing);
            r.assertLogContains("What to do: Open http://127.0.0.1", failing);
            assertEquals(RecordStatus.FAILED, CodegenTesting.onlyRecord(failing).getStatus());
            assertEquals("task_failed", CodegenTesting.onlyRecord(failing).getErrorType());

            WorkflowJob lenient = r.createProject(WorkflowJob.class);
            lenient.setDefinition(new CpsFlowDefinition("def started\n"
                    + "node('" + CodegenTesting.AGENT_LABEL + "') {\n"
                    + "  started = codegenTask(title: 'Add rate limiting', wait: false)\n"
                    + "}\n"
                    + "def r = codegenWait(run: started, failOnError: false)\n"
                    + "echo \"status=${r.status} type=${r.errorType} guidance=${r.guidance}\"\n", true));
            WorkflowRun returned = r.buildAndAssertSuccess(lenient);
            r.assertLogContains("status=FAILED type=task_failed guidance=Open http://127.0.0.1", returned);
            r.assertLogContains("failOnError is false", returned);
            assertEquals(2, runs(spec).size(), "one agent run per build");
        });
    }

    @Test
    void aRunStartedElsewhereIsWaitedForByItsIdAndRecorded() throws Throwable {
        sessions.then(r -> {
            String spec = unique("no_pr;polls=2");
            configure(r, spec);
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            simulator.baseUrl(spec) + "/v1/organizations/1/agent/run"))
                    .header("Authorization", "Bearer " + CodegenTesting.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Fix the login bug\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long runId = JSON.readTree(created.body()).path("id").asLong();
            WorkflowJob job = r.createProject(WorkflowJob.class);
            job.setDefinition(new CpsFlowDefinition("def r = codegenWait(runId: " + runId + ", timeout: 5)\n"
                    + "echo \"status=${r.status} run=${r.runId} runStatus=${r.runStatus}\"", true));

            WorkflowRun b = r.buildAndAssertSuccess(job);

            r.assertLogContains("status=SUCCEEDED run=" + runId + " runStatus=COMPLETE", b);
            CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
            assertEquals(runId, record.getRunId());
            assertEquals(RecordStatus.SUCCEEDED, record.getStatus());
            assertEquals(1, runs(spec).size());
        });
    }

    /** The organization and the credential of the folder the job is in, as codegenTask takes them. */
    @Test
    void aWaitInAFolderTakesTheFoldersOrganizationAndCredential() throws Throwable {
        sessions.then(r -> {
            String spec = unique("no_pr;polls=2");
            configure(r, spec);
            CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
            global.setOrgId(null);
            global.setCredentialsId(null);
            Folder team = r.jenkins.createProject(Folder.class, "team-a");
            CodegenFolderProperty settings = new CodegenFolderProperty();
            settings.setOrgId(1L);
            settings.setCredentialsId(CREDENTIAL);
            team.addProperty(settings);
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            simulator.baseUrl(spec) + "/v1/organizations/1/agent/run"))
                    .header("Authorization", "Bearer " + CodegenTesting.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Fix the login bug\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long runId = JSON.readTree(created.body()).path("id").asLong();
            WorkflowJob job = team.createProject(WorkflowJob.class, "app");
            job.setDefinition(new CpsFlowDefinition("def r = codegenWait(runId: " + runId + ", timeout: 5)\n"
                    + "echo \"status=${r.status} run=${r.runId}\"", true));

            WorkflowRun b = r.buildAndAssertSuccess(job);

            r.assertLogContains("status=SUCCEEDED run=" + runId, b);
        });
    }

    @Test
    void mockRunsCannotBeFollowedAndTheStepSaysWhy() throws Throwable {
        sessions.then(r -> {
            CodegenTesting.configure();
            CodegenTesting.agent(r);
            WorkflowJob job = r.createProject(WorkflowJob.class);
            job.setDefinition(new CpsFlowDefinition("def started\n"
                    + "node('" + CodegenTesting.AGENT_LABEL + "') {\n"
                    + "  started = codegenTask(title: 'Add rate limiting', mock: true, wait: false)\n"
                    + "  echo \"created=${started.status}\"\n"
                    + "}\n"
                    + "codegenWait(run: started)", true));

            WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

            r.assertLogContains("created=ACTIVE", b);
            r.assertLogContains("cannot be followed in mock mode", b);
            r.assertLogContains("[validation]", b);
        });
    }

    @Test
    void aControllerRestartInTheMiddleOfTheWaitEndsWithTheSameRun() throws Throwable {
        String spec = unique("success;duration=25");
        sessions.then(r -> {
            configure(r, spec);
            WorkflowRun b = createThenWait(r, ", timeout: 10").scheduleBuild2(0).waitForStart();
            r.waitForMessage("Waiting for agent run", b);
            assertTrue(b.isBuilding());
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("create-then-wait", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("The controller restarted; waiting again for agent run", b);
            long runId = runs(spec).get(0).path("id").asLong();
            r.assertLogContains("waited=SUCCEEDED run=" + runId, b);
            assertEquals(1, runs(spec).size(), "the restart created no second agent run");
            CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
            assertEquals(RecordStatus.SUCCEEDED, record.getStatus());
            assertEquals(runId, record.getRunId());
        });
    }
}
