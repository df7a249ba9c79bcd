package io.jenkins.plugins.codegen.plugin.budget;

import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import hudson.model.Job;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.budget.BudgetScope;
import io.jenkins.plugins.codegen.budget.BudgetScopes;
import io.jenkins.plugins.codegen.budget.ScopeBudget;
import java.util.List;
import java.util.function.Function;

/**
 * The scopes a job's agent runs count in, each with its current limits. A branch job of a
 * multibranch project (its parent computes its children) counts in the project's scope: branch
 * jobs come and go with their branches, and a budget per branch job would be no budget at all.
 */
public final class JobBudgets {
    /** Where the limits of a scope come from, until the folder and job settings give them. */
    private static volatile Function<BudgetScope, BudgetLimits> limits = scope -> BudgetLimits.unlimited();

    private JobBudgets() {
    }

    /** What to hand the ledger for a run of {@code job}: global, its folders (outermost first), the job. */
    public static List<ScopeBudget> request(Job<?, ?> job) {
        Function<BudgetScope, BudgetLimits> current = limits;
        return BudgetScopes.chain(job.getFullName(), isBranchJob(job)).stream()
                .map(scope -> new ScopeBudget(scope, current.apply(scope))).toList();
    }

    /** The limits set for a scope now. */
    public static BudgetLimits limitsOf(BudgetScope scope) {
        return limits.apply(scope);
    }

    /** The scope a job's runs count in as "the job". */
    public static BudgetScope jobScope(Job<?, ?> job) {
        return BudgetScopes.jobScope(job.getFullName(), isBranchJob(job));
    }

    static boolean isBranchJob(Job<?, ?> job) {
        return job.getParent() instanceof ComputedFolder<?>;
    }

    /** For the tests, until the folder and job settings exist. */
    static void limitsForTesting(Function<BudgetScope, BudgetLimits> value) {
        limits = value;
    }
}
