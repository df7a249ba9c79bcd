package io.jenkins.plugins.codegen.cli;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.testing.AuthenticatingProxy;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code codegen wait} against a running simulator (--api-url), on runs created beforehand as
 * {@code codegen run} elsewhere would have: the same summary and exit codes as {@code run}.
 */
class CliWaitTest {
    private static final String TOKEN = "cg-cli-wait-token-3b9d0e6f1a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static long create(String spec) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SIM.url(spec) + "/v1/organizations/1/agent/run"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Fix the login bug\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("id").asLong();
    }

    private static Cli.Result waitFor(String spec, long runId, String... more) {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"wait", Long.toString(runId), "--api-url", SIM.url(spec), "--org-id=1"}, 0,
                args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return new Cli().env("CODEGEN_TOKEN", TOKEN).run(args);
    }

    @Test
    void waitPrintsThePullRequestLikeRun() throws Exception {
        String spec = unique("polls=1");
        long runId = create(spec);
        Cli.Result result = waitFor(spec, runId);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Status:       SUCCEEDED")
                .containsPattern("Pull request: #\\d+ Fix the login bug")
                .contains("Branch:       codegen/run-" + runId)
                .contains("Agent run:    " + runId + " (COMPLETE) http://127.0.0.1")
                .contains("Attempts:     1").contains("API requests: 2"); // a read of its log, the plain read
        assertThat(result.stderr()).contains("Following agent run " + runId)
                .containsPattern("(?m)^\\[ +\\d+\\.\\ds] \\[agent] [a-z_]+: \\S")
                .containsPattern("(?m)^\\[ +\\d+\\.\\ds] \\[agent] FINAL_ANSWER: \\S");
        assertThat(result.stdout()).doesNotContain("[agent]");
        assertThat(result.output()).doesNotContain(TOKEN);
    }

    @Test
    void jsonPrintsTheResultMapOfAWaitingTask() throws Exception {
        String spec = unique("no_pr;polls=1");
        long runId = create(spec);
        Cli.Result result = waitFor(spec, runId, "--json");

        assertThat(result.exitCode()).isZero();
        JsonNode map = JSON.readTree(result.stdout());
        assertThat(map.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(map.path("runId").asLong()).isEqualTo(runId);
        assertThat(map.path("prUrl").isNull()).isTrue();
        assertThat(map.path("backend").asText()).isEqualTo("watcher");
    }

    @Test
    void exitCodesAreRunsExitCodes() throws Exception {
        String failed = unique("failed;polls=1");
        Cli.Result taskFailed = waitFor(failed, create(failed));
        assertThat(taskFailed.exitCode()).isEqualTo(1);
        assertThat(taskFailed.stdout()).contains("Status:       FAILED (task_failed)").contains("What to do:   Open ");

        Cli.Result rejected = waitFor(unique("auth_401"), create(unique("polls=1")));
        assertThat(rejected.exitCode()).isEqualTo(3);
        assertThat(rejected.stdout()).contains("FAILED (authentication)");

        String endless = unique("polls=100000");
        Cli.Result late = waitFor(endless, create(endless), "--timeout", "1s");
        assertThat(late.exitCode()).isEqualTo(4);
        assertThat(late.stdout()).contains("FAILED (timeout)").contains("may still be working");
    }

    @Test
    void waitGoesThroughAProxyThatAsksForAPasswordAndSaysWhatToCheckWhenRefused() throws Exception {
        URI simulator = URI.create(SIM.server().baseUrl());
        try (AuthenticatingProxy proxy = new AuthenticatingProxy("builder", "p@ss").route("api.codegen.test", 80,
                new InetSocketAddress(simulator.getHost(), simulator.getPort()))) {
            String spec = unique("polls=1");
            long runId = create(spec);
            String api = SIM.url(spec).replaceFirst("^http://[^/]+", "http://api.codegen.test");
            String[] args = {"wait", Long.toString(runId), "--api-url", api, "--org-id=1"};

            Cli.Result through = new Cli().env("CODEGEN_TOKEN", TOKEN)
                    .env("HTTP_PROXY", "http://builder:p%40ss@127.0.0.1:" + proxy.port()).run(args);
            assertThat(through.exitCode()).as(through.output()).isZero();
            assertThat(through.stdout()).contains("Status:       SUCCEEDED");
            assertThat(proxy.accepted()).isNotEmpty();

            Cli.Result refused = new Cli().env("CODEGEN_TOKEN", TOKEN)
                    .env("HTTP_PROXY", "http://builder:wrong@127.0.0.1:" + proxy.port()).run(args);
            assertThat(refused.exitCode()).isEqualTo(3);
            assertThat(refused.stdout()).contains("FAILED (proxy)").contains("HTTPS_PROXY");
            assertThat(refused.output()).doesNotContain("wrong", "p@ss");
        }
    }

    @Test
    void mockModeAndAMissingTokenAreRefusedBeforeAnyRequest() {
        Cli.Result mock = new Cli().run("wait", "5", "--mock");
        assertThat(mock.exitCode()).isEqualTo(2);
        assertThat(mock.stderr()).contains("--mock: does not apply to wait");

        Cli.Result noToken = new Cli().run("wait", "5", "--org-id", "1");
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.stderr()).contains("CODEGEN_TOKEN");
    }
}
