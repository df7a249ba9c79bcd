package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.watch.EnvironmentProxy;
import io.jenkins.plugins.codegen.watch.PollPolicy;
import io.jenkins.plugins.codegen.watch.WatchState;
import io.jenkins.plugins.codegen.watch.Watcher;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code codegen wait}: follows an agent run that exists to its end, in Java, without the bridge. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {
            "Waits for an existing agent run to end and prints the same summary as run: the pull request, or the "
                    + "error type and what to do. Reads the run as the bridge does (5 s, then slower while nothing "
                    + "changes, at most 120 s), in this process: no Python, no bridge. Exit codes as for run.",
            "",
            "The API token is read from the environment variable CODEGEN_TOKEN only. --mock does not apply: "
                    + "mock mode's simulator starts empty. To try it, point --api-url at a running simulator "
                    + "(docs/cli.md).",
            ""})
final class WaitCommand extends CliCommand {
    /** Only the standard growth: the CLI has no option for it, as the Jenkins configuration has none. */
    private static final double POLL_GROWTH = 0.1;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The agent run to wait for.")
    long runId;

    @Mixin
    ConnectionArguments connection;

    @Mixin
    Deadline deadline;

    @Override
    ExitStatus execute(Terminal terminal) throws CodegenException, InterruptedException {
        CodegenSettings settings = connection.settings(cli.environment(), deadline::applyTo);
        requireUsable(settings);
        EnvironmentProxy proxy = EnvironmentProxy.of(cli.environment());
        TaskResult result;
        try (Watcher watcher = Watcher.builder()
                .poll(new PollPolicy(settings.pollInterval(), settings.maxPollInterval(), POLL_GROWTH))
                .requestTimeout(settings.requestTimeout())
                .proxy(proxy.isSet() ? proxy : null, proxy.authenticator()).build();
             ProgressPrinter progress = new ProgressPrinter(terminal)) {
            WatchState state = watcher.stateFor(settings.apiUrl(), settings.orgId().orElseThrow(), runId,
                    settings.timeout());
            result = watcher.await(state, settings.token().orElseThrow(), progress);
        }
        print(terminal, result);
        return result.succeeded() ? ExitStatus.SUCCESS : ExitStatus.of(result.errorType());
    }

    private void requireUsable(CodegenSettings settings) throws CodegenException {
        if (runId <= 0) {
            throw CodegenException.invalid(List.of(new FieldError("RUN_ID", "must be a positive number",
                    "Give the id of the agent run, as codegen run or the run's page shows it.")));
        }
        if (settings.mock()) {
            throw CodegenException.invalid(List.of(new FieldError("--mock", "does not apply to wait",
                    "Mock mode's simulator starts empty, so there is no run to wait for. Start the simulator, "
                            + "create a run and pass --api-url (docs/cli.md shows how).")));
        }
    }

    /** The watcher's last progress line has said it, with the agent run that may still be working. */
    @Override
    void reportAbort(Terminal terminal) {
    }
}
