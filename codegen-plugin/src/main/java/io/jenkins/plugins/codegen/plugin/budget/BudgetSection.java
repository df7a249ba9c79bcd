package io.jenkins.plugins.codegen.plugin.budget;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.HttpResponses;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.budget.BudgetScope;
import io.jenkins.plugins.codegen.budget.BudgetSnapshot;
import io.jenkins.plugins.codegen.budget.BudgetWindow;
import io.jenkins.plugins.codegen.plugin.monitoring.CodegenManagementSection;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The budgets on Manage Jenkins » Codegen and in its REST API ({@code budgets}): each scope that
 * started a run in the last 24 hours (and always the global one), its limits, what it has used and
 * has left per hour and per day, when a full window frees up; and whether the budgets fail closed
 * after a corrupt file, with the reset that lifts it ({@code POST /manage/codegen/budgets/reset},
 * Overall/Administer).
 */
@Extension
public class BudgetSection extends CodegenManagementSection {

    @Override
    public String getUrlName() {
        return "budgets";
    }

    @Override
    public Map<String, Object> getData() {
        BudgetSnapshot snapshot = CodegenBudgets.get().ledger().snapshot();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("failClosed", snapshot.failClosed().map(BudgetSection::failClosed).orElse(null));
        data.put("scopes", scopes(snapshot));
        return data;
    }

    private static Map<String, Object> failClosed(BudgetSnapshot.FailClosed state) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("since", state.since().toString());
        map.put("until", state.until().toString());
        map.put("problem", state.problem());
        map.put("message", state.message());
        return map;
    }

    private static List<Map<String, Object>> scopes(BudgetSnapshot snapshot) {
        List<Map<String, Object>> scopes = new ArrayList<>();
        if (snapshot.scope("").isEmpty()) {
            scopes.add(idleGlobal());
        }
        for (BudgetSnapshot.ScopeState state : snapshot.scopes()) {
            Map<String, Object> map = scope(state.scope(), state.limits());
            for (BudgetWindow window : BudgetWindow.values()) {
                String name = window == BudgetWindow.HOUR ? "Hour" : "Day";
                map.put("usedLast" + name, state.used(window));
                map.put("left" + name, state.left(window).orElse(null));
                map.put(window.unit() + "FreesAt", state.freesAt(window).map(Instant::toString).orElse(null));
            }
            scopes.add(map);
        }
        return scopes;
    }

    private static Map<String, Object> idleGlobal() {
        BudgetLimits limits = JobBudgets.global();
        Map<String, Object> map = scope(BudgetScope.global(), limits);
        for (BudgetWindow window : BudgetWindow.values()) {
            String name = window == BudgetWindow.HOUR ? "Hour" : "Day";
            map.put("usedLast" + name, 0);
            map.put("left" + name, limits.limit(window));
            map.put(window.unit() + "FreesAt", null);
        }
        return map;
    }

    private static Map<String, Object> scope(BudgetScope scope, BudgetLimits limits) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", scope.kind().name().toLowerCase(java.util.Locale.ROOT));
        map.put("name", scope.key());
        map.put("description", scope.describe());
        map.put("limitPerHour", limits.perHour());
        map.put("limitPerDay", limits.perDay());
        return map;
    }

    // ---- For the page ---------------------------------------------------------------------------

    /** Why the budgets fail closed, or null when they do not. */
    @CheckForNull
    public String getFailClosedMessage() {
        return CodegenBudgets.get().ledger().failClosed().map(BudgetSnapshot.FailClosed::message).orElse(null);
    }

    public boolean isAdministrator() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** One row of text per scope, as the page shows it. */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> getRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, Object> scope : (List<Map<String, Object>>) getData().get("scopes")) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("scope", (String) scope.get("description"));
            row.put("hour", window(scope, "limitPerHour", "usedLastHour", "leftHour", "hourFreesAt"));
            row.put("day", window(scope, "limitPerDay", "usedLastDay", "leftDay", "dayFreesAt"));
            rows.add(row);
        }
        return rows;
    }

    /** {@code 7 of 10 used, 3 left}, {@code 10 of 10 used, frees up at ...}, {@code 4 used, no limit}. */
    private static String window(Map<String, Object> scope, String limit, String used, String left, String frees) {
        Object max = scope.get(limit);
        if (max == null) {
            return scope.get(used) + " used, no limit";
        }
        String text = scope.get(used) + " of " + max + " used, " + Optional.ofNullable(scope.get(left)).orElse(0)
                + " left";
        return scope.get(frees) == null ? text : text + ", frees up at " + scope.get(frees);
    }

    /** Lifts the fail-closed state once an administrator has looked at the corrupt file. */
    @RequirePOST
    public HttpResponse doReset() throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        CodegenBudgets.get().ledger().resetFailClosed();
        return HttpResponses.redirectTo("..");
    }
}
