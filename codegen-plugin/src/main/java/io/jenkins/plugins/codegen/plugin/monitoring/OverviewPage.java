package io.jenkins.plugins.codegen.plugin.monitoring;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Items;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.codegen.overview.Figures;
import io.jenkins.plugins.codegen.overview.Overview;
import io.jenkins.plugins.codegen.overview.TaskSample;
import io.jenkins.plugins.codegen.overview.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * The overview of a folder or of the whole controller, as its page and REST API show it: tasks and
 * fixes, how they ended, success rate, median and 90th percentile time to pull request over the
 * last 7 and 30 days, and a row per folder below. Read from the builds of the jobs the current
 * user may read (a job they cannot read counts nowhere), newest build first, stopping at the first
 * build that started before the longest window. Mock-mode tasks are not counted.
 */
public final class OverviewPage {
    private final Overview overview;
    @CheckForNull
    private List<Map<String, Object>> budgets;

    OverviewPage(Overview overview) {
        this.overview = overview;
    }

    /** The overview of {@code group} (a folder, or Jenkins itself) for the current user, now. */
    public static OverviewPage of(ItemGroup<?> group) {
        String scope = group instanceof Item item ? item.getFullName() : "";
        Instant now = Instant.now();
        return new OverviewPage(Overview.of(scope, samples(group, now), now));
    }

    static List<TaskSample> samples(ItemGroup<?> group, Instant now) {
        long since = Window.longest().since(now).toEpochMilli();
        List<TaskSample> samples = new ArrayList<>();
        for (Job<?, ?> job : Items.getAllItems(group, Job.class)) {
            if (!job.hasPermission(Item.READ)) {
                continue;
            }
            String folder = job.getParent() instanceof Item parent ? parent.getFullName() : "";
            for (Run<?, ?> run : job.getBuilds()) {
                if (run.getStartTimeInMillis() < since) {
                    break; // builds come newest first: none after this one is in the window
                }
                for (BuildTasks tasks : run.getActions(BuildTasks.class)) {
                    for (TaskFacts task : tasks.getTasks()) {
                        if (!task.isMock()) {
                            samples.add(sample(folder, task));
                        }
                    }
                }
            }
        }
        return samples;
    }

    private static TaskSample sample(String folder, TaskFacts task) {
        return new TaskSample(folder, task.isFix(), task.outcome(), Instant.ofEpochMilli(task.getStarted()),
                task.timeToPullRequest());
    }

    // ---- The REST API ---------------------------------------------------------------------------

    /** {@code last7Days} and {@code last30Days} of the whole scope, a row per folder, the budgets. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scope", overview.scope());
        map.putAll(windows(overview::whole));
        List<Map<String, Object>> folders = new ArrayList<>();
        for (Overview.FolderRow row : overview.folders()) {
            Map<String, Object> folder = new LinkedHashMap<>();
            folder.put("folder", row.folder());
            folder.putAll(windows(row::in));
            folders.add(folder);
        }
        map.put("folders", folders);
        map.put("budgets", getBudgets());
        return map;
    }

    private static Map<String, Object> windows(java.util.function.Function<Window, Figures> figures) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("last7Days", figures.apply(Window.LAST_7_DAYS).toMap());
        map.put("last30Days", figures.apply(Window.LAST_30_DAYS).toMap());
        return map;
    }

    /**
     * The budgets of this scope, from each {@link BudgetUse}: the controller's global budget; a
     * folder's own and those of the folders and jobs inside it that the user may read.
     */
    public List<Map<String, Object>> getBudgets() {
        if (budgets == null) { // once per page: its table and its fail-closed notice read them
            List<Map<String, Object>> all = new ArrayList<>();
            for (BudgetUse use : ExtensionList.lookup(BudgetUse.class)) {
                all.addAll(use.budgetsOf(overview.scope()));
            }
            budgets = all;
        }
        return budgets;
    }

    /**
     * The hook through which the budgets (a package above this one) show their use in the overviews
     * and their REST API.
     */
    public interface BudgetUse extends ExtensionPoint {
        /**
         * @param scope a folder's full name, or empty for the whole controller
         * @return one map per budget, as the management page's budgets section gives them: {@code name}
         *     (the scope), {@code description}, {@code limitPerHour}, {@code usedLastHour}, {@code leftHour},
         *     {@code hourFreesAt}, the same per day (a null limit is no limit), and {@code failClosed}
         *     (with its {@code message}) while a limited scope counts as used up after a corrupt budget file
         */
        List<Map<String, Object>> budgetsOf(String scope);
    }

    /** The budgets as the page shows them: a scope and a text per window. */
    public List<Map<String, String>> getBudgetRows() {
        return getBudgets().stream().map(OverviewPage::budgetRow).toList();
    }

