package io.jenkins.plugins.codegen.bench;

import java.util.Locale;

/** How figures are written: always in the root locale, so that the docs do not depend on the machine's. */
final class Units {
    private Units() {
    }

    static String millis(long nanos) {
        return format("%.1f ms", nanos / 1e6);
    }

    static String micros(long nanos) {
        return format("%.0f µs", nanos / 1e3);
    }

    static String seconds(double seconds) {
        return format("%.2f s", seconds);
    }

    static String megabytes(long bytes) {
        return format("%.1f MB", bytes / (1024.0 * 1024.0));
    }

    static String ratio(double value) {
        return format("%.2f", value);
    }

    static String grouped(long value) {
        return format("%,d", value);
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
