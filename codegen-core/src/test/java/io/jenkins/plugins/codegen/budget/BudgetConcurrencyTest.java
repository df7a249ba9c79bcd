package io.jenkins.plugins.codegen.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.testing.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds that ask at the same moment: exactly as many runs as the budget has, never one more. */
class BudgetConcurrencyTest {
    @TempDir
    Path home;

    @Test
    void fiftyBuildsRacingForABudgetOfTenStartExactlyTen() throws Exception {
        MutableClock clock = new MutableClock(BudgetLedgerTest.START);
        BudgetLedger ledger = BudgetLedger.open(home.resolve("codegen-budgets.json"), clock);
        int builds = 50;
        CountDownLatch ready = new CountDownLatch(builds);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < builds; i++) {
                // Each build is its own job in the folder: only the folder's budget is shared.
                List<ScopeBudget> request = List.of(new ScopeBudget(BudgetScope.global(), null),
                        new ScopeBudget(BudgetScope.folder("team-a"), new BudgetLimits(10, null)),
                        new ScopeBudget(BudgetScope.job("team-a/job-" + i), new BudgetLimits(1, 1)));
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        ledger.take(request);
                        return true;
                    } catch (CodegenException refused) {
                        return false;
                    }
                }));
            }
            ready.await();
            go.countDown();
            int started = 0;
            for (Future<Boolean> outcome : outcomes) {
                started += outcome.get() ? 1 : 0;
            }
            assertThat(started).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        BudgetLedger restarted = BudgetLedger.open(home.resolve("codegen-budgets.json"), clock);
        assertThat(restarted.snapshot().scope("team-a").orElseThrow().usedLastHour()).isEqualTo(10);
        assertThat(restarted.snapshot().scope("").orElseThrow().usedLastHour()).isEqualTo(10);
    }
}
