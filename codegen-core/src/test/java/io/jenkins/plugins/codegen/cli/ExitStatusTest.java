package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.ErrorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exit codes are an interface scripts depend on: docs/cli.md lists exactly these. */
class ExitStatusTest {

    @ParameterizedTest(name = "{0} exits with {1}")
    @CsvSource({
        "TASK_FAILED, 1",
        "VALIDATION, 2",
        "AUTHENTICATION, 3", "PERMISSION, 3", "QUOTA, 3", "PROXY, 3", "BUDGET, 3", "CONFIGURATION, 3",
        "CONNECTION, 4", "TIMEOUT, 4", "SERVER, 4", "RATE_LIMIT, 4", "NOT_FOUND, 4", "UNKNOWN, 4",
        "PYTHON, 5", "IMPORT, 5", "BRIDGE_LOST, 5",
        "ABORTED, 130",
    })
    void everyErrorTypeHasItsDocumentedExitCode(ErrorType type, int exitCode) {
        assertThat(ExitStatus.of(type).code()).isEqualTo(exitCode);
    }
}
