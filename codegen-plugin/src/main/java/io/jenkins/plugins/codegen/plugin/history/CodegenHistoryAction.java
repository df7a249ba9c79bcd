package io.jenkins.plugins.codegen.plugin.history;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.codegen.history.HistoryPage;
import io.jenkins.plugins.codegen.history.HistoryPager;
import io.jenkins.plugins.codegen.history.PageRequest;
import io.jenkins.plugins.codegen.history.Trend;
import java.util.List;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * A job's Codegen history ({@code /job/NAME/codegen-history/}): one row per task across the job's
 * builds, newest first, a page at a time ({@code ?page=2}, {@code ?start=50}, {@code ?size=}), with
 * the figures of the page's builds, also as {@code api/json} (and {@code ?tree=}). Also the job
 * page's two charts. Everything is read from the builds' own records as the page asks, never copied.
 * The job's Item/Read guards the page and its API; a build the user may not read is left out.
 */
@ExportedBean
public class CodegenHistoryAction implements Action, StaplerProxy {
    private final Job<?, ?> job;
    private HistoryView history;
    private Trend trend;

    CodegenHistoryAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public Object getTarget() {
        job.checkPermission(Item.READ);
        return this;
    }

    /** The side panel's link, only on jobs whose recent builds ran a Codegen task. */
    @CheckForNull
    @Override
    public String getIconFileName() {
        return hasTasks() ? "symbol-code-working" : null;
    }

    private boolean hasTasks() {
        return !trend().isEmpty();
    }

    /** The newest builds' figures, read once for the side panel's link and both charts of a page. */
    private synchronized Trend trend() {
        if (trend == null) {
            trend = Trend.read(JobBuilds.of(job), Trend.DEFAULT_BUILDS);
        }
        return trend;
    }

    @Override
    public String getDisplayName() {
        return Messages.CodegenHistoryAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "codegen-history";
    }

    public Api getApi() {
        return new Api(this);
    }

    /** How the tasks of each build ended and the pull requests they opened. */
    public CodegenTrendChart getOutcomeChart() {
        return chart(CodegenTrendChart.Figures.OUTCOMES);
    }

    /** How long the tasks that opened a pull request took. */
    public CodegenTrendChart getTimeChart() {
        return chart(CodegenTrendChart.Figures.TIME_TO_PULL_REQUEST);
    }

    private CodegenTrendChart chart(CodegenTrendChart.Figures figures) {
        return new CodegenTrendChart(job, figures, trend());
    }

    /** The page the request asks for, read once per request. */
    public synchronized HistoryView getHistory() {
        if (history == null) {
            StaplerRequest2 request = Stapler.getCurrentRequest2();
            PageRequest wanted = request == null ? PageRequest.first() : PageRequest.parse(request.getParameter("page"),
                    request.getParameter("start"), request.getParameter("size"));
            JobBuilds builds = JobBuilds.of(job);
            HistoryPage page = HistoryPager.read(builds, wanted);
            history = new HistoryView(page, page.rows().stream().map(r -> new HistoryEntry(r, builds.viewOf(r)))
                    .toList());
        }
        return history;
    }

    /** The page's tasks, newest first. */
    @Exported
    public List<HistoryEntry> getTasks() {
        return getHistory().getTasks();
    }

    /** The figures of each build on the page, newest first: the charts' numbers for those builds. */
    @Exported
    public List<TrendEntry> getBuilds() {
        return getHistory().getBuilds();
    }

    /** The page's first row, counted from the newest task (0). */
    @Exported
    public int getStart() {
        return getHistory().getPage().start();
    }

    @Exported
    public int getSize() {
        return getHistory().getPage().request().size();
    }

    /** Whether an older task follows: then {@code ?start=} the page's start plus its size shows it. */
    @Exported
    public boolean isHasNext() {
        return getHistory().getPage().hasNext();
    }

    /** How many builds were read for the page: those it shows, and one more to know if another page follows. */
    @Exported
    public int getBuildsRead() {
        return getHistory().getPage().buildsRead();
    }
}
