package io.jenkins.plugins.codegen.budget;

import static io.jenkins.plugins.codegen.budget.BudgetLedgerTest.START;
import static io.jenkins.plugins.codegen.budget.BudgetLedgerTest.folderLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on disk: a restart keeps the counts, a corrupt file fails closed, a failed save takes nothing. */
class BudgetLedgerFileTest {
    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(START);

    private Path file() {
        return home.resolve("codegen-budgets.json");
    }

    @Test
    void aRestartKeepsWhatWasTaken() throws Exception {
        BudgetLedger before = BudgetLedger.open(file(), clock);
        before.take(folderLimit(2, null));
        before.take(folderLimit(2, null));

        BudgetLedger after = BudgetLedger.open(file(), clock);

        assertThat(catchThrowableOfType(() -> after.take(folderLimit(2, null)), CodegenException.class).getMessage())
                .contains("folder team-a allows 2 agent runs per hour, and 2 were started");
        assertThat(after.snapshot().scope("team-a").orElseThrow().usedLastHour()).isEqualTo(2);
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("codegen-budgets.json");
        }
    }

    @Test
    void theFileIsPlainJsonAndKeepsOnlyTheLastDay() throws Exception {
        BudgetLedger ledger = BudgetLedger.open(file(), clock);
        ledger.take(folderLimit(null, 5));
        clock.advance(Duration.ofHours(25));
        ledger.take(List.of(new ScopeBudget(BudgetScope.global(), null)));

        String json = Files.readString(file());
        assertThat(json).contains("\"version\" : 1").contains("\"key\" : \"\"").doesNotContain("team-a");
    }

    @Test
    void aCorruptFileFailsClosedUntilTheWindowHasPassedAndSaysSo() throws Exception {
        Files.writeString(file(), "{\"version\": 1, \"scopes\": [", StandardCharsets.UTF_8);

        BudgetLedger ledger = BudgetLedger.open(file(), clock);

        assertThat(ledger.failClosed()).hasValueSatisfying(closed -> {
            assertThat(closed.until()).isEqualTo(START.plus(Duration.ofHours(24)));
            assertThat(closed.message()).startsWith("The budget file could not be read when Jenkins started (")
                    .contains("codegen-budgets.json is not valid").contains("set aside as")
                    .contains("every limit counts as used up for one window from then: hourly limits until "
                            + "2026-03-04T11:00:00Z, daily limits until 2026-03-05T10:00:00Z. Scopes without limits "
                            + "run as usual");
        });
        CodegenException refused = catchThrowableOfType(() -> ledger.take(folderLimit(10, null)),
                CodegenException.class);
        assertThat(refused.getErrorType()).isEqualTo(ErrorType.BUDGET);
        assertThat(refused.getMessage()).startsWith("Codegen budget: the budget file could not be read when Jenkins "
                + "started (").contains("so every budget counts as used up for one window from then: folder team-a "
                + "(10 agent runs per hour) frees up at 2026-03-04 11:00:00 UTC (in 1 hour).");
        assertThat(refused.getGuidance()).contains("look at the budget file that was set aside");
        // A scope with no limit has nothing to overrun.
        ledger.take(List.of(new ScopeBudget(BudgetScope.global(), null)));

        clock.advance(Duration.ofHours(1));
        ledger.take(folderLimit(10, null));
        assertThat(catchThrowableOfType(() -> ledger.take(folderLimit(null, 10)), CodegenException.class))
                .hasMessageContaining("frees up at 2026-03-05 10:00:00 UTC");
        clock.advance(Duration.ofHours(23));
        ledger.take(folderLimit(null, 10));
        assertThat(ledger.failClosed()).isEmpty();
    }

    @Test
    void theCorruptFileIsSetAsideAndARestartStillFailsClosed() throws Exception {
        Files.writeString(file(), "not json", StandardCharsets.UTF_8);
        BudgetLedger.open(file(), clock);

        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("codegen-budgets.json.corrupt-" + START.toEpochMilli());
        }
        clock.advance(Duration.ofMinutes(10));
        BudgetLedger restarted = BudgetLedger.open(file(), clock);
        assertThat(restarted.failClosed()).hasValueSatisfying(closed ->
                assertThat(closed.since()).isEqualTo(START));
    }

    @Test
    void aFileThatBreaksTheRulesIsCorruptToo() throws Exception {
        Files.writeString(file(), "{\"version\": 1, \"scopes\": [{\"key\": \"team-a\", \"kind\": \"FOLDER\", "
                + "\"perHour\": -3, \"takes\": []}]}", StandardCharsets.UTF_8);

        assertThat(BudgetLedger.open(file(), clock).failClosed()).isPresent();
    }

    @Test
    void anAdministratorCanLiftTheFailClosedStart() throws Exception {
        Files.writeString(file(), "", StandardCharsets.UTF_8);
        BudgetLedger ledger = BudgetLedger.open(file(), clock);

        ledger.resetFailClosed();

        ledger.take(folderLimit(1, 1));
        assertThat(BudgetLedger.open(file(), clock).failClosed()).isEmpty();
    }

    @Test
    void aTakeThatCannotBeSavedIsRefusedAndTakesNothing() throws Exception {
        Path folder = home.resolve("state");
        BudgetLedger ledger = BudgetLedger.open(folder.resolve("codegen-budgets.json"), clock);
        Files.writeString(folder, "a file where the folder should be");

        CodegenException refused = catchThrowableOfType(() -> ledger.take(folderLimit(5, null)), CodegenException.class);

        assertThat(refused.getErrorType()).isEqualTo(ErrorType.BUDGET);
        assertThat(refused.getMessage()).contains("could not be saved").contains("no agent run was started");
        assertThat(ledger.snapshot().scopes()).isEmpty();
    }

    @Test
    void aDeletedFolderIsForgottenWithWhatIsInsideAndTheOthersKeepTheirCounts() throws Exception {
        BudgetLedger ledger = BudgetLedger.open(file(), clock);
        ledger.take(folderLimit(5, null));
        ledger.take(List.of(new ScopeBudget(BudgetScope.global(), null), new ScopeBudget(BudgetScope.folder("team-ab"), null)));

        ledger.forget("team-a");

        BudgetSnapshot snapshot = BudgetLedger.open(file(), clock).snapshot();
        assertThat(snapshot.scopes()).extracting(s -> s.scope().key()).containsExactly("", "team-ab");
        assertThat(snapshot.scope("").orElseThrow().usedLastHour()).isEqualTo(2);
    }

    @Test
    void aMovedFolderTakesItsCountsAndThoseOfItsJobsAlong() throws Exception {
        BudgetLedger ledger = BudgetLedger.open(file(), clock);
        ledger.take(folderLimit(2, null));
        ledger.take(List.of(new ScopeBudget(BudgetScope.global(), null),
                new ScopeBudget(BudgetScope.folder("team-b"), new BudgetLimits(2, null))));

        ledger.rename("team-a", "team-b");

        BudgetSnapshot snapshot = BudgetLedger.open(file(), clock).snapshot();
        assertThat(snapshot.scopes()).extracting(s -> s.scope().key()).containsExactly("", "team-b", "team-b/webapp");
        assertThat(snapshot.scope("team-b").orElseThrow().usedLastHour()).isEqualTo(2);
        assertThat(snapshot.scope("team-b/webapp").orElseThrow().scope().kind()).isEqualTo(BudgetScope.Kind.JOB);
        assertThat(catchThrowableOfType(() -> ledger.take(List.of(new ScopeBudget(BudgetScope.global(), null),
                new ScopeBudget(BudgetScope.folder("team-b"), new BudgetLimits(2, null)))), CodegenException.class))
                .hasMessageContaining("folder team-b allows 2 agent runs per hour, and 2 were started");
    }
}
