package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The options that several commands share (--timeout, --no-wait) say in each command's help what
 * they mean there; the wording comes from OptionTexts.properties, and a lookup that missed would
 * fall back to a general text without any error.
 */
class CliHelpTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "run    | --timeout | The whole task's deadline, retries and the agent run included: 90s, 30m, 1h (default 30m); overrides CODEGEN_TIMEOUT.",
        "fix    | --timeout | The whole fix's deadline, retries and the agent run included: 90s, 30m, 1h",
        "resume | --timeout | The whole follow-up's deadline, retries and the run included: 90s, 30m, 1h",
        "wait   | --timeout | How long to wait from now: 90s, 30m, 1h (default 30m); overrides CODEGEN_TIMEOUT.",
        "run    | --no-wait | Return as soon as the agent run exists: print its id and page, exit 0;",
        "resume | --no-wait | Return as soon as the run took the follow-up: print its id, exit 0;",
    })
    void aSharedOptionIsDescribedForItsCommand(String command, String option, String description) {
        Cli.Result result = new Cli().run(command, "--help");

        assertThat(result.exitCode()).isZero();
        String help = result.stdout().replaceAll("\\s+", " ");
        assertThat(help).contains(option + (option.equals("--timeout") ? "=DURATION " : " ") + description);
    }
}
