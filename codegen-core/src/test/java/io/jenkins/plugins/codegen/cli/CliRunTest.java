package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code codegen run} end to end in mock mode: the real bridge against the simulated API, on the
 * example files users start from. Most scenarios are {@code instant} (the run ends in the create
 * answer), so that the suite does not wait out poll intervals.
 */
class CliRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMockRunPrintsItsProgressOnStderrAndThePullRequestOnStdout() {
        Cli.Result result = new Cli().runExample("--mock");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout())
                .contains("Status:       SUCCEEDED")
                .containsPattern("Pull request: #1 \\S")
                .contains("https://github.com/acme/webapp/pull/1")
                .contains("Branch:       codegen/run-1")
                .contains("Agent run:    1 (COMPLETE), simulated (mock mode)")
                .contains("Attempts:     1")
                .containsPattern("API requests: \\d+")
                .containsPattern("Prompt:       standard, [\\d,]+ characters \\(full prompt [\\d,]+; shed: nothing\\)")
                .doesNotContain("[");
        assertThat(result.stderr())
                .containsPattern("(?m)^\\[ +\\d+\\.\\ds] Agent run 1 created$")
                .containsPattern("(?m)^\\[ +\\d+\\.\\ds] Agent run 1: ACTIVE -> COMPLETE$")
                .doesNotContain("Status:");
        // The simulator is gone once the command ends: nothing may link to it.
        assertThat(result.stdout() + result.stderr()).doesNotContain("127.0.0.1");
    }

    @Test
    void mockModeWorksWhateverOrganizationIsConfigured() throws Exception {
        Cli.Result result = new Cli().runExample("--mock", "--org-id", "4242", "--scenario", "instant", "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode json = JSON.readTree(result.stdout());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("webUrl").isNull()).isTrue();

        Cli.Result health = new Cli().run("health", "--mock", "--org-id", "4242");
        assertThat(health.exitCode()).as(health.stderr()).isZero();
        assertThat(health.stdout()).contains("Organization: Acme (id 4242)");
    }

    @Test
    void jsonPrintsExactlyOneObjectWithTheResult() throws Exception {
        Cli.Result result = new Cli().runExample("--mock", "--scenario", "instant", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().lines()).hasSize(1);
        JsonNode json = JSON.readTree(result.stdout());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("prUrl").asText()).isEqualTo("https://github.com/acme/webapp/pull/1");
        assertThat(json.path("prNumber").asInt()).isEqualTo(1);
        assertThat(json.path("runId").asLong()).isEqualTo(1);
        assertThat(json.path("attempts").asInt()).isEqualTo(1);
        assertThat(json.path("taskId").asText()).isEqualTo("task-123");
        assertThat(result.stderr()).contains("Agent run 1 created");
    }

    @Test
    void aFailedAgentRunExitsWithOneAndSaysWhatToDo() {
        Cli.Result result = new Cli().runExample("--mock", "--scenario", "failed;instant=1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout())
                .contains("Status:       FAILED (task_failed)")
                .contains("Error:        agent run 1 ended with status FAILED")
                .containsPattern("What to do:   \\S")
                .contains("Agent run:    1 (FAILED), simulated (mock mode)");
    }

    @Test
    void aRunWithoutPullRequestStillSucceedsAndSaysSo() {
        Cli.Result result = new Cli().runExample("--mock", "--scenario", "no_pr;instant=1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Status:       SUCCEEDED")
                .contains("Pull request: none; the agent run completed without opening one");
    }

    @Test
    void aRejectedTokenExitsWithThree() {
        Cli.Result result = new Cli().runExample("--mock", "--scenario", "fault=401;phase=create;times=all");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).contains("FAILED (authentication)").contains("What to do:");
    }

    @Test
    void anApiThatKeepsFailingExitsWithFourAfterTheRetries() {
        Cli.Result result = new Cli().runExample("--mock", "--scenario", "fault=503;phase=create;times=all",
                "--max-retries", "1");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).contains("FAILED (server)").contains("Attempts:     2");
        assertThat(result.stderr()).contains("Attempt 1 failed (server");
    }

    @Test
    void aMissingPythonExitsWithFive() {
        Cli.Result result = new Cli().runExample("--mock", "--python", "/nonexistent/python3");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.output()).contains("/nonexistent/python3").contains("What to do:");
    }

    @Test
    void aPullRequestTitleCannotSendEscapeSequencesToTheTerminal() {
        Cli.Result result = new Cli().runExample("--mock", "--scenario", "instant;pr_title=%1B%5B2J%1B%5B31mred");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Pull request: #1 ?[2J?[31mred").doesNotContain("\u001b");
    }

    @Test
    void healthInMockModeNamesTheUserAndOrganization() {
        Cli.Result result = new Cli().run("health", "--mock");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Connected to the simulated Codegen API (mock mode)")
                .contains("Token of:     acme-dev")
                .contains("Organization: Acme (id 1)");
    }

    @Test
    void aFailedHealthCheckSaysWhatIsWrongAndWhatToDo() throws Exception {
        Cli.Result result = new Cli().run("health", "--mock", "--scenario", "auth_401", "--json");

        assertThat(result.exitCode()).isEqualTo(3);
        JsonNode json = JSON.readTree(result.stdout());
        assertThat(json.path("errorType").asText()).isEqualTo("authentication");
        assertThat(result.stderr()).contains("Error: GET /v1/users/me: HTTP 401").contains("What to do:");
    }

    @Test
    void aFinishedCommandLeavesNoShutdownHookBehind() {
        Cli cli = new Cli();
        cli.run("health", "--mock");

        assertThat(cli.hooks().registered()).isEmpty();
    }
}
