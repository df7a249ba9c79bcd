package io.jenkins.plugins.codegen.cli;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code codegen run --no-wait} against a running simulator: it ends as soon as the agent run exists,
 * prints its id, and {@code codegen wait} follows that same run to its end.
 */
class CliNoWaitTest {
    private static final String TOKEN = "cg-cli-nowait-token-8c2f4a1d7e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static Cli.Result run(String spec, String... more) {
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[] {"--api-url", SIM.url(spec), "--org-id=1", "--no-wait"}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        return new Cli().env("CODEGEN_TOKEN", TOKEN).runExample(args);
    }

    @Test
    void noWaitPrintsTheRunIdAndWaitFinishesThatRun() throws Exception {
        String spec = unique("success;polls=2");
        Cli.Result created = run(spec);

        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).contains("Status:       ACTIVE (not waited for)")
                .doesNotContain("Pull request:");
        Matcher id = Pattern.compile("(?m)^Run id:\\s+(\\d+)$").matcher(created.stdout());
        assertThat(id.find()).as(created.stdout()).isTrue();
        long runId = Long.parseLong(id.group(1));
        assertThat(created.stdout()).contains("Next:         codegen wait " + runId + " follows it to its end");
        assertThat(SIM.runs(spec)).hasSize(1);
        assertThat(created.output()).doesNotContain(TOKEN);

        Cli.Result waited = new Cli().env("CODEGEN_TOKEN", TOKEN)
                .run("wait", Long.toString(runId), "--api-url", SIM.url(spec), "--org-id=1");
        assertThat(waited.exitCode()).as(waited.stderr()).isZero();
        assertThat(waited.stdout()).contains("Status:       SUCCEEDED").contains("Agent run:    " + runId + " (COMPLETE)");
        assertThat(SIM.runs(spec)).as("the wait creates nothing").hasSize(1);
    }

    @Test
    void jsonCarriesTheRunIdWithStatusActiveAndNoPullRequest() throws Exception {
        String spec = unique("success;polls=5");
        Cli.Result created = run(spec, "--json");

        assertThat(created.exitCode()).as(created.stderr()).isZero();
        JsonNode map = JSON.readTree(created.stdout());
        assertThat(map.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(map.path("runId").asLong()).isEqualTo(((Number) SIM.runs(spec).get(0).get("id")).longValue());
        assertThat(map.path("webUrl").asText()).startsWith("http://127.0.0.1");
        assertThat(map.path("prUrl").isNull()).isTrue();
    }
}
