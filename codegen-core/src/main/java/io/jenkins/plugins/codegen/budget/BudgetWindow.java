package io.jenkins.plugins.codegen.budget;

import java.time.Duration;

/**
 * The two windows a budget counts agent runs in. Both slide: "10 per hour" means at most 10 runs
 * started in any 60 minutes, so a run taken at 10:20 comes back at 11:20, not at the top of an hour.
 * Fixed windows would let 20 runs through around 11:00 (10 at 10:59, 10 at 11:00), which is not what
 * an administrator who wrote "10 per hour" expects.
 */
public enum BudgetWindow {
    HOUR(Duration.ofHours(1), "hour", "in the last hour"),
    DAY(Duration.ofHours(24), "day", "in the last 24 hours");

    private final Duration length;
    private final String unit;
    private final String lately;

    BudgetWindow(Duration length, String unit, String lately) {
        this.length = length;
        this.unit = unit;
        this.lately = lately;
    }

    public Duration length() {
        return length;
    }

    /** {@code hour} or {@code day}, as in "10 per hour". */
    public String unit() {
        return unit;
    }

    /** {@code in the last hour}, {@code in the last 24 hours}. */
    public String lately() {
        return lately;
    }
}
