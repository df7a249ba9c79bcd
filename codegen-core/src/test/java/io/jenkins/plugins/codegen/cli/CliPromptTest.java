package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code codegen prompt}: the dry run that shows what {@code run} would send. */
class CliPromptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsThePromptOnStdoutAndItsSizesOnStderr() {
        Cli.Result result = prompt();

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Validate signup input on the server")
                .contains("Reject an email address that is not syntactically valid");
        assertThat(result.stderr().strip())
                .matches("Prompt: standard, [\\d,]+ characters \\(full prompt [\\d,]+; shed: nothing\\)");
    }

    @Test
    void theLevelChangesThePrompt() {
        String minimal = prompt("--level", "minimal").stdout();
        String comprehensive = prompt("--level", "comprehensive").stdout();

        assertThat(minimal).doesNotContain("microservices");
        assertThat(comprehensive).contains("microservices").hasSizeGreaterThan(minimal.length());
    }

    @Test
    void aCapShedsPartsAndSaysWhich() throws Exception {
        Cli.Result result = prompt("--level", "comprehensive", "--max-prompt-length", "1500", "--json");

        JsonNode json = JSON.readTree(result.stdout());
        assertThat(json.path("level").asText()).isEqualTo("comprehensive");
        assertThat(json.path("length").asInt()).isLessThanOrEqualTo(1500).isEqualTo(json.path("prompt").asText().length());
        assertThat(json.path("originalLength").asInt()).isGreaterThan(1500);
        assertThat(json.path("shed")).isNotEmpty();
        assertThat(result.stderr()).contains("shed: " + json.path("shed").get(0).asText());
    }

    @Test
    void aCapOutOfRangeIsNamedAsTheOption() {
        Cli.Result result = prompt("--max-prompt-length", "10");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--max-prompt-length: is 10; it must be from 200 to 100,000");
    }

    @Test
    void needsNoTokenAndNoPython() {
        Cli.Result result = new Cli().env("PYTHON_PATH", "/nonexistent/python3")
                .run("prompt", "--task", Cli.TASK);

        assertThat(result.exitCode()).isZero();
    }

    private static Cli.Result prompt(String... options) {
        String[] args = new String[options.length + 5];
        System.arraycopy(new String[] {"prompt", "--task", Cli.TASK, "--context", Cli.CONTEXT}, 0, args, 0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        return new Cli().run(args);
    }
}
