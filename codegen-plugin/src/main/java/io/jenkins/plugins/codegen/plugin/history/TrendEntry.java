package io.jenkins.plugins.codegen.plugin.history;

import io.jenkins.plugins.codegen.history.TrendPoint;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One build of the trend, in the history page's table and its REST API: the charts' numbers without script. */
@ExportedBean(defaultVisibility = 2)
public final class TrendEntry {
    private final TrendPoint point;

    TrendEntry(TrendPoint point) {
        this.point = point;
    }

    @Exported
    public int getBuild() {
        return point.build();
    }

    @Exported
    public int getSucceeded() {
        return point.succeeded();
    }

    @Exported
    public int getFailed() {
        return point.failed();
    }

    @Exported
    public int getAborted() {
        return point.aborted();
    }

    /** Tasks still running, or whose agent run works on without the build waiting. */
    @Exported
    public int getUnfinished() {
        return point.unfinished();
    }

    @Exported
    public int getPullRequests() {
        return point.pullRequests();
    }

    /** The mean time of the build's tasks that opened a pull request, in ms; null when none did. */
    @Exported
    public Long getTimeToPullRequestMs() {
        return point.timeToPullRequestMs();
    }

    /** The same, in whole seconds, as the chart draws it; empty when none was opened. */
    public String getTimeToPullRequestText() {
        Long seconds = point.timeToPullRequestSeconds();
        return seconds == null ? "" : seconds + " s";
    }
}
