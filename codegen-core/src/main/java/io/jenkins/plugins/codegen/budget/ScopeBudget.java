package io.jenkins.plugins.codegen.budget;

import java.util.Objects;

/**
 * One scope of a request and the limits that apply there now. The limits travel with each request
 * (they live in the configuration, which an administrator may change at any time), so the ledger
 * always checks against the current ones.
 */
public record ScopeBudget(BudgetScope scope, BudgetLimits limits) {
    public ScopeBudget {
        Objects.requireNonNull(scope, "scope");
        limits = Objects.requireNonNullElse(limits, BudgetLimits.unlimited());
    }
}
