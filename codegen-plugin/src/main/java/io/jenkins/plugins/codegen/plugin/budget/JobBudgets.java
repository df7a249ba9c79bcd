package io.jenkins.plugins.codegen.plugin.budget;

import hudson.model.Job;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.budget.ScopeBudget;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.scope.ScopeSettings;
import java.util.List;

/**
 * The scopes a job's agent runs count in, each with the limits its settings give now: global, every
 * folder the job is in (outermost first), the job. A branch job of a multibranch project counts in
 * the project's scope: branch jobs come and go with their branches, and a budget per branch job
 * would be no budget at all.
 */
final class JobBudgets {
    private JobBudgets() {
    }

    /** What to hand the ledger for a run of {@code job}. A step cannot set a budget, so none is asked. */
    static List<ScopeBudget> request(Job<?, ?> job) {
        return ScopeSettings.resolve(job, null).budgetRequest();
    }

    /** The global budget as configured now, for the page while no run has counted in it. */
    static BudgetLimits global() {
        return CodegenGlobalConfiguration.get().getGlobalBudget();
    }
}
