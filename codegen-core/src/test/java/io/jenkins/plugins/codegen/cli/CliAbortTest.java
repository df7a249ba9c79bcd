package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C during a run: the shutdown hook interrupts the task, the bridge and the simulator are
 * stopped, the user learns which agent run may still be working, and the exit code is 130.
 */
class CliAbortTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void ctrlCStopsTheBridgeAndNamesTheAgentRunThatMayStillBeWorking() throws Exception {
        Set<Long> before = pythonChildren();
        Cli cli = new Cli();
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                () -> cli.runExample("--mock", "--scenario", "duration=600"));
        awaitStderr(cli, "Agent run 1 created");
        Set<Long> started = new HashSet<>(pythonChildren());
        started.removeAll(before);
        assertThat(started).as("bridge and simulator running").hasSize(2);

        cli.hooks().pressCtrlC();

        Cli.Result result = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(result.stderr()).contains("Aborted. Agent run 1 may still be working.");
        assertThat(result.stdout()).isEmpty();
        assertThat(pythonChildren()).as("bridge and simulator stopped").doesNotContainAnyElementsOf(started);
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
     * The ids of the bridge and simulator processes that run. Both run detached (in a session of
     * their own, no longer this JVM's children), so they are found among all processes by their
     * command lines.
     */
    private static Set<Long> pythonChildren() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").matches(".*(import codegen_bridge|codegen_simulator\\.py).*"))
                .filter(io.jenkins.plugins.codegen.testing.TestPython::running)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
