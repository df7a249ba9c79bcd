package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options that say where and how to reach Codegen. There is deliberately no option for the
 * token: a command line is visible to every user of the machine, so it comes from
 * {@code CODEGEN_TOKEN} only.
 */
final class ConnectionArguments {
    @Option(names = "--mock", description = "Talk to a simulated Codegen API started on this machine: no token, "
            + "no network. Same as CODEGEN_ENABLE_MOCK=true.")
    boolean mock;

    @Option(names = "--scenario", paramLabel = "SPEC", description = "With --mock: how the simulated API behaves, "
            + "e.g. failed, no_pr, rate_limited, 'success;polls=3' (default success; see docs/simulator.md).")
    String scenario;

    @Option(names = "--org-id", paramLabel = "N",
            description = "Your organization id (https://codegen.com/token shows it); overrides CODEGEN_ORG_ID.")
    Long orgId;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "The Codegen API (default https://api.codegen.com); overrides CODEGEN_API_URL.")
    String apiUrl;

    @Option(names = "--python", paramLabel = "PATH", description = "The Python 3.8+ interpreter that runs the "
            + "bridge (default python3); overrides PYTHON_PATH.")
    String python;

    @Option(names = "--backend", paramLabel = "NAME", converter = Converters.BackendName.class,
            description = "How the bridge talks to Codegen: rest (default), sdk or auto; overrides CODEGEN_BACKEND.")
    Backend backend;

    @Option(names = "--debug", description = "Show the bridge's request summaries (never the token), and a stack "
            + "trace if codegen itself fails unexpectedly.")
    boolean debug;

    /**
     * The settings the CLI documents: the {@code CODEGEN_*} variables, then these options, then the
     * command's own.
     *
     * @throws CodegenException a {@code VALIDATION} failure naming every bad option or variable
     */
    CodegenSettings settings(Map<String, String> environment, Consumer<CodegenSettings.Builder> commandOptions)
            throws CodegenException {
        CodegenSettings.Builder builder = CodegenSettings.fromEnvironment(environment);
        applyTo(builder);
        commandOptions.accept(builder);
        CodegenSettings settings = builder.build();
        List<FieldError> errors = new ArrayList<>(settings.validate());
        if (scenario != null && !settings.mock()) {
            errors.add(new FieldError("--scenario", "only applies in mock mode",
                    "Add --mock to run against the simulated API, or leave --scenario out to use Codegen."));
        }
        OptionNames.requireNone(errors);
        return settings;
    }

    private void applyTo(CodegenSettings.Builder builder) {
        if (mock) {
            builder.mock(true);
        }
        if (scenario != null) {
            builder.mockScenario(scenario);
        }
        if (orgId != null) {
            builder.orgId(orgId);
        }
        if (apiUrl != null) {
            builder.apiUrl(apiUrl);
        }
        if (python != null) {
            builder.pythonPath(python);
        }
        if (backend != null) {
            builder.backend(backend);
        }
        if (debug) {
            builder.debugLogging(true);
        }
    }
}
