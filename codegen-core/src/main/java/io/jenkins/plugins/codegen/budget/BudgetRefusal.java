package io.jenkins.plugins.codegen.budget;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The words of a refused request: which scope is used up, its limit and window, and when it frees up. */
final class BudgetRefusal {
    static final String PHASE = "budget";
    private static final String NOTHING_CREATED = " No agent run was created.";

    /**
     * One window of one scope that has no room.
     *
     * @param freesAt when a run fits again; null for a limit of 0, which never frees up by itself
     * @param failClosed whether it is full because the ledger started from a corrupt file
     */
    record Full(ScopeBudget budget, BudgetWindow window, int limit, int used, Instant freesAt, boolean failClosed) {
    }

    private BudgetRefusal() {
    }

    /** The refusal for every full window, the first of the request first. */
    static CodegenException of(List<Full> full, Instant now, ZoneId zone, String failClosedProblem) {
        Full first = full.get(0);
        String scope = first.budget().scope().describe();
        if (first.limit() == 0) {
            return exception("Codegen budget: " + scope + " allows no agent runs (its limit per " + first.window().unit()
                    + " is 0), so nothing runs there until an administrator raises that limit." + NOTHING_CREATED,
                    "Ask a Jenkins administrator to raise the budget of " + scope + "; a limit of 0 turns Codegen off "
                            + "there, and running again will not help.");
        }
        StringBuilder message = new StringBuilder();
        if (first.failClosed()) {
            message.append("Codegen budget: the budget file could not be read when Jenkins started (")
                    .append(failClosedProblem).append("), so every budget counts as used up for one window from then: ")
                    .append(scope).append(" (").append(runsPer(first)).append(") frees up at ")
                    .append(BudgetTimes.at(first.freesAt(), now, zone)).append('.');
        } else {
            message.append("Codegen budget used up: ").append(scope).append(" allows ").append(runsPer(first))
                    .append(", and ").append(first.used()).append(first.used() == 1 ? " was" : " were")
                    .append(" started ").append(first.window().lately()).append("; the next one fits at ")
                    .append(BudgetTimes.at(first.freesAt(), now, zone)).append('.');
        }
        List<Full> others = full.subList(1, full.size());
        if (!others.isEmpty()) {
            message.append(" Also used up:");
            String separator = " ";
            for (Full other : others) {
                message.append(separator).append(other.budget().scope().describe()).append(" (").append(runsPer(other))
                        .append(other.freesAt() == null ? ", for good" : ", until "
                                + BudgetTimes.at(other.freesAt(), now, zone)).append(')');
                separator = "; ";
            }
            message.append('.');
        }
        message.append(NOTHING_CREATED);
        String guidance = first.failClosed()
                ? "Wait until then, or have a Jenkins administrator look at the budget file that was set aside and "
                        + "reset the budgets; until one of these, every scope with a limit counts as used up."
                : "Wait until then, or ask a Jenkins administrator to raise the budget of " + scope
                        + "; running again sooner will not help.";
        return exception(message.toString(), guidance);
    }

    /** The ledger could not save a take: refusing keeps a restart from forgetting it. */
    static CodegenException unsaved(String file, Exception problem) {
        return exception("Codegen budget: the budget file " + file + " could not be saved (" + problem
                + "), so no agent run was started: a run the file does not record could overrun a budget after a "
                + "restart." + NOTHING_CREATED,
                "Check the free space and the permissions of the controller's folder for " + file
                        + ", then run again.");
    }

    private static String runsPer(Full full) {
        return BudgetLimits.runs(full.limit()) + " per " + full.window().unit();
    }

    private static CodegenException exception(String message, String guidance) {
        return CodegenException.builder(ErrorType.BUDGET, message).guidance(guidance).retryable(false)
                .phase(PHASE).createOutcome(CreateOutcome.NOT_CREATED).build();
    }
}
