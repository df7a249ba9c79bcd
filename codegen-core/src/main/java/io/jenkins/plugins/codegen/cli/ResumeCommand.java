package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.FollowUp;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codegen resume}: a follow-up on an existing agent run, then the run followed as {@code run} follows it. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {
            "Sends a follow-up to an existing agent run (the API's resume: the run continues with this prompt, e.g. "
                    + "after a review of its pull request), then follows the run to its end like run and prints the "
                    + "same summary, saying it was a follow-up of the run. Progress and the agent's lines go to "
                    + "stderr, the summary to stdout.",
            "",
            "A follow-up cannot be tagged, so it is sent once: when its outcome is unknown (a timeout, a dropped "
                    + "connection), it is never sent again; the run is read to tell whether it took, or the error "
                    + "says to look at the run before sending it again.",
            "",
            "--mock: the simulator starts empty and first makes the runs 1 to RUN_ID (at most 10) to follow up.",
            "",
            "The API token is read from the environment variable CODEGEN_TOKEN only. --mock needs no token.",
            ""})
final class ResumeCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The agent run to follow up.")
    long runId;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT",
            description = "What the agent is to do next, sent as written (the task prompt's optimizer does not "
                    + "apply).")
    String prompt;

    @Mixin
    ConnectionArguments connection;

    @Mixin
    Deadline deadline;

    @Mixin
    WaitChoice waitChoice;

    @Override
    ExitStatus execute(Terminal terminal) throws CodegenException, InterruptedException {
        CodegenSettings settings = connection.settings(cli.environment(), deadline::applyTo);
        TaskResult result;
        try (LocalEngine engine = LocalEngine.start(cli.environment(), settings, terminal, waitChoice.waits());
             ProgressPrinter progress = new ProgressPrinter(terminal)) {
            result = engine.integrator().processFollowUp(new FollowUp(runId, prompt), progress);
        }
        print(terminal, result);
        return !result.failed() ? ExitStatus.SUCCESS : ExitStatus.of(result.errorType());
    }

    /** The engine's last progress line has said it, with the agent run that may still be working. */
    @Override
    void reportAbort(Terminal terminal) {
    }
}
