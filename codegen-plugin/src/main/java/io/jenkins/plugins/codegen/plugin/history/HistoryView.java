package io.jenkins.plugins.codegen.plugin.history;

import io.jenkins.plugins.codegen.history.HistoryPage;
import java.util.List;

/** One page of the history as the page and the REST API show it, with the links to its neighbours. */
public final class HistoryView {
    private final HistoryPage page;
    private final List<HistoryEntry> tasks;

    HistoryView(HistoryPage page, List<HistoryEntry> tasks) {
        this.page = page;
        this.tasks = List.copyOf(tasks);
    }

    HistoryPage getPage() {
        return page;
    }

    public List<HistoryEntry> getTasks() {
        return tasks;
    }

    public List<TrendEntry> getBuilds() {
        return page.builds().stream().map(TrendEntry::new).toList();
    }

    public int getPageNumber() {
        return page.request().pageNumber();
    }

    public boolean isHasPrevious() {
        return page.hasPrevious();
    }

    public boolean isHasNext() {
        return page.hasNext();
    }

    /** The query of the newer page, e.g. {@code ?start=25&size=25}. */
    public String getPreviousQuery() {
        return query(page.previousStart());
    }

    /** The query of the older page. */
    public String getNextQuery() {
        return query(page.nextStart());
    }

    private String query(int start) {
        return "?start=" + start + "&size=" + page.request().size();
    }
}