    /** Why the budgets of this scope count as used up, or null when they do not. */
    @CheckForNull
    @SuppressWarnings("unchecked")
    public String getBudgetFailClosedMessage() {
        return getBudgets().stream().map(b -> (Map<String, Object>) b.get("failClosed"))
                .filter(java.util.Objects::nonNull).map(f -> (String) f.get("message")).findFirst().orElse(null);
    }

    /** One budget's row: its scope, {@code 7 of 10 used, 3 left} per hour and per day. */
    public static Map<String, String> budgetRow(Map<String, Object> scope) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("scope", (String) scope.get("description"));
        row.put("hour", budgetWindow(scope, "limitPerHour", "usedLastHour", "leftHour", "hourFreesAt"));
        row.put("day", budgetWindow(scope, "limitPerDay", "usedLastDay", "leftDay", "dayFreesAt"));
        return row;
    }

    /** {@code 7 of 10 used, 3 left}, {@code 10 of 10 used, frees up at ...}, {@code 4 used, no limit}. */
    private static String budgetWindow(Map<String, Object> scope, String limit, String used, String left,
                                       String frees) {
        Object max = scope.get(limit);
        if (max == null) {
            return scope.get(used) + " used, no limit";
        }
        Object room = scope.get(left);
        String text = scope.get(used) + " of " + max + " used, " + (room == null ? 0 : room) + " left";
        return scope.get(frees) == null ? text : text + ", frees up at " + scope.get(frees);
    }

    // ---- For the page ---------------------------------------------------------------------------

    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(overview.scope().isEmpty() ? "All jobs" : "All of " + overview.scope(), null,
                overview.whole(Window.LAST_7_DAYS), overview.whole(Window.LAST_30_DAYS)));
        for (Overview.FolderRow folder : overview.folders()) {
            Item item = Jenkins.get().getItemByFullName(folder.folder());
            rows.add(new Row(shortName(folder.folder()), item == null ? null : item.getUrl() + FolderOverview.URL_NAME + "/",
                    folder.in(Window.LAST_7_DAYS), folder.in(Window.LAST_30_DAYS)));
        }
        return rows;
    }

    /** Whether the scope had any task or fix in the longest window (else the page says so instead of a table). */
    public boolean isAny() {
        return !overview.whole(Window.LAST_30_DAYS).equals(Figures.NONE);
    }

    /** The chart's data: per folder below (or the scope alone), its last 30 days by outcome. */
    public String getChartJson() {
        List<String> names = new ArrayList<>();
        List<Figures> figures = new ArrayList<>();
        if (overview.folders().isEmpty()) {
            names.add(overview.scope().isEmpty() ? "All jobs" : overview.scope());
            figures.add(overview.whole(Window.LAST_30_DAYS));
        }
        for (Overview.FolderRow row : overview.folders()) {
            names.add(shortName(row.folder()));
            figures.add(row.in(Window.LAST_30_DAYS));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("folders", names);
        chart.put("succeeded", figures.stream().map(Figures::succeeded).toList());
        chart.put("failed", figures.stream().map(Figures::failed).toList());
        chart.put("aborted", figures.stream().map(Figures::aborted).toList());
        chart.put("running", figures.stream().map(Figures::running).toList());
        return net.sf.json.JSONObject.fromObject(chart).toString();
    }

    /** A folder's name below the scope ({@code api} in team-a's overview); its full name in the controller's. */
    private String shortName(String folder) {
        return overview.scope().isEmpty() ? folder : folder.substring(overview.scope().length() + 1);
    }

    /** A line of the table: a scope's figures in both windows, as words. */
    public static final class Row {
        private final String name;
        private final String url;
        private final Figures week;
        private final Figures month;

        Row(String name, @CheckForNull String url, Figures week, Figures month) {
            this.name = name;
            this.url = url;
            this.week = week;
            this.month = month;
        }

        public String getName() {
            return name;
        }

        /** The folder's overview, relative to the root URL; null for the scope's own line. */
        @CheckForNull
        public String getUrl() {
            return url;
        }

        /** Tasks, fixes, success rate, median and 90th percentile time to pull request, last 7 days. */
        public List<String> getWeekCells() {
            return cells(week);
        }

        /** The same over the last 30 days. */
        public List<String> getMonthCells() {
            return cells(month);
        }

        static List<String> cells(Figures figures) {
            return List.of(String.valueOf(figures.tasks()), String.valueOf(figures.fixes()), rate(figures),
                    time(figures.medianTimeToPullRequest()), time(figures.p90TimeToPullRequest()));
        }

        private static String rate(Figures figures) {
            return figures.successRate() == null ? "-"
                    : String.format(Locale.ROOT, "%.0f %%", figures.successRate() * 100);
        }

        private static String time(@CheckForNull Duration time) {
            if (time == null) {
                return "-";
            }
            long minutes = time.toMinutes();
            return minutes >= 60 ? String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60)
                    : minutes >= 1 ? minutes + " min" : time.toSeconds() + " s";
        }
    }
}
