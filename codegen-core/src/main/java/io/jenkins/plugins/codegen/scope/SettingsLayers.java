package io.jenkins.plugins.codegen.scope;

import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.budget.BudgetScope;
import io.jenkins.plugins.codegen.budget.BudgetScopes;
import java.util.List;
import java.util.Objects;

/**
 * Everything a task's settings are resolved from, as the plugin reads it: the step's values, the
 * job's own, those of every folder the job is in (nearest first) and the global configuration,
 * with the budget each of them sets. Budgets are never the step's: a Pipeline cannot raise its own
 * limit.
 *
 * @param step what the step sets
 * @param job the job, or for a branch job the multibranch project ({@link JobLayer#of})
 * @param foldersNearestFirst the folders the job is in that set anything, nearest first; a folder
 *        that sets nothing may be left out (its budget scope still counts, without a limit)
 * @param global the global configuration's values
 * @param globalBudget the global configuration's budget
 */
public record SettingsLayers(SettingValues step, JobLayer job, List<FolderLayer> foldersNearestFirst,
                             SettingValues global, BudgetLimits globalBudget) {

    public SettingsLayers {
        step = Objects.requireNonNullElse(step, SettingValues.none());
        Objects.requireNonNull(job, "job");
        foldersNearestFirst = List.copyOf(foldersNearestFirst);
        global = Objects.requireNonNullElse(global, SettingValues.none());
        globalBudget = Objects.requireNonNullElse(globalBudget, BudgetLimits.unlimited());
        String below = job.scope().key();
        for (FolderLayer folder : foldersNearestFirst) {
            if (!below.startsWith(folder.fullName() + "/")) {
                throw new IllegalArgumentException("folder " + folder.fullName() + " is not around " + below
                        + ": give the folders the job is in, nearest first");
            }
            below = folder.fullName();
        }
    }

    /**
     * A folder's layer.
     *
     * @param fullName e.g. {@code team-a/sub}
     * @param displayName as the folder's page shows it; may be null
     * @param budget the folder's own budget, null for none
     */
    public record FolderLayer(String fullName, String displayName, SettingValues values, BudgetLimits budget) {
        public FolderLayer {
            fullName = BudgetScope.folder(fullName).key();
            values = Objects.requireNonNullElse(values, SettingValues.none());
            budget = Objects.requireNonNullElse(budget, BudgetLimits.unlimited());
        }

        SettingsSource source() {
            return SettingsSource.folder(fullName, displayName);
        }
    }

    /**
     * The job's layer: a job's own settings and budget, or, for the branch and pull-request jobs of
     * a multibranch project, the project's ({@link BudgetScopes}).
     *
     * @param scope the job's budget scope
     * @param displayName as the job's page shows it; may be null
     */
    public record JobLayer(BudgetScope scope, String displayName, SettingValues values, BudgetLimits budget) {
        public JobLayer {
            Objects.requireNonNull(scope, "scope");
            if (scope.kind() != BudgetScope.Kind.JOB && scope.kind() != BudgetScope.Kind.MULTIBRANCH) {
                throw new IllegalArgumentException("a job layer's scope is a job or a multibranch project: " + scope);
            }
            values = Objects.requireNonNullElse(values, SettingValues.none());
            budget = Objects.requireNonNullElse(budget, BudgetLimits.unlimited());
        }

        /**
         * The layer of a build's job: the job itself, or its multibranch project.
         *
         * @param jobFullName the full name of the job that builds, e.g. {@code team-a/webapp/PR-12}
         * @param parentIsMultibranch whether that job is a branch job of a multibranch project
         * @param displayName the display name of the job, or of the multibranch project
         * @param values the settings of the job, or of the multibranch project
         * @param budget the budget of the job, or of the multibranch project
         */
        public static JobLayer of(String jobFullName, boolean parentIsMultibranch, String displayName,
                                  SettingValues values, BudgetLimits budget) {
            return new JobLayer(BudgetScopes.jobScope(jobFullName, parentIsMultibranch), displayName, values, budget);
        }

        SettingsSource source() {
            return scope.kind() == BudgetScope.Kind.MULTIBRANCH ? SettingsSource.multibranch(scope.key(), displayName)
                    : SettingsSource.job(scope.key(), displayName);
        }
    }
}
