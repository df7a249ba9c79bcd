package io.jenkins.plugins.codegen.reliability;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.cli.Cli;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One recognisable token through every command and outcome: runs that succeed and fail, status,
 * health, mock mode, debug logging, the CLI in text and JSON. Afterwards the token must appear in
 * none of: the command lines of the processes started, anything printed, the CLI's JSON, the
 * results and exception messages, the sanitized settings, any file in the temporary folders.
 */
class SecretHygieneTest {
    private static final String TOKEN = "cg-HYGIENE-7f3a9c1e5b2d";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    /** Everything that could carry the token, collected as text. */
    private final List<String> observed = new ArrayList<>();
    private final Set<String> commandLines = ConcurrentHashMap.newKeySet();

    @Test
    void theTokenAppearsNowhere() throws Exception {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        long started = System.currentTimeMillis() - 1000;
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                ProcessHandle.current().descendants()
                        .forEach(p -> p.info().commandLine().ifPresent(commandLines::add));
                try {
                    Thread.sleep(2); // every bridge lives for more than 10 ms
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        try {
            throughTheEngine(tmp);
            throughTheCli();
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertThat(commandLines).as("process command lines were seen").isNotEmpty()
                .allSatisfy(line -> assertThat(line).doesNotContain(TOKEN));
        assertThat(observed).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(TOKEN));
        assertThat(filesContainingTheToken(tmp, started)).as("files in %s", tmp).isEmpty();
    }

    private CodegenSettings.Builder settings(String spec) {
        return CodegenSettings.builder().token(TOKEN).orgId(1L).apiUrl(SIMULATOR.url(spec))
                .pythonPath(TestPython.interpreter()).timeScale(50).pollInterval(Duration.ofSeconds(1))
                .debugLogging(true);
    }

    private void throughTheEngine(Path tmp) throws Exception {
        CodegenTask task = CodegenTask.builder().title("Add input validation").description("Validate the form.")
                .requirements(List.of("Reject empty e-mail addresses")).build();
        TaskContext context = new TaskContext(new CodebaseContext("acme/webapp", "main", List.of(), List.of()),
                ProjectContext.empty());
        // Success, an echoed token, agent failure, refusals, transient faults, then status and health.
        for (String spec : List.of("success;polls=2", "success;pr_title=" + TOKEN, "failed", "auth_401",
                "fault=500;phase=create;times=1", "fault=drop_after;phase=create;times=1", "quota_402")) {
            try (LocalBridgeLauncher launcher = new LocalBridgeLauncher();
                 CodegenIntegrator engine = CodegenIntegrator.builder(settings(unique(spec)).build(), launcher)
                         .build()) {
                TaskResult result = engine.processTask(task, context, p -> observed.add(p.message()));
                observed.add(result.toMap().toString());
                observed.addAll(filesUnder(launcher.folder()));
                if (result.runId() != null) {
                    observed.add(engine.runStatus(result.runId()).toString());
                }
                observed.add(engine.getHealth().toMap().toString());
                observed.add(engine.getStatistics().toMap().toString());
            }
        }
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher();
             CodegenIntegrator engine = CodegenIntegrator.builder(settings(unique("auth_401")).build(), launcher)
                     .build()) {
            CodegenException e = catchThrowableOfType(CodegenException.class,
                    () -> engine.checkConnection(p -> observed.add(p.message())));
            observed.add(e.describe());
            observed.add(String.valueOf(e.getGuidance()));
        }
        CodegenSettings settings = settings("success").build();
        observed.add(settings.toString());
        observed.add(settings.sanitized().toString());
        // A token with a trailing newline (a careless paste) is refused without being shown.
        CodegenException invalid = catchThrowableOfType(CodegenException.class,
                () -> settings.toBuilder().token(TOKEN + "\n").build().requireValid());
        observed.add(invalid.getMessage());
    }

    private void throughTheCli() {
        String url = SIMULATOR.url(unique("success"));
        List<Cli.Result> results = List.of(
                cli().runExample("--org-id", "1", "--api-url", url, "--debug"),
                cli().runExample("--org-id", "1", "--api-url", url, "--json"),
                cli().runExample("--org-id", "1", "--api-url", SIMULATOR.url(unique("failed")), "--debug"),
                cli().runExample("--org-id", "1", "--api-url", SIMULATOR.url(unique("auth_401")), "--json"),
                cli().runExample("--mock", "--scenario", "instant", "--debug"),
                cli().run("health", "--org-id", "1", "--api-url", url, "--debug"),
                cli().run("health", "--org-id", "1", "--api-url", SIMULATOR.url(unique("auth_401")), "--json"),
                cli().run("prompt", "--task", Cli.TASK, "--context", Cli.CONTEXT));
        for (Cli.Result result : results) {
            observed.add(result.output());
        }
        assertThat(results.get(0).exitCode()).isZero();
        assertThat(results.get(3).exitCode()).isEqualTo(3);
    }

    private static Cli cli() {
        return new Cli().env("CODEGEN_TOKEN", TOKEN);
    }

    /** The text of every file below a folder (a launcher's, while it still exists). */
    private static List<String> filesUnder(Path folder) throws IOException {
        List<String> contents = new ArrayList<>();
        if (folder == null || !Files.exists(folder)) {
            return contents;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return contents;
    }

    private static List<Path> filesContainingTheToken(Path tmp, long since) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tmp, 4)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                try {
                    if (Files.getLastModifiedTime(file).toMillis() >= since && Files.size(file) < 50_000_000
                            && new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(TOKEN)) {
                        found.add(file);
                    }
                } catch (IOException unreadable) {
                    // Another user's file, or one that vanished while we looked: not ours.
                }
            }
        } catch (java.io.UncheckedIOException unreadable) {
            // A folder we may not enter is not one we wrote to.
        }
        return found;
    }
}
