package io.jenkins.plugins.codegen.plugin.monitoring;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Api;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.codegen.health.Health;
import io.jenkins.plugins.codegen.stats.StatisticsSnapshot;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Manage Jenkins » Codegen ({@code /manage/codegen/}): what the controller's tasks have done since
 * it started (requests, success rate, response times, retries, errors by type) and the health of
 * the Codegen API and the bridge, also as {@code /manage/codegen/api/json}. Readable with Overall/
 * SystemRead (Overall/Administer implies it); this class checks that itself, for the page and its API.
 */
@Extension
@ExportedBean
public class CodegenManagementLink extends ManagementLink implements StaplerProxy {

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return Messages.CodegenManagementLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.CodegenManagementLink_Description();
    }

    @Override
    public String getUrlName() {
        return "codegen";
    }

    @NonNull
    @Override
    public Category getCategory() {
        return Category.STATUS;
    }

    @NonNull
    @Override
    public Permission getRequiredPermission() {
        return Jenkins.SYSTEM_READ;
    }

    /** Every request to this page or below it (the API too) needs the permission. */
    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(getRequiredPermission());
        return this;
    }

    public Api getApi() {
        return new Api(this);
    }

    /** Requests, successes, failures, success rate, response times, retries, errors by type. */
    @Exported
    public Map<String, Object> getStatistics() {
        return snapshot().toMap();
    }

    /** Overall status, whether the API was reachable, recent success rate, each component. */
    @Exported
    public Map<String, Object> getHealth() {
        return health().toMap();
    }

    /** What each section of a higher layer shows (the budgets), by its name. */
    @Exported
    public Map<String, Object> getSections() {
        Map<String, Object> sections = new LinkedHashMap<>();
        for (CodegenManagementSection section : CodegenManagementSection.all()) {
            sections.put(section.getUrlName(), section.getData());
        }
        return sections;
    }

    /** The sections, for the page. */
    public List<CodegenManagementSection> getSectionList() {
        return CodegenManagementSection.all();
    }

    /** {@code /manage/codegen/budgets/}: a section, reached through {@link #getTarget()}'s check. */
    @CheckForNull
    public CodegenManagementSection getDynamic(String name) {
        return CodegenManagementSection.all().stream().filter(s -> s.getUrlName().equals(name)).findFirst()
                .orElse(null);
    }

    /**
     * The whole controller and each folder over the last 7 and 30 days, read from the builds of the
     * jobs the user may read (docs/monitoring.md).
     */
    @Exported(name = "overview")
    public Map<String, Object> getOverviewMap() {
        return getOverview().toMap();
    }

    // ---- For the page ---------------------------------------------------------------------------

    public OverviewPage getOverview() {
        return OverviewPage.of(Jenkins.get());
    }

    public String getHealthStatus() {
        return health().status().name();
    }

    public String getSuccessRateText() {
        StatisticsSnapshot snapshot = snapshot();
        return snapshot.successes() + snapshot.failures() == 0 ? "no task finished yet"
                : String.format(Locale.ROOT, "%.1f %%", snapshot.successRate() * 100);
    }

    /** The success rate of the most recent tasks, which decides whether the health is degraded. */
    public String getRecentSuccessRateText() {
        Double rate = health().successRate();
        return rate == null ? "no task finished yet" : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    public String getConnectedText() {
        Boolean connected = health().connected();
        return connected == null ? "not known yet" : connected ? "yes" : "no";
    }

    /** One row per error type that occurred: its name, count and what it usually means to do. */
    public List<ErrorRow> getErrorRows() {
        List<ErrorRow> rows = new ArrayList<>();
        snapshot().errorsByType().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(new ErrorRow(e.getKey().wireName(), e.getValue(), e.getKey().defaultGuidance())));
        return rows;
    }

    /** One row per component: name, status and what was last seen. */
    public List<ComponentRow> getComponentRows() {
        List<ComponentRow> rows = new ArrayList<>();
        health().components().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(new ComponentRow(e.getKey(), e.getValue().status(), e.getValue().detail())));
        return rows;
    }

    private static StatisticsSnapshot snapshot() {
        return CodegenMonitoring.get().statistics().snapshot();
    }

    private static Health health() {
        return CodegenMonitoring.get().health().health();
    }

    /** A line of the errors table. */
    public static final class ErrorRow {
        private final String type;
        private final long count;
        private final String guidance;

        ErrorRow(String type, long count, String guidance) {
            this.type = type;
            this.count = count;
            this.guidance = guidance;
        }

        public String getType() {
            return type;
        }

        public long getCount() {
            return count;
        }

        public String getGuidance() {
            return guidance;
        }
    }

    /** A line of the components table. */
    public static final class ComponentRow {
        private final String name;
        private final String status;
        private final String detail;

        ComponentRow(String name, String status, String detail) {
            this.name = name;
            this.status = status;
            this.detail = detail;
        }

        public String getName() {
            return name;
        }

        public String getStatus() {
            return status;
        }

        public String getDetail() {
            return detail;
        }
    }
}
