package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the subcommands share: the environment and streams of {@link CodegenCli}, Ctrl-C handling,
 * and how an expected failure ends a command: a message, what to do, an exit code, never a stack
 * trace.
 */
abstract class CliCommand implements Callable<Integer> {
    @ParentCommand
    CodegenCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout; progress and "
            + "messages stay on stderr.")
    boolean json;

    @Override
    public final Integer call() {
        Terminal terminal = cli.terminal(spec.commandLine());
        AbortOnShutdown abort = AbortOnShutdown.forCurrentThread(cli.shutdownHooks());
        try {
            return executeAndReport(terminal).code();
        } finally {
            // Only now may a Ctrl-C let the JVM halt: everything is said and cleaned up.
            abort.close();
        }
    }

    private ExitStatus executeAndReport(Terminal terminal) {
        try {
            return execute(terminal);
        } catch (CodegenException e) {
            if (json) {
                terminal.json(failure(e));
            }
            terminal.error(e);
            return ExitStatus.of(e.getErrorType());
        } catch (InterruptedException e) {
            reportAbort(terminal);
            return ExitStatus.ABORTED;
        }
    }

    /** Does the command's work; everything it opens is closed by the time it returns or throws. */
    abstract ExitStatus execute(Terminal terminal) throws CodegenException, InterruptedException;

    /** A task's outcome as {@code run}, {@code resume} and {@code wait} print it: JSON or the summary. */
    void print(Terminal terminal, TaskResult result) {
        if (json) {
            terminal.json(result.toMap());
        } else {
            ResultSummary.of(result).forEach(terminal::print);
        }
    }

    void reportAbort(Terminal terminal) {
        terminal.note("Aborted.");
    }

    /** The keys a failed {@code TaskResult} uses, so that a script reads every failure the same way. */
    private static Map<String, Object> failure(CodegenException e) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", "FAILED");
        map.put("errorType", e.getErrorType().wireName());
        map.put("errorMessage", e.getMessage());
        map.put("guidance", e.getGuidance());
        return map;
    }
}
