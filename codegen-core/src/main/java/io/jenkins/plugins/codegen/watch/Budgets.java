package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.integrator.OrganizationBudget;

/**
 * Which {@link OrganizationBudget} a run's reads count against. By default the one the engine's
 * bridges use for the same API and organization, so that waits and bridges together stay within the
 * API's read limit.
 */
@FunctionalInterface
public interface Budgets {
    /** The JVM's shared budgets, as the bridges' tasks use them (real time). */
    Budgets SHARED = (apiUrl, orgId) -> OrganizationBudget.of(apiUrl, orgId, 1.0);

    /** No budget: for the simulator, which enforces no limit unless asked to. */
    Budgets UNLIMITED = (apiUrl, orgId) -> OrganizationBudget.unlimited();

    OrganizationBudget budget(String apiUrl, long orgId);
}
