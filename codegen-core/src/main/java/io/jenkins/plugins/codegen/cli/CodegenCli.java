package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorClassifier;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code codegen}: the engine on the command line, for trying a task before wiring it into a
 * pipeline, and for scripts. The environment and the shutdown hooks are passed in, and no command
 * calls {@link System#exit}, so that tests run the whole CLI in-process.
 */
@Command(name = "codegen", mixinStandardHelpOptions = true, versionProvider = CodegenCli.Version.class,
        resourceBundle = "io.jenkins.plugins.codegen.cli.OptionTexts",
        description = {"Hands a coding task to the Codegen AI agent (codegen.com) and brings back a pull request.",
            ""},
        subcommands = {RunCommand.class, WaitCommand.class, ResumeCommand.class, FixCommand.class, PromptCommand.class,
            HealthCommand.class})
public final class CodegenCli {
    private static final String[] ENVIRONMENT_HELP = {
        "  CODEGEN_TOKEN        the API token (codegen.com/token); no option takes it",
        "  CODEGEN_ORG_ID       organization id (--org-id)",
        "  CODEGEN_API_URL      Codegen API URL (--api-url)",
        "  PYTHON_PATH          Python interpreter (--python)",
        "  CODEGEN_TIMEOUT      task deadline, in ms or as 90s, 30m, 1h (--timeout)",
        "  CODEGEN_ENABLE_MOCK  true for mock mode (--mock)",
        "  CODEGEN_BACKEND      rest, sdk or auto (--backend)",
        "  CODEGEN_ENVIRONMENT  production, staging, development or test: the defaults",
        "Options on the command line win over the variables.",
    };

    private final Map<String, String> environment;
    private final ShutdownHooks shutdownHooks;
    private final SecretMasker masker;

    private CodegenCli(Map<String, String> environment, ShutdownHooks shutdownHooks) {
        this.environment = Map.copyOf(environment);
        this.shutdownHooks = shutdownHooks;
        this.masker = SecretMasker.of(environment.get("CODEGEN_TOKEN"));
    }

    public static void main(String[] args) {
        // While a shutdown hook runs (Ctrl-C), exit() blocks until the JVM halts, with status 130.
        System.exit(commandLine(System.getenv(), ShutdownHooks.runtime()).execute(args));
    }

    /** The CLI on this environment; set its streams with {@link CommandLine#setOut} and {@link CommandLine#setErr}. */
    static CommandLine commandLine(Map<String, String> environment, ShutdownHooks shutdownHooks) {
        CodegenCli cli = new CodegenCli(environment, shutdownHooks);
        CommandLine commandLine = new CommandLine(cli)
                .setParameterExceptionHandler(cli::usageError)
                .setExecutionExceptionHandler(cli::unexpectedFailure);
        addFooters(commandLine.getCommandSpec());
        commandLine.getSubcommands().values().forEach(sub -> addFooters(sub.getCommandSpec()));
        return commandLine;
    }

    /** Generated rather than written in each annotation, so that the lists cannot drift apart. */
    private static void addFooters(CommandSpec command) {
        Map<String, String> codes = new LinkedHashMap<>();
        Arrays.stream(ExitStatus.values()).forEach(status -> codes.put(Integer.toString(status.code()),
                status.description()));
        UsageMessageSpec usage = command.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        // The variables matter to the commands that reach Codegen, and to the overview.
        if (command.parent() == null || command.findOption("--api-url") != null) {
            usage.footerHeading("%nEnvironment:%n").footer(ENVIRONMENT_HELP);
        }
    }

    Map<String, String> environment() {
        return environment;
    }

    ShutdownHooks shutdownHooks() {
        return shutdownHooks;
    }

    Terminal terminal(CommandLine command) {
        return new Terminal(command.getOut(), command.getErr(), masker);
    }

    /** A mistyped command line: say what is wrong and where help is, without the whole usage text. */
    private int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        if (args.length == 0) {
            command.usage(command.getErr());
            return ExitStatus.INVALID_INPUT.code();
        }
        Terminal terminal = terminal(command);
        if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("--token"))) {
            // picocli's message would quote the value that follows: the token itself.
            terminal.note("Error: there is no --token option. " + OptionNames.TOKEN_REMEDY);
        } else {
            terminal.note("Error: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, command.getErr());
        }
        terminal.note("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        return ExitStatus.INVALID_INPUT.code();
    }

    /** A bug, not an expected failure: its stack trace is for {@code --debug}, and for the bug report. */
    private int unexpectedFailure(Exception e, CommandLine command, ParseResult parseResult) {
        Terminal terminal = terminal(command);
        CodegenException failure = ErrorClassifier.classify(e);
        terminal.error(failure);
        ParseResult subcommand = parseResult.subcommand();
        if (subcommand != null && subcommand.hasMatchedOption("--debug")) {
            terminal.stackTrace(e);
        }
        return ExitStatus.of(failure.getErrorType()).code();
    }

    /** The version Maven recorded in the jar; "dev" when running from classes, as tests do. */
    static final class Version implements IVersionProvider {
        private static final String POM_PROPERTIES =
                "/META-INF/maven/io.jenkins.plugins.codegen/codegen-core/pom.properties";

        @Override
        public String[] getVersion() {
            return new String[] {"codegen " + version()};
        }

        private static String version() {
            try (InputStream in = CodegenCli.class.getResourceAsStream(POM_PROPERTIES)) {
                if (in == null) {
                    return "dev";
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "dev");
            } catch (IOException e) {
                return "dev";
            }
        }
    }
}
