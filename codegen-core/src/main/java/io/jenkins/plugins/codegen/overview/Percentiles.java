package io.jenkins.plugins.codegen.overview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Percentiles by nearest rank, as the management page's 95th percentile: always a time that one
 * task really took, never an interpolation between two.
 */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The smallest value at or below which {@code percent} percent of the values lie; null for none.
     * The median of 1, 2, 3, 4 is 2.
     */
    public static Duration nearestRank(Collection<Duration> values, double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is above 0 and at most 100: " + percent);
        }
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
