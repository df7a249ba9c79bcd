package io.jenkins.plugins.codegen.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a page of the history from builds handed newest first, one at a time, and stops as soon as
 * it holds the page plus one row (which tells whether there is a next page): a job of thousands of
 * builds loads only the builds its page shows.
 */
public final class HistoryPager {

    private HistoryPager() {
    }

    public static HistoryPage read(Iterator<BuildTasks> newestFirst, PageRequest request) {
        long wanted = (long) request.start() + request.size() + 1;
        List<HistoryRow> rows = new ArrayList<>();
        List<TrendPoint> builds = new ArrayList<>();
        long seen = 0;
        int buildsRead = 0;
        while (seen < wanted && newestFirst.hasNext()) {
            BuildTasks build = newestFirst.next();
            buildsRead++;
            List<HistoryRow> tasks = build.rows();
            int shown = rows.size();
            for (int i = tasks.size() - 1; i >= 0 && seen < wanted; i--, seen++) {
                if (seen >= request.start() && rows.size() < request.size()) {
                    rows.add(tasks.get(i));
                }
            }
            if (rows.size() > shown) {
                builds.add(TrendPoint.of(build));
            }
        }
        return new HistoryPage(request, rows, seen > (long) request.start() + request.size(), buildsRead, builds);
    }
}
