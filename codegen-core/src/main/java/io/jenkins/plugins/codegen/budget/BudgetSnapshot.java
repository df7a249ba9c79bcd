package io.jenkins.plugins.codegen.budget;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the budgets have used and have left, for the management page and its REST API. Lists the
 * scopes that started a run in the last 24 hours, with the limits of their latest run; a scope that
 * is configured but idle is not in it (the page takes its limits from the configuration).
 *
 * @param at when it was taken
 * @param failClosed present while the ledger fails closed after reading a corrupt file
 */
public record BudgetSnapshot(Instant at, List<ScopeState> scopes, Optional<FailClosed> failClosed) {
    public BudgetSnapshot {
        scopes = List.copyOf(scopes);
    }

    /** The state of one scope, by its key ({@code ""} for the global one). */
    public Optional<ScopeState> scope(String key) {
        return scopes.stream().filter(s -> s.scope().key().equals(BudgetScope.normalize(key))).findFirst();
    }

    /**
     * One scope's use.
     *
     * @param hourFreesAt when the hour window has room again; empty when it has room now or its limit is 0
     * @param dayFreesAt the same for the day window
     */
    public record ScopeState(BudgetScope scope, BudgetLimits limits, int usedLastHour, int usedLastDay,
                             Optional<Instant> hourFreesAt, Optional<Instant> dayFreesAt) {

        public int used(BudgetWindow window) {
            return window == BudgetWindow.HOUR ? usedLastHour : usedLastDay;
        }

        /** Runs that may still start in the window; empty for no limit. */
        public Optional<Integer> left(BudgetWindow window) {
            Integer limit = limits.limit(window);
            if (limit == null) {
                return Optional.empty();
            }
            return Optional.of(freesAt(window).isPresent() ? 0 : Math.max(0, limit - used(window)));
        }

        public Optional<Instant> freesAt(BudgetWindow window) {
            return window == BudgetWindow.HOUR ? hourFreesAt : dayFreesAt;
        }
    }

    /**
     * The ledger started from a file it could not read and counts every limited window as used up
     * until {@code until}.
     *
     * @param problem what was wrong with the file and where it was set aside
     */
    public record FailClosed(Instant since, Instant until, String problem) {
        /** One sentence for the management page. */
        public String message() {
            return "The budget file could not be read when Jenkins started (" + problem + "). Since what ran "
                    + "before is unknown, every limit counts as used up for one window from then: hourly limits until "
                    + since.plus(BudgetWindow.HOUR.length()) + ", daily limits until " + until + ". Scopes without "
                    + "limits run as usual; resetting the budgets lifts this.";
        }
    }
}
