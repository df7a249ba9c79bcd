package io.jenkins.plugins.codegen.plugin.scope;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.ItemGroup;
import hudson.model.Job;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.scope.ResolvedSettings;
import io.jenkins.plugins.codegen.scope.SettingValues;
import io.jenkins.plugins.codegen.scope.SettingsLayers;
import io.jenkins.plugins.codegen.scope.SettingsResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's settings, each from the first layer that sets it: the step, the job (for a branch job its
 * multibranch project), the nearest folder, the folders further out, the global configuration; with
 * where each came from and every budget the task's run counts in (docs/administration.md).
 */
public final class ScopeSettings {
    private ScopeSettings() {
    }

    /**
     * @param job the job whose build runs the task
     * @param step what the step itself sets; null for nothing
     */
    public static ResolvedSettings resolve(Job<?, ?> job, @CheckForNull SettingValues step) {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        return SettingsResolver.resolve(new SettingsLayers(step, jobLayer(job), folders(job), globalValues(global),
                global.getGlobalBudget()));
    }

    /**
     * The multibranch project a branch job belongs to, or null: a job whose parent is a computed
     * folder was made by it (for a branch or pull request), and lives and dies with it.
     */
    @CheckForNull
    static ComputedFolder<?> multibranchProject(Job<?, ?> job) {
        return job.getParent() instanceof ComputedFolder<?> project ? project : null;
    }

    static SettingsLayers.JobLayer jobLayer(Job<?, ?> job) {
        ComputedFolder<?> project = multibranchProject(job);
        if (project != null) {
            CodegenFolderProperty own = project.getProperties().get(CodegenFolderProperty.class);
            return SettingsLayers.JobLayer.of(job.getFullName(), true, project.getDisplayName(),
                    own == null ? null : own.settingValues(), own == null ? null : own.budget());
        }
        CodegenJobProperty own = job.getProperty(CodegenJobProperty.class);
        return SettingsLayers.JobLayer.of(job.getFullName(), false, job.getDisplayName(),
                own == null ? null : own.settingValues(), own == null ? null : own.budget());
    }

    /** The folders around the job (for a branch job: around its project), nearest first. */
    static List<SettingsLayers.FolderLayer> folders(Job<?, ?> job) {
        ComputedFolder<?> project = multibranchProject(job);
        ItemGroup<?> parent = project != null ? project.getParent() : job.getParent();
        List<SettingsLayers.FolderLayer> folders = new ArrayList<>();
        for (AbstractFolder<?> folder : foldersFrom(parent)) {
            CodegenFolderProperty own = folder.getProperties().get(CodegenFolderProperty.class);
            if (own != null) {
                folders.add(new SettingsLayers.FolderLayer(folder.getFullName(), folder.getDisplayName(),
                        own.settingValues(), own.budget()));
            }
        }
        return folders;
    }

    /** {@code group} if it is a folder, and every folder it is in, nearest first. */
    static List<AbstractFolder<?>> foldersFrom(ItemGroup<?> group) {
        List<AbstractFolder<?>> folders = new ArrayList<>();
        for (ItemGroup<?> g = group; g instanceof AbstractFolder<?> folder; g = folder.getParent()) {
            folders.add(folder);
        }
        return folders;
    }

    static SettingValues globalValues(CodegenGlobalConfiguration global) {
        return SettingValues.builder()
                .credentialsId(Util.fixEmptyAndTrim(global.getCredentialsId()))
                .orgId(global.getOrgId())
                .optimizationLevel(OptimizationLevel.parse(global.getOptimizationLevel()).orElse(null))
                .backend(Backend.parse(global.getBackend()).orElse(null))
                .timeout(Duration.ofMinutes(global.getTimeout()))
                .mock(global.isMock())
                .build();
    }

    /** A folder's own budget, for pages that show it; unlimited when it sets none. */
    public static BudgetLimits budgetOf(AbstractFolder<?> folder) {
        CodegenFolderProperty own = folder.getProperties().get(CodegenFolderProperty.class);
        return own == null ? BudgetLimits.unlimited() : own.budget();
    }
}
