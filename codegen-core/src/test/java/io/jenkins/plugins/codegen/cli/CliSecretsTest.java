package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The token reaches the real code path (not mock mode, which uses a stand-in token) against the
 * simulated API, with debug output on, and must never appear in anything the CLI prints.
 */
class CliSecretsTest {
    private static final String TOKEN = "cg-SECRET-7f3a9c2e41d8b6a05e";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "instant, 0",
        "failed;instant=1, 1",
        "auth_401, 3",
        "forbidden_403, 3",
        "fault=500;phase=create;times=1;instant=1, 0",
    })
    void runNeverPrintsTheToken(String scenario, int exitCode) {
        Cli.Result result = cli().runExample("--api-url", SIMULATOR.url(SimulatorExtension.unique(scenario)),
                "--org-id", "1", "--debug", "--max-retries", "1");

        assertThat(result.exitCode()).isEqualTo(exitCode);
        assertThat(result.stderr()).contains("[debug]");
        assertNoToken(result);
    }

    @Test
    void jsonOutputNeverContainsTheToken() {
        Cli.Result result = cli().runExample("--api-url", SIMULATOR.url(SimulatorExtension.unique("instant")),
                "--org-id", "1", "--json");

        assertThat(result.exitCode()).isZero();
        assertNoToken(result);
    }

    @Test
    void healthNeverPrintsTheToken() {
        Cli.Result ok = cli().run("health", "--api-url", SIMULATOR.url("success"), "--org-id", "1", "--debug");
        Cli.Result refused = cli().run("health", "--api-url", SIMULATOR.url("auth_401"), "--org-id", "1", "--debug");

        assertThat(ok.exitCode()).isZero();
        assertThat(refused.exitCode()).isEqualTo(3);
        assertNoToken(ok);
        assertNoToken(refused);
    }

    /** What the API sends back is masked too: here the pull request's title is the token itself. */
    @Test
    void theTokenEchoedByTheApiIsMasked() {
        Cli.Result result = cli().runExample("--api-url",
                SIMULATOR.url(SimulatorExtension.unique("instant;pr_title=" + TOKEN)), "--org-id", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Pull request: #").contains("****");
        assertNoToken(result);
    }

    /** The CLI masks what it prints itself, not only what the engine hands it: a token pasted into a task file. */
    @Test
    void aTokenPastedIntoATaskFileIsMaskedInThePromptShown() throws Exception {
        Path task = Files.writeString(folder.resolve("task.json"),
                "{\"title\": \"Rotate the key\", \"description\": \"The old key was " + TOKEN + ".\"}");

        Cli.Result result = cli().run("prompt", "--task", task.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("The old key was ****.");
        assertNoToken(result);
    }

    private static Cli cli() {
        return new Cli().env("CODEGEN_TOKEN", TOKEN);
    }

    private static void assertNoToken(Cli.Result result) {
        String base64 = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        assertThat(result.output()).doesNotContain(TOKEN).doesNotContain("7f3a9c2e41d8b6a05e").doesNotContain(base64);
    }
}
