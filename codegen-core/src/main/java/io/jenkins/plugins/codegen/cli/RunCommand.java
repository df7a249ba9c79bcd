package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    RunLimits limits;

    @Mixin
    WaitChoice waitChoice;

    @Override
    ExitStatus execute(Terminal terminal) throws CodegenException, InterruptedException {
        TaskArguments.Input input = files.read(terminal);
        CodegenSettings settings = connection.settings(cli.environment(), this::applyTo);
        TaskResult result;
        try (LocalEngine engine = LocalEngine.start(cli.environment(), settings, terminal, waitChoice.waits());
             ProgressPrinter progress = new ProgressPrinter(terminal)) {
            result = engine.integrator().processTask(input.task(), input.context(), progress);
        }
        print(terminal, result);
        return !result.failed() ? ExitStatus.SUCCESS : ExitStatus.of(result.errorType());
    }

    private void applyTo(CodegenSettings.Builder settings) {
        prompt.applyTo(settings);
        limits.applyTo(settings);
    }

    /** The engine's last progress line has said it, with the agent run that may still be working. */
    @Override
    void reportAbort(Terminal terminal) {
    }
}
