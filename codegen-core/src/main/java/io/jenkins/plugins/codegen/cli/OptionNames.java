package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The engine names a bad setting as the plugin's configuration does ({@code orgId}); on the command
 * line the user knows it by its option and variable. This renames the fields of validation errors,
 * and tells how to give the token here, where no option takes it.
 */
final class OptionNames {
    static final String TOKEN_REMEDY = "Set the environment variable CODEGEN_TOKEN to your API token from "
            + "https://codegen.com/token, on one line. No option takes the token: a command line is visible to "
            + "other users of the machine.";

    private static final Map<String, String> NAMES = Map.of(
            "orgId", "--org-id (or CODEGEN_ORG_ID)",
            "apiUrl", "--api-url (or CODEGEN_API_URL)",
            "pythonPath", "--python (or PYTHON_PATH)",
            "timeout", "--timeout (or CODEGEN_TIMEOUT)",
            "maxRetries", "--max-retries",
            "maxPromptLength", "--max-prompt-length",
            "mockScenario", "--scenario");

    private OptionNames() {
    }

    /** @throws CodegenException a {@code VALIDATION} failure listing the errors, if there are any */
    static void requireNone(List<FieldError> errors) throws CodegenException {
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors.stream().map(OptionNames::rename).toList())
                    .toBuilder().guidance("Correct the options or variables named above; nothing was sent to Codegen.")
                    .build();
        }
    }

    private static FieldError rename(FieldError error) {
        if (error.field().equals("token")) {
            return new FieldError("CODEGEN_TOKEN", error.problem(), TOKEN_REMEDY);
        }
        return new FieldError(NAMES.getOrDefault(error.field(), error.field()), error.problem(), error.remedy());
    }
}
