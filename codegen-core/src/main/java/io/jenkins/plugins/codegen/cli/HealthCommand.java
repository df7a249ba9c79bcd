package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.bridge.HealthReport;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code codegen health}: is the configuration good enough to run a task? */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {
            "Checks the token and the organization with one authenticated call, and says whose token it is. "
                    + "Creates no agent run.",
            "",
            "The API token is read from the environment variable CODEGEN_TOKEN only.",
            ""})
final class HealthCommand extends CliCommand {
    @Mixin
    ConnectionArguments connection;

    @Override
    ExitStatus execute(Terminal terminal) throws CodegenException, InterruptedException {
        CodegenSettings settings = connection.settings(cli.environment(), builder -> { });
        HealthReport report;
        try (LocalEngine engine = LocalEngine.start(cli.environment(), settings, terminal);
             ProgressPrinter progress = new ProgressPrinter(terminal)) {
            report = engine.integrator().checkConnection(progress);
        }
        // sanitized() masks a user name or password in the URL, should one ever pass validation.
        String api = settings.mock() ? "the simulated Codegen API (mock mode)"
                : String.valueOf(settings.sanitized().get("apiUrl"));
        if (json) {
            terminal.json(toMap(api, report));
        } else {
            terminal.print("Connected to " + api);
            terminal.print(String.format(Locale.ROOT, "%-14s%s", "Token of:", report.user()));
            terminal.print(String.format(Locale.ROOT, "%-14s%s (id %d)", "Organization:", report.organizationName(),
                    report.organizationId()));
        }
        return ExitStatus.SUCCESS;
    }

    private static Map<String, Object> toMap(String api, HealthReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", "OK");
        map.put("api", api);
        map.put("user", report.user());
        map.put("organizationId", report.organizationId());
        map.put("organizationName", report.organizationName());
        return map;
    }
}
