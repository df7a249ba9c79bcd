package io.jenkins.plugins.codegen.overview;

import java.time.Duration;
import java.time.Instant;

/** The spans an overview looks back over, ending now. */
public enum Window {
    LAST_7_DAYS(7), LAST_30_DAYS(30);

    private final int days;

    Window(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    /** The longest span: what a reader of builds must go back to, and no further. */
    public static Window longest() {
        return LAST_30_DAYS;
    }

    /** The earliest start that still counts at {@code now}. */
    public Instant since(Instant now) {
        return now.minus(Duration.ofDays(days));
    }

    /** Whether something that started at {@code started} falls in this span at {@code now}. */
    public boolean contains(Instant started, Instant now) {
        return !started.isBefore(since(now));
    }
}
