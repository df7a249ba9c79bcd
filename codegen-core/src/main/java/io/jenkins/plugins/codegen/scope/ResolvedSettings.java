package io.jenkins.plugins.codegen.scope;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.budget.ScopeBudget;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's effective settings, each with where it came from, and the budgets its run counts in.
 *
 * @param budgets every scope the run counts in, outermost first (global, folders, job), each with
 *        its limits and where they were set
 */
public record ResolvedSettings(Resolved<String> credentialsId, Resolved<Long> orgId,
                               Resolved<OptimizationLevel> optimizationLevel, Resolved<Backend> backend,
                               Resolved<Duration> timeout, Resolved<Boolean> mock, List<ResolvedBudget> budgets) {

    public ResolvedSettings {
        budgets = List.copyOf(budgets);
    }

    /**
     * One scope's budget.
     *
     * @param provenance e.g. {@code budget 10 agent runs per hour in folder team-a}; empty when the scope has no limit
     */
    public record ResolvedBudget(ScopeBudget budget, SettingsSource source, String provenance) {
    }

    /** What to hand the budget ledger: every scope with its current limits, outermost first. */
    public List<ScopeBudget> budgetRequest() {
        return budgets.stream().map(ResolvedBudget::budget).toList();
    }

    /**
     * One line per setting and per budget that has a limit, for the step's log and the build page:
     * {@code organization 42 from folder team-a}.
     */
    public List<String> provenance() {
        List<String> lines = new ArrayList<>();
        for (Resolved<?> setting : List.of(credentialsId, orgId, optimizationLevel, backend, timeout, mock)) {
            lines.add(setting.provenance());
        }
        budgets.stream().map(ResolvedBudget::provenance).filter(line -> !line.isEmpty()).forEach(lines::add);
        return lines;
    }
}
