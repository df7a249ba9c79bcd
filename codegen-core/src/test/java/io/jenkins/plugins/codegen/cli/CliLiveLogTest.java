package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The agent's lines on the command line, in mock mode: on stderr as they come, never in stdout's
 * summary or JSON; and {@code codegen resume}, a follow-up on a run, end to end.
 */
class CliLiveLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT_LINE = "(?m)^\\[ +\\d+\\.\\ds] \\[agent] [A-Za-z_]+: \\S.*$";

    private static long agentLines(String stderr) {
        return stderr.lines().filter(line -> line.matches("\\[ +\\d+\\.\\ds] \\[agent] .*")).count();
    }

    @Test
    void runPrintsTheAgentsLinesOnStderrAndKeepsThemOutOfTheSummary() {
        Cli.Result result = new Cli().runExample("--mock", "--scenario", "success;polls=2");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).containsPattern(AGENT_LINE);
        // The lines come while the run works: the first before its status changes to COMPLETE.
        assertThat(result.stderr().indexOf("[agent]")).isLessThan(result.stderr().indexOf("ACTIVE -> COMPLETE"));
        assertThat(result.stdout()).contains("Status:       SUCCEEDED").doesNotContain("[agent]");
    }

    @Test
    void withJsonStdoutIsTheOneObjectAndItCountsTheEntriesShown() throws Exception {
        Cli.Result result = new Cli().runExample("--mock", "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines()).hasSize(1);
        JsonNode json = JSON.readTree(result.stdout());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("agentLogEntries").asLong()).isPositive().isEqualTo(agentLines(result.stderr()));
        assertThat(json.path("followUpOf").isNull()).isTrue();
    }

    @Test
    void resumeSendsAFollowUpAndFollowsTheRunToItsNewPullRequest() {
        Cli.Result result = new Cli().run("resume", "1", "--mock", "--prompt", "Address the review: rename the helper.");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Follow-up sent to agent run 1; following it")
                .contains("[agent] PLAN_EVALUATION: Reading the follow-up request")
                .containsPattern(AGENT_LINE);
        assertThat(result.stdout()).contains("Status:       SUCCEEDED")
                .contains("Pull request: #2 Address the review: rename the helper.")
                .contains("Agent run:    1 (COMPLETE), simulated (mock mode)")
                .contains("Follow-up of: agent run 1")
                .doesNotContain("[agent]");
    }

    @Test
    void resumeWithJsonSaysWhichRunItFollowedUp() throws Exception {
        Cli.Result result = new Cli().run("resume", "2", "--mock", "--json", "--prompt", "Fix the failing check.");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines()).hasSize(1);
        JsonNode json = JSON.readTree(result.stdout());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("title").asText()).isEqualTo("Follow-up of agent run 2");
        assertThat(json.path("followUpOf").asLong()).isEqualTo(2);
        assertThat(json.path("runId").asLong()).isEqualTo(2);
        assertThat(json.path("prUrl").asText()).startsWith("https://github.com/acme/webapp/pull/");
    }

    @Test
    void resumeRefusesAnEmptyPromptBeforeSendingAnything() {
        Cli.Result empty = new Cli().run("resume", "1", "--mock", "--prompt", " ");

        assertThat(empty.exitCode()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(empty.output()).contains("resume.prompt: is empty");
        assertThat(empty.output()).doesNotContain("Bridge started");
    }

    @Test
    void mockModeFollowsUpAnyRunIdTheUserGives() {
        // The id of a real run, copied from the Codegen web app: mock mode makes that run first.
        Cli.Result result = new Cli().run("resume", "48213", "--mock", "--prompt", "Address the review.");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Mock mode: the simulator made agent run 48213 to follow up")
                .contains("Follow-up sent to agent run 48213; following it");
        assertThat(result.stdout()).contains("Agent run:    48213 (COMPLETE), simulated (mock mode)")
                .contains("Follow-up of: agent run 48213");
    }
}
