package io.jenkins.plugins.codegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    private final StringWriter err = new StringWriter();
    private final Terminal terminal = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(err),
            SecretMasker.none());

    @Test
    void linesCarryTheElapsedTimeAndTheOutcomeIsLeftToTheSummary() {
        try (ProgressPrinter printer = new ProgressPrinter(terminal, Duration.ofHours(1))) {
            printer.onProgress(new Progress(Progress.Kind.RUN_CREATED, "Agent run 12 created: http://x/12", 12L,
                    "http://x/12", null, null));
            printer.onProgress(new Progress(Progress.Kind.SUCCEEDED, "Pull request #3 opened", 12L, null, null, null));
        }

        assertThat(err.toString()).matches("\\[  0\\.\\ds] Agent run 12 created: http://x/12\\R");
    }

    @Test
    void aQuietWaitPrintsOneStillWaitingLineAPeriodNotASpinner() throws InterruptedException {
        Duration quiet = Duration.ofMillis(200);
        long started = System.nanoTime();
        try (ProgressPrinter printer = new ProgressPrinter(terminal, quiet)) {
            printer.onProgress(new Progress(Progress.Kind.RUN_CREATED, "Agent run 12 created", 12L, null, null, null));
            Thread.sleep(1_000);
        }
        long periods = (System.nanoTime() - started) / quiet.toNanos();

        long heartbeats = err.toString().lines().filter(line -> line.endsWith("] Still waiting for agent run 12"))
                .count();
        assertThat(heartbeats).isBetween(1L, periods);
        assertThat(err.toString()).doesNotContain("\r");
    }
}
