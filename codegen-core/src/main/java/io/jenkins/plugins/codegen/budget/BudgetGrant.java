package io.jenkins.plugins.codegen.budget;

import java.time.Instant;
import java.util.List;

/**
 * The units one request took: one in each of its scopes, all at the same moment. Kept by the caller
 * only to {@link BudgetLedger#giveBack give them back} when no agent run was created after all.
 *
 * @param scopes the scopes' keys, as in the request
 * @param takenAt when the units were taken
 */
public record BudgetGrant(List<String> scopes, Instant takenAt) {
    public BudgetGrant {
        scopes = List.copyOf(scopes);
    }
}
