package io.jenkins.plugins.codegen.history;

import java.util.List;

/**
 * One page of a job's history, newest task first.
 *
 * @param request what was asked
 * @param rows the page's tasks, newest first; fewer than asked on the last page
 * @param hasNext whether an older task exists after the page
 * @param buildsRead how many builds were read to make the page (the cost of the page)
 * @param builds the figures of each build with a task on the page, newest first: the trend's numbers
 *               for those builds, read with no more builds than the page needs
 */
public record HistoryPage(PageRequest request, List<HistoryRow> rows, boolean hasNext, int buildsRead,
        List<TrendPoint> builds) {

    public HistoryPage {
        rows = List.copyOf(rows);
        builds = List.copyOf(builds);
    }

    public int start() {
        return request.start();
    }

    public boolean hasPrevious() {
        return request.start() > 0;
    }

    /** The row the next page starts at. */
    public int nextStart() {
        return request.start() + request.size();
    }

    /** The row the previous page starts at, 0 at the least. */
    public int previousStart() {
        return Math.max(0, request.start() - request.size());
    }
}
