package io.jenkins.plugins.codegen.settings;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in settings and environment variables: a whole number with a
 * unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 90s}, {@code 30m}, {@code 1h}), or a
 * bare number of milliseconds, as the original system's {@code CODEGEN_TIMEOUT} was.
 * {@link #format(Duration)} writes the same form, so what a settings view shows can be pasted back.
 */
public final class DurationText {
    /** At most 18 digits, so that every number fits a {@code long}. */
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
    private static final long MILLIS_PER_HOUR = 3_600_000;
    private static final long MILLIS_PER_MINUTE = 60_000;
    private static final long MILLIS_PER_SECOND = 1_000;

    private DurationText() {
    }

    /** The duration the text describes; empty when it is not one (negative, fractional, unknown unit, too long). */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2).toLowerCase(Locale.ROOT);
        try {
            return Optional.of(Duration.of(amount, chronoUnit(unit)));
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
    }

    private static ChronoUnit chronoUnit(String unit) {
        return switch (unit) {
            case "h" -> ChronoUnit.HOURS;
            case "m" -> ChronoUnit.MINUTES;
            case "s" -> ChronoUnit.SECONDS;
            default -> ChronoUnit.MILLIS;
        };
    }

    /**
     * The duration in the largest unit that states it exactly: {@code 30m}, {@code 90s}, {@code 1500ms},
     * {@code 0s}. A duration that is not a whole number of milliseconds, or too long to count them, is
     * written as ISO-8601 ({@code PT0.0005S}) so that nothing is lost.
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long millis;
        try {
            millis = duration.toMillis();
        } catch (ArithmeticException tooLong) {
            return duration.toString();
        }
        if (!duration.equals(Duration.ofMillis(millis))) {
            return duration.toString();
        }
        if (millis % MILLIS_PER_HOUR == 0) {
            return millis / MILLIS_PER_HOUR + "h";
        }
        if (millis % MILLIS_PER_MINUTE == 0) {
            return millis / MILLIS_PER_MINUTE + "m";
        }
        if (millis % MILLIS_PER_SECOND == 0) {
            return millis / MILLIS_PER_SECOND + "s";
        }
        return millis + "ms";
    }
}
