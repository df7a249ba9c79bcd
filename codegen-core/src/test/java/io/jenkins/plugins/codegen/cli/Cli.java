package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the CLI in-process as a shell would, with its own environment (never this JVM's, so that a
 * developer's CODEGEN_TOKEN cannot leak into a test) and captured stdout and stderr.
 */
public final class Cli {
    public static final Path EXAMPLES = Path.of("..", "examples");
    public static final String TASK = EXAMPLES.resolve("task-feature.json").toString();
    public static final String CONTEXT = EXAMPLES.resolve("context.json").toString();

    private final Map<String, String> environment = new HashMap<>();
    private final RecordingShutdownHooks hooks = new RecordingShutdownHooks();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public Cli() {
        environment.put("PYTHON_PATH", TestPython.interpreter());
    }

    public Cli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    RecordingShutdownHooks hooks() {
        return hooks;
    }

    /** What the CLI printed so far; safe to read while it runs. */
    public String stdout() {
        return out.toString();
    }

    public String stderr() {
        return err.toString();
    }

    /** Runs one command line; a {@code Cli} is for one run, as its output accumulates. */
    public Result run(String... args) {
        var commandLine = CodegenCli.commandLine(environment, hooks);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, stdout(), stderr());
    }

    /** {@code run --task <feature> --context <context>} followed by the given arguments. */
    public Result runExample(String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--task", TASK, "--context", CONTEXT));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    public record Result(int exitCode, String stdout, String stderr) {
        /** Everything the user saw. */
        public String output() {
            return stdout + stderr;
        }
    }
}
