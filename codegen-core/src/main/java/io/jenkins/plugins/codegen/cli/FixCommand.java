package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.fix.BuildFailure;
import io.jenkins.plugins.codegen.fix.CodeLocation;
import io.jenkins.plugins.codegen.fix.FailedTest;
import io.jenkins.plugins.codegen.fix.FailureEvidence;
import io.jenkins.plugins.codegen.fix.FixPolicy;
import io.jenkins.plugins.codegen.fix.FixResult;
import io.jenkins.plugins.codegen.fix.FixRunner;
import io.jenkins.plugins.codegen.fix.JUnitReports;
import io.jenkins.plugins.codegen.fix.LogExcerpt;
import io.jenkins.plugins.codegen.fix.Redactor;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code codegen fix}: asks the agent to fix a failed build of any CI system, from its console log
 * and JUnit reports, once per failure: the same failure of the same commit and job, asked twice,
 * follows one agent run.
 */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = {
            "Asks the agent to fix a failed build: sends the last lines of its console log and its failed tests, "
                    + "redacted, with where the code is, and prints the pull request. Progress goes to stderr, the "
                    + "summary to stdout.",
            "",
            "Once per failure: the agent run is tagged from the job, the commit and the failure's signature, so "
                    + "the same failure asked again follows the first run instead of starting another (--force "
                    + "starts another). Nothing is asked on a branch Codegen made.",
            "",
            "The API token is read from the environment variable CODEGEN_TOKEN only. --mock needs no token.",
            ""})
final class FixCommand extends CliCommand {
    @Option(names = "--log", required = true, paramLabel = "FILE", description = "The failed build's console log.")
    Path log;

    @Option(names = "--junit", paramLabel = "DIR", description = "JUnit XML reports: a directory of TEST-*.xml "
            + "files (e.g. target/surefire-reports) or one report file.")
    Path junit;

    @Option(names = "--repository", required = true, paramLabel = "OWNER/NAME",
            description = "The repository, as owner/name or the URL the build cloned.")
    String repository;

    @Option(names = "--branch", required = true, paramLabel = "BRANCH",
            description = "The branch that failed (origin/ is stripped).")
    String branch;

    @Option(names = "--commit", required = true, paramLabel = "SHA", description = "The full commit id that failed.")
    String commit;

    @Option(names = "--job", paramLabel = "NAME", description = "The CI job's name; part of what makes a failure the "
            + "same failure (default: the repository).")
    String job;

    @Option(names = "--build-url", paramLabel = "URL", description = "The failed build's page, for the agent and "
            + "the pull request.")
    String buildUrl;

    @Option(names = "--log-lines", paramLabel = "N", description = "How many of the log's last lines to send, 1 to "
            + "5000 (default 200).")
    int logLines = LogExcerpt.DEFAULT_LINES;

    @Option(names = "--force", description = "Start a new agent run even if an earlier fix of the same failure "
            + "started one.")
    boolean force;

    @Option(names = "--codegen-branch-prefix", paramLabel = "PREFIX", description = "Branches Codegen makes start "
            + "with this; a failure there is not fixed (default codegen; empty: fix on every branch).")
    String codegenBranchPrefix = FixPolicy.DEFAULT_CODEGEN_BRANCH_PREFIX;

    @Mixin
    PromptArguments prompt;

    @Mixin
    ConnectionArguments connection;

    @Mixin
    RunLimits limits;

    @Override
    ExitStatus execute(Terminal terminal) throws CodegenException, InterruptedException {
        if (logLines < 1 || logLines > LogExcerpt.MAX_LINES) {
            throw CodegenException.invalid(List.of(new FieldError("--log-lines", "is " + logLines + "; it must be "
                    + "from 1 to " + LogExcerpt.MAX_LINES, "Send fewer lines: the default, 200, holds most failures.")));
        }
        CodeLocation location = CodeLocation.of(repository, branch, commit);
        Optional<String> skip = new FixPolicy(codegenBranchPrefix, FixPolicy.DEFAULT_MAX_FIXES_PER_DAY)
                .skipReason(job, location.branch(), 0);
        if (skip.isPresent()) {
            reportSkip(terminal, skip.get());
            return ExitStatus.SUCCESS;
        }
        CodegenSettings settings = connection.settings(cli.environment(), this::applyTo);
        BuildFailure failure = new BuildFailure(job, buildUrl, location, evidence(terminal),
                Paths.get("").toAbsolutePath().toString());
        FixResult fix;
        try (LocalEngine engine = LocalEngine.start(cli.environment(), settings, terminal);
             ProgressPrinter progress = new ProgressPrinter(terminal)) {
            fix = new FixRunner(engine.integrator()).run(failure, force, progress);
        }
        if (json) {
            terminal.json(fix.toMap());
        } else {
            ResultSummary.of(fix.result()).forEach(terminal::print);
            terminal.print(String.format(Locale.ROOT, "%-14s%s%s", "Failure:", fix.signature().value(),
                    fix.foundEarlierRun() ? " (an earlier fix's agent run; no new run started)" : ""));
        }
        return fix.result().succeeded() ? ExitStatus.SUCCESS : ExitStatus.of(fix.result().errorType());
    }

    private FailureEvidence evidence(Terminal terminal) throws CodegenException {
        Redactor redactor = Redactor.of(SecretMasker.of(cli.environment().get("CODEGEN_TOKEN")));
        LogExcerpt excerpt;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(existing(log,
                "--log", false)), StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            excerpt = LogExcerpt.read(reader, logLines, redactor);
        } catch (IOException e) {
            throw unreadable("--log", log, e);
        }
        List<FailedTest> tests = List.of();
        if (junit != null) {
            try {
                JUnitReports.Read read = JUnitReports.read(existing(junit, "--junit", true), redactor);
                read.problems().forEach(terminal::warning);
                tests = read.failedTests();
            } catch (IOException e) {
                throw unreadable("--junit", junit, e);
            }
        }
        return new FailureEvidence(excerpt, tests);
    }

    private void applyTo(CodegenSettings.Builder settings) {
        prompt.applyTo(settings);
        limits.applyTo(settings);
    }

    private void reportSkip(Terminal terminal, String reason) {
        if (json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("status", "SKIPPED");
            map.put("reason", reason);
            terminal.json(map);
        }
        terminal.note(reason);
    }

    private static Path existing(Path file, String option, boolean directoryAllowed) throws CodegenException {
        if (Files.isRegularFile(file) || (directoryAllowed && Files.isDirectory(file))) {
            return file;
        }
        throw CodegenException.builder(ErrorType.VALIDATION, option + " '" + file + "' "
                        + (Files.isDirectory(file) ? "is a directory" : "not found"))
                .guidance("Give the path of " + (directoryAllowed ? "a report directory or file" : "the log file")
                        + (file.isAbsolute() ? "." : "; a relative path starts from the current directory, "
                        + Paths.get("").toAbsolutePath() + "."))
                .build();
    }

    private static CodegenException unreadable(String option, Path file, IOException e) {
        return CodegenException.builder(ErrorType.VALIDATION, option + " '" + file + "' could not be read: "
                + e.getMessage()).guidance("Check that the file is readable.").build();
    }

    /** The engine's last progress line has said it, with the agent run that may still be working. */
    @Override
    void reportAbort(Terminal terminal) {
    }
}
