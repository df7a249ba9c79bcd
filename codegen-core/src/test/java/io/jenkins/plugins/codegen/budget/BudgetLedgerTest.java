package io.jenkins.plugins.codegen.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting in sliding windows, all or nothing over the scopes of a request, and the refusal's words. */
class BudgetLedgerTest {
    static final Instant START = Instant.parse("2026-03-04T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final BudgetLedger ledger = BudgetLedger.inMemory(clock);

    static List<ScopeBudget> request(BudgetLimits global, BudgetLimits folder, BudgetLimits job) {
        return List.of(new ScopeBudget(BudgetScope.global(), global),
                new ScopeBudget(BudgetScope.folder("team-a"), folder),
                new ScopeBudget(BudgetScope.job("team-a/webapp"), job));
    }

    static List<ScopeBudget> folderLimit(Integer perHour, Integer perDay) {
        return request(BudgetLimits.unlimited(), new BudgetLimits(perHour, perDay), BudgetLimits.unlimited());
    }

    private CodegenException refusal(List<ScopeBudget> request) {
        return (CodegenException) org.assertj.core.api.Assertions.catchThrowable(() -> ledger.take(request));
    }

    @Test
    void aFullHourIsRefusedNamingTheScopeItsLimitAndWhenItFreesUp() throws Exception {
        for (int i = 0; i < 3; i++) {
            ledger.take(folderLimit(3, null));
            clock.advance(Duration.ofMinutes(10));
        }

        CodegenException refused = refusal(folderLimit(3, null));

        assertThat(refused.getErrorType()).isEqualTo(ErrorType.BUDGET);
        assertThat(refused.isRetryable()).isFalse();
        assertThat(refused.getCreateOutcome()).isEqualTo(CreateOutcome.NOT_CREATED);
        assertThat(refused.getMessage()).isEqualTo("Codegen budget used up: folder team-a allows 3 agent runs per "
                + "hour, and 3 were started in the last hour; the next one fits at 2026-03-04 11:00:00 UTC "
                + "(in 30 minutes). No agent run was created.");
        assertThat(refused.getGuidance()).isEqualTo("Wait until then, or ask a Jenkins administrator to raise the "
                + "budget of folder team-a; running again sooner will not help.");
        assertThat(refused.describe()).startsWith("[budget] Codegen budget used up");
    }

    @Test
    void theWindowSlidesARunComesBackOneHourAfterItStarted() throws Exception {
        ledger.take(folderLimit(2, null));
        clock.advance(Duration.ofMinutes(20));
        ledger.take(folderLimit(2, null));

        clock.advance(Duration.ofMinutes(39));
        assertThat(refusal(folderLimit(2, null))).isNotNull();
        clock.advance(Duration.ofMinutes(1));
        ledger.take(folderLimit(2, null));
        assertThat(refusal(folderLimit(2, null)).getMessage()).contains("fits at 2026-03-04 11:20:00 UTC (in 20 minutes)");
    }

    @Test
    void theDayWindowCountsTheLast24Hours() throws Exception {
        for (int i = 0; i < 4; i++) {
            ledger.take(folderLimit(null, 4));
            clock.advance(Duration.ofHours(2));
        }
        CodegenException refused = refusal(folderLimit(null, 4));
        assertThat(refused.getMessage()).contains("folder team-a allows 4 agent runs per day, and 4 were started in "
                + "the last 24 hours; the next one fits at 2026-03-05 10:00:00 UTC (in 16 hours)");

        clock.set(START.plus(Duration.ofHours(24)));
        ledger.take(folderLimit(null, 4));
    }

    @Test
    void aRefusedRequestTakesNothingInAnyScope() throws Exception {
        ledger.take(folderLimit(1, null));
        BudgetSnapshot before = ledger.snapshot();

        assertThat(refusal(folderLimit(1, null))).isNotNull();

        assertThat(ledger.snapshot().scopes()).isEqualTo(before.scopes());
        assertThat(ledger.snapshot().scope("").orElseThrow().usedLastHour()).isEqualTo(1);
        assertThat(ledger.snapshot().scope("team-a/webapp").orElseThrow().usedLastHour()).isEqualTo(1);
    }

    @Test
    void anotherJobInTheFolderSharesTheFolderBudget() throws Exception {
        BudgetLimits two = new BudgetLimits(2, null);
        ledger.take(List.of(new ScopeBudget(BudgetScope.global(), null),
                new ScopeBudget(BudgetScope.folder("team-a"), two), new ScopeBudget(BudgetScope.job("team-a/api"), null)));
        ledger.take(request(null, two, null));

        CodegenException refused = refusal(List.of(new ScopeBudget(BudgetScope.global(), null),
                new ScopeBudget(BudgetScope.folder("team-a"), two), new ScopeBudget(BudgetScope.job("team-a/cli"), null)));
        assertThat(refused.getMessage()).contains("folder team-a allows 2 agent runs per hour, and 2 were started");

        ledger.take(List.of(new ScopeBudget(BudgetScope.global(), null),
                new ScopeBudget(BudgetScope.folder("team-b"), two), new ScopeBudget(BudgetScope.job("team-b/cli"), null)));
    }

    @Test
    void theFirstFullScopeLeadsAndTheOthersAreListed() throws Exception {
        List<ScopeBudget> request = request(new BudgetLimits(null, 1), new BudgetLimits(1, null),
                BudgetLimits.unlimited());
        ledger.take(request);

        assertThat(refusal(request).getMessage()).isEqualTo("Codegen budget used up: the global budget allows 1 agent "
                + "run per day, and 1 was started in the last 24 hours; the next one fits at 2026-03-05 10:00:00 UTC "
                + "(in 24 hours). Also used up: folder team-a (1 agent run per hour, until 2026-03-04 11:00:00 UTC "
                + "(in 1 hour)). No agent run was created.");
    }

    @Test
    void aLimitOfZeroLetsNothingRunAndSaysSo() {
        CodegenException refused = refusal(request(null, null, new BudgetLimits(0, 20)));

        assertThat(refused.getMessage()).isEqualTo("Codegen budget: job team-a/webapp allows no agent runs (its "
                + "limit per hour is 0), so nothing runs there until an administrator raises that limit. No agent "
                + "run was created.");
        assertThat(refused.getGuidance()).contains("raise the budget of job team-a/webapp; a limit of 0 turns Codegen off");
        assertThat(ledger.snapshot().scopes()).isEmpty();
    }

    @Test
    void noLimitIsUnlimitedButStillCounted() throws Exception {
        for (int i = 0; i < 500; i++) {
            ledger.take(request(null, BudgetLimits.unlimited(), null));
        }
        BudgetSnapshot.ScopeState folder = ledger.snapshot().scope("team-a").orElseThrow();
        assertThat(folder.usedLastHour()).isEqualTo(500);
        assertThat(folder.left(BudgetWindow.HOUR)).isEmpty();
        assertThat(folder.freesAt(BudgetWindow.HOUR)).isEmpty();
    }

    @Test
    void aLimitLoweredBelowWhatRanFreesUpWhenEnoughRunsHaveLeftTheWindow() throws Exception {
        for (int i = 0; i < 5; i++) {
            ledger.take(folderLimit(10, null));
            clock.advance(Duration.ofMinutes(5));
        }
        // Runs at 10:00, 10:05, ... 10:20; with a limit of 2, the one of 10:15 must leave first.
        assertThat(refusal(folderLimit(2, null)).getMessage())
                .contains("allows 2 agent runs per hour, and 5 were started in the last hour; the next one fits at "
                        + "2026-03-04 11:15:00 UTC");
    }

    @Test
    void theSnapshotShowsUseLimitsWhatIsLeftAndWhenAFullWindowFreesUp() throws Exception {
        ledger.take(request(new BudgetLimits(100, 1000), new BudgetLimits(2, 5), new BudgetLimits(null, 1)));
        clock.advance(Duration.ofMinutes(30));

        BudgetSnapshot snapshot = ledger.snapshot();
        assertThat(snapshot.at()).isEqualTo(START.plus(Duration.ofMinutes(30)));
        assertThat(snapshot.failClosed()).isEmpty();
        assertThat(snapshot.scopes()).extracting(s -> s.scope().key()).containsExactly("", "team-a", "team-a/webapp");
        BudgetSnapshot.ScopeState folder = snapshot.scope("team-a").orElseThrow();
        assertThat(folder.limits()).isEqualTo(new BudgetLimits(2, 5));
        assertThat(folder.usedLastHour()).isEqualTo(1);
        assertThat(folder.left(BudgetWindow.HOUR)).contains(1);
        assertThat(folder.left(BudgetWindow.DAY)).contains(4);
        BudgetSnapshot.ScopeState job = snapshot.scope("team-a/webapp").orElseThrow();
        assertThat(job.left(BudgetWindow.DAY)).contains(0);
        assertThat(job.dayFreesAt()).contains(START.plus(Duration.ofHours(24)));
        assertThat(job.hourFreesAt()).isEmpty();

        clock.advance(Duration.ofHours(24));
        assertThat(ledger.snapshot().scopes()).isEmpty();
    }

    @Test
    void aGrantGivenBackNoLongerCounts() throws Exception {
        BudgetGrant grant = ledger.take(folderLimit(1, null));
        ledger.giveBack(grant);

        ledger.take(folderLimit(1, null));
        assertThat(ledger.snapshot().scope("team-a").orElseThrow().usedLastHour()).isEqualTo(1);
    }

    @Test
    void aRequestMustNameEachScopeOnce() {
        assertThatThrownBy(() -> ledger.take(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.take(List.of(new ScopeBudget(BudgetScope.folder("a"), null),
                new ScopeBudget(BudgetScope.folder("a/"), null)))).hasMessageContaining("folder a is named twice");
    }
}
