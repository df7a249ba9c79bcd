package io.jenkins.plugins.codegen.plugin.budget;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.HttpResponses;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.budget.BudgetScope;
import io.jenkins.plugins.codegen.budget.BudgetSnapshot;
import io.jenkins.plugins.codegen.budget.BudgetWindow;
import io.jenkins.plugins.codegen.plugin.monitoring.CodegenManagementSection;
import io.jenkins.plugins.codegen.plugin.monitoring.OverviewPage;
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

    static Map<String, Object> failClosed(BudgetSnapshot.FailClosed state) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("since", state.since().toString());
        map.put("until", state.until().toString());
        map.put("problem", state.problem());
        map.put("message", state.message());
        return map;
    }

    /**
     * The global scope and every scope that ran in the last 24 hours whose folder or job the user may
     * read (with every folder around it): a job the user cannot read shows nothing, its name included.
     */
    private static List<Map<String, Object>> scopes(BudgetSnapshot snapshot) {
        List<Map<String, Object>> scopes = new ArrayList<>();
        if (snapshot.scope("").isEmpty()) {
            scopes.add(scope(snapshot, BudgetScope.global(), JobBudgets.global()));
        }
        for (BudgetSnapshot.ScopeState state : snapshot.scopes()) {
            String key = state.scope().key();
            if (key.isEmpty() || OverviewBudgets.readable(key) != null) {
                scopes.add(scope(snapshot, state.scope(), state.limits()));
            }
        }
        return scopes;
    }

    /**
     * One scope as the REST API shows it: its use from the ledger with the limits of its latest run,
     * or, when it started no run in the last 24 hours, nothing used under {@code limits} (its settings').
     */
    static Map<String, Object> scope(BudgetSnapshot snapshot, BudgetScope scope, BudgetLimits limits) {
        Optional<BudgetSnapshot.ScopeState> counted = snapshot.scope(scope.key());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", scope.kind().name().toLowerCase(java.util.Locale.ROOT));
        map.put("name", scope.key());
        map.put("description", scope.describe());
        BudgetLimits shown = counted.map(BudgetSnapshot.ScopeState::limits).orElse(limits);
        map.put("limitPerHour", shown.perHour());
        map.put("limitPerDay", shown.perDay());
        for (BudgetWindow window : BudgetWindow.values()) {
            String name = window == BudgetWindow.HOUR ? "Hour" : "Day";
            Integer limit = shown.limit(window);
            Optional<Instant> frees = counted.isPresent() ? counted.get().freesAt(window)
                    : idleFreesAt(snapshot, window, limit);
            map.put("usedLast" + name, counted.map(state -> state.used(window)).orElse(0));
            // An idle scope has its whole limit left, unless the ledger fails closed for the window.
            map.put("left" + name, counted.isPresent() ? counted.get().left(window).orElse(null)
                    : idleLeft(limit, frees.isPresent()));
            map.put(window.unit() + "FreesAt", frees.map(Instant::toString).orElse(null));
        }
        return map;
    }

    /** What an idle scope has left: nothing while the ledger fails closed, else its whole limit. */
    @CheckForNull
    private static Integer idleLeft(@CheckForNull Integer limit, boolean failsClosed) {
        if (limit == null) {
            return null;
        }
        return failsClosed ? Integer.valueOf(0) : limit;
    }

    private static Optional<Instant> idleFreesAt(BudgetSnapshot snapshot, BudgetWindow window, Integer limit) {
        if (limit == null || limit == 0) {
            return Optional.empty();
        }
        return snapshot.failClosed().map(state -> state.since().plus(window.length()))
                .filter(until -> until.isAfter(snapshot.at()));
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

    /** One row of text per scope, as the page shows it (and the folder overviews, the same way). */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> getRows() {
        return ((List<Map<String, Object>>) getData().get("scopes")).stream().map(OverviewPage::budgetRow).toList();
    }

    /** Lifts the fail-closed state once an administrator has looked at the corrupt file. */
    @RequirePOST
    public HttpResponse doReset() throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        CodegenBudgets.get().ledger().resetFailClosed();
        return HttpResponses.redirectTo("..");
    }
}
