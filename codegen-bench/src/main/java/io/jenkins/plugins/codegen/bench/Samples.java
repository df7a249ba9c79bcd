package io.jenkins.plugins.codegen.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timings of one probe, in nanoseconds, and their order statistics. */
final class Samples {
    private final List<Long> nanos = new ArrayList<>();

    void add(long value) {
        nanos.add(value);
    }

    int count() {
        return nanos.size();
    }

    long median() {
        return percentile(50);
    }

    /** Nearest rank: the smallest sample with at least {@code p} % of the samples at or below it. */
    long percentile(double p) {
        if (nanos.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
