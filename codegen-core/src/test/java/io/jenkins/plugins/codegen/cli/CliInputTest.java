package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input and usage mistakes: each exits with 2, says what is wrong and what to do, and runs nothing. */
class CliInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void aMissingTaskFileIsNamed() {
        Cli.Result result = new Cli().run("run", "--mock", "--task", "missing.json");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Error: task file 'missing.json' not found")
                .contains("What to do: Give the path of a JSON file; a relative path starts from the current "
                        + "directory, " + Path.of("").toAbsolutePath());
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aMissingContextFileIsNamedAsTheContext() {
        Cli.Result result = new Cli().run("prompt", "--task", Cli.TASK, "--context", folder.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Error: context file '" + folder + "' is a directory");
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() throws Exception {
        Path task = Files.writeString(folder.resolve("task.json"), "{\"title\": \"Fix it\",\n  \"description\": \"x\" \"y\"}");

        Cli.Result result = new Cli().run("run", "--mock", "--task", task.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains(task + ": is not valid JSON at line 2, column 22")
                .contains("What to do:")
                .doesNotContain("at com.fasterxml");
    }

    @Test
    void anInvalidTaskIsRefusedBeforeAnythingIsSent() throws Exception {
        Path task = Files.writeString(folder.resolve("task.json"), "{\"title\": \"\", \"complexityScore\": 42}");

        Cli.Result result = new Cli().run("run", "--mock", "--task", task.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).contains("Status:       FAILED (validation)").contains("title")
                .contains("complexityScore").doesNotContain("API requests:").doesNotContain("Agent run:");
        assertThat(result.stderr()).doesNotContain("Agent run");
    }

    @Test
    void unknownKeysAreWarnedAboutAndTheTaskStillRuns() throws Exception {
        Path task = Files.writeString(folder.resolve("task.json"),
                "{\"title\": \"Fix the login\", \"requirments\": [\"Keep the session\"]}");

        Cli.Result result = new Cli().run("prompt", "--task", task.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Warning: " + task + ": unknown key 'requirments' is ignored");
        assertThat(result.stdout()).contains("Fix the login");
    }

    @Test
    void anUnknownLevelIsAUsageErrorListingTheLevels() {
        Cli.Result result = new Cli().runExample("--mock", "--level", "maximal");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr())
                .contains("'maximal' is not a level; use one of minimal, standard, comprehensive")
                .contains("Run 'codegen run --help' for the options.");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aBadDurationIsAUsageError() {
        Cli.Result result = new Cli().runExample("--mock", "--timeout", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("'soon' is not a duration; write a whole number with a unit: 90s, 30m");
    }

    @Test
    void withoutTokenAndOrganizationEveryMissingSettingIsNamedAsTheUserGivesIt() {
        Cli.Result result = new Cli().runExample();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr())
                .contains("CODEGEN_TOKEN: is not set. Set the environment variable CODEGEN_TOKEN")
                .contains("No option takes the token")
                .contains("--org-id (or CODEGEN_ORG_ID): is not set")
                .doesNotContain("credential");
    }

    @Test
    void aMalformedEnvironmentVariableIsNamed() {
        Cli.Result result = new Cli().env("CODEGEN_ORG_ID", "acme").env("CODEGEN_TOKEN", "a-token-value")
                .runExample();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("CODEGEN_ORG_ID: is 'acme', not a number");
    }

    @Test
    void aScenarioWithoutMockModeIsRefused() {
        Cli.Result result = new Cli().env("CODEGEN_TOKEN", "a-token-value").env("CODEGEN_ORG_ID", "1")
                .runExample("--scenario", "failed");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--scenario: only applies in mock mode. Add --mock");
    }

    @Test
    void mockModeFromTheEnvironmentNeedsNoOption() {
        Cli.Result result = new Cli().env("CODEGEN_ENABLE_MOCK", "true").run("health");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("mock mode");
    }

    @Test
    void aTokenOptionIsRefusedWithoutEchoingTheToken() {
        Cli.Result result = new Cli().runExample("--token", "cg-typed-on-the-command-line");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("there is no --token option")
                .contains("Set the environment variable CODEGEN_TOKEN")
                .doesNotContain("cg-typed-on-the-command-line");
    }

    @Test
    void withJsonAnEarlyFailureIsStillOneJsonObject() throws Exception {
        Cli.Result result = new Cli().run("run", "--mock", "--json", "--task", "missing.json");

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode json = JSON.readTree(result.stdout());
        assertThat(json.path("status").asText()).isEqualTo("FAILED");
        assertThat(json.path("errorType").asText()).isEqualTo("validation");
        assertThat(json.path("errorMessage").asText()).isEqualTo("task file 'missing.json' not found");
        assertThat(json.path("guidance").asText()).startsWith("Give the path of a JSON file");
    }

    @Test
    void withoutACommandTheUsageIsShown() {
        Cli.Result result = new Cli().run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Usage: codegen").contains("run").contains("prompt").contains("health");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        Cli.Result result = new Cli().run("helth");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Unmatched argument at index 0: 'helth'")
                .contains("Did you mean: codegen health?");
    }

    @Test
    void helpDocumentsExitCodesAndWhereTheTokenComesFrom() {
        Cli.Result result = new Cli().run("run", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().replaceAll("\\s+", " ")).contains("CODEGEN_TOKEN only: no option takes it");
        assertThat(result.stdout())
                .containsPattern("(?m)^  3 +authentication, permission, quota or proxy")
                .containsPattern("(?m)^  130 +aborted")
                .contains("CODEGEN_ENABLE_MOCK");
    }

    @Test
    void anUnexpectedFailureShowsAStackTraceOnlyWithDebug() {
        Cli plain = new Cli();
        plain.hooks().refuseWith(new IllegalStateException("Shutdown in progress"));
        Cli debug = new Cli();
        debug.hooks().refuseWith(new IllegalStateException("Shutdown in progress"));

        Cli.Result withoutDebug = plain.run("health", "--mock");
        Cli.Result withDebug = debug.run("health", "--mock", "--debug");

        assertThat(withoutDebug.exitCode()).isEqualTo(4);
        assertThat(withoutDebug.stderr())
                .contains("Error: Unexpected failure: IllegalStateException: Shutdown in progress")
                .contains("What to do: An unexpected error occurred. Run again with debug logging on")
                .doesNotContain("\tat ");
        assertThat(withDebug.exitCode()).isEqualTo(4);
        assertThat(withDebug.stderr()).containsPattern("\\tat io\\.jenkins\\.plugins\\.codegen\\.cli\\.");
    }

    @Test
    void theVersionIsDevOutsideTheJar() {
        Cli.Result result = new Cli().run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualToIgnoringNewLines("codegen dev");
    }
}
