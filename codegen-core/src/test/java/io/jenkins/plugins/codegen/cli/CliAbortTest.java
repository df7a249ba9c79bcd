package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a run: the shutdown hook interrupts the task, the bridge and the simulator are
 * stopped, the user learns which agent run may still be working, and the exit code is 130.
 */
class CliAbortTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path tmpdir;

    @Test
    void ctrlCStopsTheBridgeAndNamesTheAgentRunThatMayStillBeWorking() throws Exception {
        // The CLI makes its folder under TMPDIR, so this run's processes are told from any other's.
        Cli cli = new Cli().env("TMPDIR", tmpdir.toString());
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                () -> cli.runExample("--mock", "--scenario", "duration=600"));
        Cli.Result result;
        Set<Long> started;
        try {
            awaitStderr(cli, "Agent run 1 created");
            started = processesUnder(tmpdir);
        } finally {
            cli.hooks().pressCtrlC();
            result = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(started).as("bridge and simulator were running").hasSize(2);
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(130);
        assertThat(result.stderr()).contains("Aborted. Agent run 1 may still be working.");
        assertThat(result.stdout()).isEmpty();
        assertThat(processesUnder(tmpdir)).as("bridge and simulator stopped").isEmpty();
        assertThat(cli.hooks().registered()).isEmpty();
    }

    private static void awaitStderr(Cli cli, String text) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!cli.stderr().contains(text)) {
            assertThat(System.nanoTime()).as("waiting for '%s' in: %s", text, cli.stderr()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * The bridge and simulator processes that run from a folder under {@code root}. Both run detached
     * (in a session of their own, no longer this JVM's children), so they are found among all
     * processes by their command lines, which name their folder.
     */
    private static Set<Long> processesUnder(Path root) {
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String line = p.info().commandLine().orElse("");
                    return line.contains(root.toString())
                            && line.matches(".*(import codegen_bridge|codegen_simulator\\.py).*");
                })
                .filter(io.jenkins.plugins.codegen.testing.TestPython::running)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
