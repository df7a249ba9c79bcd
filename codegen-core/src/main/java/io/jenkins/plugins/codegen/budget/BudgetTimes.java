package io.jenkins.plugins.codegen.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How a budget message states a time: the controller's clock, and how far away it is. */
final class BudgetTimes {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("z", Locale.ROOT);

    private BudgetTimes() {
    }

    /** {@code 2026-03-04 14:32:05 UTC (in 12 minutes)}. */
    static String at(Instant when, Instant now, ZoneId zone) {
        ZonedDateTime local = when.atZone(zone);
        // The offset zero prints as "Z", which few people read as UTC.
        String zoneName = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : ZONE.format(local);
        return FORMAT.format(local) + " " + zoneName + " (" + in(Duration.between(now, when)) + ")";
    }

    /** {@code in 12 minutes}, {@code in 3 hours 5 minutes}, {@code in 40 seconds}. */
    static String in(Duration wait) {
        long seconds = Math.max(0, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        if (seconds < 60) {
            return "in " + count(seconds, "second");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return "in " + count(minutes, "minute");
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return "in " + count(hours, "hour") + (rest == 0 ? "" : " " + count(rest, "minute"));
    }

    private static String count(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
