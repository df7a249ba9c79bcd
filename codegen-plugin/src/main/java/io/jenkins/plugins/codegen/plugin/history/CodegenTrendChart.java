package io.jenkins.plugins.codegen.plugin.history;

import edu.hm.hafner.echarts.JacksonFacade;
import edu.hm.hafner.echarts.LineSeries;
import edu.hm.hafner.echarts.LinesChartModel;
import hudson.model.Job;
import io.jenkins.plugins.codegen.history.Trend;
import io.jenkins.plugins.codegen.history.TrendPoint;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import io.jenkins.plugins.echarts.JenkinsPalette;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * One of the job page's two Codegen charts, drawn by the echarts-api plugin (its {@code trend-chart}
 * tag asks for the model after the page has loaded): how the tasks of each build ended with the pull
 * requests they opened, or the time they took to open one. A click on a build opens its Codegen page.
 */
public final class CodegenTrendChart implements AsyncTrendChart {
    /** Which figures the chart draws. */
    enum Figures { OUTCOMES, TIME_TO_PULL_REQUEST }

    private final Job<?, ?> job;
    private final Figures figures;
    /** What the page that shows the chart read: it decides whether the chart is shown. */
    private final Trend shown;

    CodegenTrendChart(Job<?, ?> job, Figures figures, Trend shown) {
        this.job = job;
        this.figures = figures;
        this.shown = shown;
    }

    /** Read afresh: the script asks after the page has loaded, and builds may have ended since. */
    @JavaScriptMethod
    @Override
    public String getBuildTrendModel() {
        return new JacksonFacade().toJson(model(Trend.read(JobBuilds.of(job), Trend.DEFAULT_BUILDS)));
    }

    @Override
    public boolean isTrendVisible() {
        return !shown.isEmpty() && (figures == Figures.OUTCOMES
                || shown.points().stream().anyMatch(p -> p.pullRequests() > 0));
    }

    /** Where a click on a build leads, relative to the build: its Codegen page. */
    public String getUrlName() {
        return "codegen";
    }

    LinesChartModel model(Trend data) {
        List<TrendPoint> points = data.points();
        LinesChartModel model = new LinesChartModel(points.stream().map(TrendPoint::label).toList(),
                points.stream().map(TrendPoint::build).toList());
        model.setRangeMin(0);
        if (figures == Figures.OUTCOMES) {
            model.addSeries(stacked(Messages.CodegenTrendChart_Succeeded(), JenkinsPalette.GREEN, points,
                            TrendPoint::succeeded),
                    stacked(Messages.CodegenTrendChart_Failed(), JenkinsPalette.RED, points, TrendPoint::failed),
                    stacked(Messages.CodegenTrendChart_Aborted(), JenkinsPalette.GREY, points, TrendPoint::aborted),
                    line(Messages.CodegenTrendChart_PullRequests(), JenkinsPalette.BLUE,
                            points.stream().map(TrendPoint::pullRequests).toList()));
        } else {
            List<Integer> seconds = new ArrayList<>();
            // A build that opened none is a gap in the line, not a zero.
            points.forEach(p -> seconds.add(p.timeToPullRequestSeconds() == null ? null
                    : (int) Math.min(Integer.MAX_VALUE, p.timeToPullRequestSeconds())));
            model.addSeries(line(Messages.CodegenTrendChart_TimeToPullRequest(), JenkinsPalette.BLUE, seconds));
        }
        return model;
    }

    private static LineSeries stacked(String name, JenkinsPalette color, List<TrendPoint> points,
            ToIntFunction<TrendPoint> count) {
        LineSeries series = new LineSeries(name, color.normal(), LineSeries.StackedMode.STACKED,
                LineSeries.FilledMode.FILLED);
        series.addAll(points.stream().map(count::applyAsInt).toList());
        return series;
    }

    private static LineSeries line(String name, JenkinsPalette color, List<Integer> values) {
        LineSeries series = new LineSeries(name, color.normal(), LineSeries.StackedMode.SEPARATE_LINES,
                LineSeries.FilledMode.LINES);
        series.addAll(values);
        return series;
    }
}
