package io.jenkins.plugins.codegen.budget;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The budget file's shape. Checked as it is read: a file that breaks a rule here is corrupt, and
 * the ledger then fails closed rather than trusting half of it.
 *
 * @param version {@link #VERSION}
 * @param failClosedSince when the ledger last started from a corrupt file, epoch ms, or null
 * @param failClosedProblem what was wrong with that file
 * @param scopes each scope that started a run in the last 24 hours
 */
record LedgerState(int version, Long failClosedSince, String failClosedProblem, List<ScopeRecord> scopes) {
    static final int VERSION = 1;

    LedgerState {
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version + " is not " + VERSION
                    + " (written by another version of the plugin?)");
        }
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Set<String> keys = new HashSet<>();
        for (ScopeRecord scope : scopes) {
            if (!keys.add(scope.key())) {
                throw new IllegalArgumentException("scope '" + scope.key() + "' is listed twice");
            }
        }
    }

    /**
     * One scope's runs.
     *
     * @param takes the start of each counted run, epoch ms
     */
    record ScopeRecord(String key, BudgetScope.Kind kind, Integer perHour, Integer perDay, List<Long> takes) {
        ScopeRecord {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            takes = List.copyOf(Objects.requireNonNull(takes, "takes"));
            // Both constructors check their part: the scope's key and kind, the limits' range.
            new BudgetScope(kind, key);
            new BudgetLimits(perHour, perDay);
        }

        static ScopeRecord of(ScopeUsage usage) {
            return new ScopeRecord(usage.scope().key(), usage.scope().kind(), usage.limits().perHour(),
                    usage.limits().perDay(), usage.takes());
        }

        ScopeUsage toUsage() {
            return new ScopeUsage(new BudgetScope(kind, key), new BudgetLimits(perHour, perDay), takes);
        }
    }
}
