package io.jenkins.plugins.codegen.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * How many agent runs one scope may start per hour and per day. {@code null} is no limit; 0 lets
 * nothing run in the scope (a way to switch a team's Codegen off without touching its jobs).
 *
 * @param perHour runs in any 60 minutes, or null
 * @param perDay runs in any 24 hours, or null
 */
public record BudgetLimits(Integer perHour, Integer perDay) {
    /**
     * The largest limit, per window. The Codegen API itself starts at most 10 runs a minute for an
     * organization (14,400 a day); the ledger keeps a day's runs per scope up to this many, so
     * counts stay exact and the file stays small.
     */
    public static final int MAX_LIMIT = 10_000;

    private static final BudgetLimits UNLIMITED = new BudgetLimits(null, null);

    public BudgetLimits {
        check("per hour", perHour);
        check("per day", perDay);
    }

    private static void check(String what, Integer limit) {
        if (limit != null && (limit < 0 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("a budget of " + limit + " agent runs " + what
                    + " is not possible: give a number from 0 to " + MAX_LIMIT + ", or none for no limit");
        }
    }

    public static BudgetLimits unlimited() {
        return UNLIMITED;
    }

    /** The limit of one window, or null for none. */
    public Integer limit(BudgetWindow window) {
        return window == BudgetWindow.HOUR ? perHour : perDay;
    }

    public boolean isUnlimited() {
        return perHour == null && perDay == null;
    }

    /** {@code 10 agent runs per hour and 100 per day}, {@code no agent runs}, {@code no limit}. */
    public String describe() {
        if (isUnlimited()) {
            return "no limit";
        }
        if (Integer.valueOf(0).equals(perHour) || Integer.valueOf(0).equals(perDay)) {
            return "no agent runs (a limit of 0)";
        }
        List<String> parts = new ArrayList<>();
        for (BudgetWindow window : BudgetWindow.values()) {
            Integer limit = limit(window);
            if (limit != null) {
                parts.add((parts.isEmpty() ? runs(limit) : String.valueOf(limit)) + " per " + window.unit());
            }
        }
        return String.join(" and ", parts);
    }

    static String runs(int count) {
        return count + (count == 1 ? " agent run" : " agent runs");
    }
}
