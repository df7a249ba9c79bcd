package io.jenkins.plugins.codegen.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The job's trend: one point per build that ran a task, oldest first, over the job's newest builds.
 *
 * @param points one per build with tasks, oldest first
 * @param buildsRead how many builds were read
 */
public record Trend(List<TrendPoint> points, int buildsRead) {
    /** As many builds as JUnit's test trend shows by default: the chart stays readable. */
    public static final int DEFAULT_BUILDS = 50;

    public Trend {
        points = List.copyOf(points);
    }

    /** Reads at most {@code maxBuilds} builds, newest first; builds without a task make no point. */
    public static Trend read(Iterator<BuildTasks> newestFirst, int maxBuilds) {
        List<TrendPoint> points = new ArrayList<>();
        int read = 0;
        while (read < maxBuilds && newestFirst.hasNext()) {
            BuildTasks build = newestFirst.next();
            read++;
            if (!build.rows().isEmpty()) {
                points.add(TrendPoint.of(build));
            }
        }
        Collections.reverse(points);
        return new Trend(points, read);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
