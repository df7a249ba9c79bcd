package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codegen run}: a task, end to end, from its files to the pull request. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs a task end to end: validates it, builds the prompt, creates an agent run, follows it to its end "
                    + "and prints the pull request. Progress goes to stderr, the summary to stdout.",
            "",
            "--no-wait ends as soon as the agent run exists and prints its id (the summary says it was not waited "
                    + "for); codegen wait RUN_ID follows it to its end. The run is created exactly once either way.",
            "",
            "The API token is read from the environment variable CODEGEN_TOKEN only: no option takes it, because a "
                    + "command line is visible to other users of the machine. --mock needs no token.",
            ""})
final class RunCommand extends CliCommand {
    @Mixin
    TaskArguments files;

    @Mixin
    PromptArguments prompt;

    @Mixin
    ConnectionArguments connection;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationValue.class,
            description = "The whole task's deadline, retries and the agent run included: 90s, 30m, 1h "
                    + "(default 30m); overrides CODEGEN_TIMEOUT.")
    Duration timeout;

    @Option(names = "--max-retries", paramLabel = "N",
            description = "Further attempts after a failure that another attempt may fix (default 3).")
    Integer maxRetries;

    @Option(names = "--no-wait", description = "Return as soon as the agent run exists: print its id and page, "
            + "exit 0; follow it later with codegen wait RUN_ID. With --mock the simulated run ends with this command.")
    boolean noWait;

    @Override
    ExitStatus execute(Terminal terminal) throws CodegenException, InterruptedException {
        TaskArguments.Input input = files.read(terminal);
        CodegenSettings settings = connection.settings(cli.environment(), this::applyTo);
        TaskResult result;
        try (LocalEngine engine = LocalEngine.start(cli.environment(), settings, terminal, !noWait);
             ProgressPrinter progress = new ProgressPrinter(terminal)) {
            result = engine.integrator().processTask(input.task(), input.context(), progress);
        }
        if (json) {
            terminal.json(result.toMap());
        } else {
            ResultSummary.of(result).forEach(terminal::print);
        }
        return !result.failed() ? ExitStatus.SUCCESS : ExitStatus.of(result.errorType());
    }

    private void applyTo(CodegenSettings.Builder settings) {
        prompt.applyTo(settings);
        if (timeout != null) {
            settings.timeout(timeout);
        }
        if (maxRetries != null) {
            settings.maxRetries(maxRetries);
        }
    }

    /** The engine's last progress line has said it, with the agent run that may still be working. */
    @Override
    void reportAbort(Terminal terminal) {
    }
}
