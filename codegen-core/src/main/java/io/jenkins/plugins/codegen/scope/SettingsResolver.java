package io.jenkins.plugins.codegen.scope;

import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.budget.BudgetScope;
import io.jenkins.plugins.codegen.budget.BudgetScopes;
import io.jenkins.plugins.codegen.budget.ScopeBudget;
import io.jenkins.plugins.codegen.settings.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves a task's settings: the step wins, then the job, then the nearest folder that sets the
 * value, then the folders further out, then the global configuration. Each value says where it came
 * from. Budgets do not override each other: every scope's own budget applies at once (a run in
 * folder {@code team-a/sub} counts against the global budget, {@code team-a}'s, {@code team-a/sub}'s
 * and the job's).
 */
public final class SettingsResolver {
    private SettingsResolver() {
    }

    public static ResolvedSettings resolve(SettingsLayers layers) {
        List<Layer> order = new ArrayList<>();
        order.add(new Layer(SettingsSource.step(), layers.step()));
        order.add(new Layer(layers.job().source(), layers.job().values()));
        for (SettingsLayers.FolderLayer folder : layers.foldersNearestFirst()) {
            order.add(new Layer(folder.source(), folder.values()));
        }
        order.add(new Layer(SettingsSource.global(), layers.global()));
        return new ResolvedSettings(
                pick(order, SettingValues::credentialsId, "credential", "no credential", id -> id),
                pick(order, SettingValues::orgId, "organization", "no organization", String::valueOf),
                pick(order, SettingValues::optimizationLevel, "optimization level", "no optimization level",
                        level -> level.wireName()),
                pick(order, SettingValues::backend, "backend", "no backend", backend -> backend.wireName()),
                pick(order, SettingValues::timeout, "timeout", "no timeout", SettingsResolver::duration),
                pick(order, SettingValues::mock, "mock mode", "no mock mode setting", on -> on ? "on" : "off"),
                budgets(layers));
    }

    private record Layer(SettingsSource source, SettingValues values) {
    }

    private static <T> Resolved<T> pick(List<Layer> order, Function<SettingValues, T> field, String name,
                                        String unset, Function<T, String> format) {
        for (Layer layer : order) {
            T value = field.apply(layer.values());
            if (value != null) {
                return new Resolved<>(value, layer.source(),
                        name + " " + format.apply(value) + " from " + layer.source().describe());
            }
        }
        List<String> places = order.stream().map(layer -> layer.source().describe()).toList();
        String looked = String.join(", ", places.subList(0, places.size() - 1)) + " or " + places.get(places.size() - 1);
        return new Resolved<>(null, null, unset + " set on " + looked);
    }

    /** {@code 45 minutes}, {@code 1 minute}; what is not whole minutes, as the settings write it ({@code 90s}). */
    private static String duration(Duration timeout) {
        if (!timeout.isZero() && timeout.toSecondsPart() == 0 && timeout.toNanosPart() == 0) {
            long minutes = timeout.toMinutes();
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return DurationText.format(timeout);
    }

    private static List<ResolvedSettings.ResolvedBudget> budgets(SettingsLayers layers) {
        Map<String, SettingsLayers.FolderLayer> folders = new HashMap<>();
        layers.foldersNearestFirst().forEach(folder -> folders.put(folder.fullName(), folder));
        SettingsLayers.JobLayer job = layers.job();
        List<ResolvedSettings.ResolvedBudget> budgets = new ArrayList<>();
        for (BudgetScope scope : BudgetScopes.chain(job.scope().key(), false)) {
            BudgetLimits limits;
            SettingsSource source;
            if (scope.kind() == BudgetScope.Kind.GLOBAL) {
                limits = layers.globalBudget();
                source = SettingsSource.global();
            } else if (scope.key().equals(job.scope().key())) {
                scope = job.scope();
                limits = job.budget();
                source = job.source();
            } else {
                SettingsLayers.FolderLayer folder = folders.get(scope.key());
                limits = folder == null ? BudgetLimits.unlimited() : folder.budget();
                source = folder == null ? SettingsSource.folder(scope.key(), null) : folder.source();
            }
            budgets.add(new ResolvedSettings.ResolvedBudget(new ScopeBudget(scope, limits), source,
                    budgetLine(limits, source)));
        }
        return budgets;
    }

    /** {@code budget 10 agent runs per hour and 100 per day in folder team-a}; empty for no limit. */
    private static String budgetLine(BudgetLimits limits, SettingsSource source) {
        if (limits.isUnlimited()) {
            return "";
        }
        String where = source.kind() == SettingsSource.Kind.GLOBAL ? "all of Jenkins (the global configuration)"
                : source.describe();
        if (Integer.valueOf(0).equals(limits.perHour()) || Integer.valueOf(0).equals(limits.perDay())) {
            return "budget 0: no agent runs in " + where;
        }
        String line = "budget " + limits.describe() + " in " + where;
        return source.kind() == SettingsSource.Kind.MULTIBRANCH ? line + ", all its branches together" : line;
    }
}
