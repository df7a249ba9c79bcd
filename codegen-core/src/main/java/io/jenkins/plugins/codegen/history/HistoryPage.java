package io.jenkins.plugins.codegen.history;

import java.util.List;

/**
 * One page of a job's history, newest task first.
 *
 * @param request what was asked
 * @param rows the page's tasks, newest first; fewer than asked on the last page
 * @param hasNext whether an older task exists after the page
 * @param buildsRead how many builds were read to make the page (the cost of the page)
 */
public record HistoryPage(PageRequest request, List<HistoryRow> rows, boolean hasNext, int buildsRead) {

    public HistoryPage {
        rows = List.copyOf(rows);
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
