package io.jenkins.plugins.codegen.plugin.budget;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Items;
import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.budget.BudgetScope;
import io.jenkins.plugins.codegen.budget.BudgetSnapshot;
import io.jenkins.plugins.codegen.plugin.monitoring.OverviewPage;
import io.jenkins.plugins.codegen.plugin.scope.CodegenJobProperty;
import io.jenkins.plugins.codegen.plugin.scope.ScopeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The budgets in the folder and controller overviews: the controller's shows the global budget; a
 * folder's shows its own and those of the folders and jobs inside it that the viewer may read and
 * that have a limit or ran in the last 24 hours. Each as the management page's budgets section shows
 * it (same fields, same source), so that both say the same of a scope.
 */
@Extension
public class OverviewBudgets implements OverviewPage.BudgetUse {

    @Override
    public List<Map<String, Object>> budgetsOf(String scope) {
        BudgetSnapshot snapshot = CodegenBudgets.get().ledger().snapshot();
        List<Map<String, Object>> budgets = new ArrayList<>();
        if (scope.isEmpty()) {
            budgets.add(BudgetSection.scope(snapshot, BudgetScope.global(), JobBudgets.global()));
            return withFailClosed(budgets, snapshot);
        }
        if (!(readable(scope) instanceof AbstractFolder<?> folder)) {
            return budgets;
        }
        budgets.add(BudgetSection.scope(snapshot, scopeOf(folder, snapshot), ScopeSettings.budgetOf(folder)));
        for (Item item : Items.getAllItems(folder, Item.class)) {
            BudgetScope inside = scopeOf(item, snapshot);
            if (inside == null || !readableAllTheWay(item)) {
                continue;
            }
            BudgetLimits limits = limitsOf(item);
            if (!limits.isUnlimited() || snapshot.scope(inside.key()).isPresent()) {
                budgets.add(BudgetSection.scope(snapshot, inside, limits));
            }
        }
        return withFailClosed(budgets, snapshot);
    }

    /** Scopes without limits run as usual while the ledger fails closed; the others say why they do not. */
    private static List<Map<String, Object>> withFailClosed(List<Map<String, Object>> budgets,
                                                            BudgetSnapshot snapshot) {
        for (Map<String, Object> budget : budgets) {
            boolean limited = budget.get("limitPerHour") != null || budget.get("limitPerDay") != null;
            budget.put("failClosed", snapshot.failClosed().filter(state -> limited).map(BudgetSection::failClosed)
                    .orElse(null));
        }
        return budgets;
    }

    /** The item of that full name if the current user may read it and every folder around it. */
    @CheckForNull
    static Item readable(String fullName) {
        Item item;
        // As the system, so that an item the user may only discover does not throw here.
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            item = Jenkins.get().getItemByFullName(fullName);
        }
        return item != null && readableAllTheWay(item) ? item : null;
    }

    private static boolean readableAllTheWay(Item item) {
        for (Item i = item; i != null; i = i.getParent() instanceof Item parent ? parent : null) {
            if (!i.hasPermission(Item.READ)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The budget scope an item is, or null for a branch job of a multibranch project (it counts in
     * its project's scope) and for items that are neither jobs nor folders.
     */
    @CheckForNull
    private static BudgetScope scopeOf(Item item, BudgetSnapshot snapshot) {
        if (item instanceof Job<?, ?> job) {
            // As ScopeSettings counts it: a job a computed folder made is a branch of that project.
            return job.getParent() instanceof ComputedFolder<?> ? null : BudgetScope.job(job.getFullName());
        }
        if (!(item instanceof AbstractFolder<?> folder)) {
            return null;
        }
        Optional<BudgetSnapshot.ScopeState> counted = snapshot.scope(folder.getFullName());
        if (counted.isPresent()) {
            return counted.get().scope();
        }
        return isMultibranch(folder) ? BudgetScope.multibranch(folder.getFullName())
                : BudgetScope.folder(folder.getFullName());
    }

    /** A computed folder that holds jobs (a multibranch project, not an organization folder of projects). */
    private static boolean isMultibranch(AbstractFolder<?> folder) {
        return folder instanceof ComputedFolder<?> computed
                && computed.getItems().stream().anyMatch(Job.class::isInstance);
    }

    private static BudgetLimits limitsOf(Item item) {
        if (item instanceof AbstractFolder<?> folder) {
            return ScopeSettings.budgetOf(folder);
        }
        CodegenJobProperty own = item instanceof Job<?, ?> job ? job.getProperty(CodegenJobProperty.class) : null;
        return own == null ? BudgetLimits.unlimited() : own.budget();
    }
}
