package io.jenkins.plugins.codegen.plugin.scope;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import hudson.model.ItemGroup;
import hudson.model.Job;
import io.jenkins.plugins.codegen.autofix.AutoFixBranches;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.scope.SettingsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The automatic-fix values of a job, each from the first layer that sets it: the job's own
 * {@code codegenJob} property (a branch job's too: a Jenkinsfile may switch its branch off), the
 * multibranch project, the nearest folder, the folders further out, the global configuration.
 */
public final class AutoFixRules {
    private AutoFixRules() {
    }

    public static AutoFixRule of(Job<?, ?> job) {
        List<Layer> layers = layers(job);
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        Layer enabledBy = first(layers, CodegenScopeProperty::getAutoFix);
        boolean enabled = enabledBy == null ? global.isAutoFix() : enabledBy.property().getAutoFix();
        String from = (enabledBy == null ? SettingsSource.global() : enabledBy.source()).describe();
        Layer branchesBy = first(layers, CodegenScopeProperty::getAutoFixBranches);
        String branches = branchesBy == null ? global.getAutoFixBranches() : branchesBy.property().getAutoFixBranches();
        Layer pullRequestsBy = first(layers, CodegenScopeProperty::getAutoFixPullRequests);
        boolean pullRequests = pullRequestsBy == null ? global.isAutoFixPullRequests()
                : pullRequestsBy.property().getAutoFixPullRequests();
        return new AutoFixRule(enabled, from, new AutoFixBranches(AutoFixBranches.parse(branches), pullRequests,
                global.getCodegenBranchPrefix()));
    }

    private record Layer(CodegenScopeProperty property, SettingsSource source) {
    }

    private static Layer first(List<Layer> layers, Function<CodegenScopeProperty, Object> value) {
        return layers.stream().filter(layer -> value.apply(layer.property()) != null).findFirst().orElse(null);
    }

    /** The layers that set anything, nearest first. */
    private static List<Layer> layers(Job<?, ?> job) {
        List<Layer> layers = new ArrayList<>();
        CodegenJobProperty own = job.getProperty(CodegenJobProperty.class);
        if (own != null) {
            layers.add(new Layer(own, SettingsSource.job(job.getFullName(), job.getDisplayName())));
        }
        ItemGroup<?> parent = job.getParent();
        if (parent instanceof ComputedFolder<?> project) {
            CodegenFolderProperty projects = project.getProperties().get(CodegenFolderProperty.class);
            if (projects != null) {
                layers.add(new Layer(projects, SettingsSource.multibranch(project.getFullName(),
                        project.getDisplayName())));
            }
            parent = project.getParent();
        }
        for (AbstractFolder<?> folder : ScopeSettings.foldersFrom(parent)) {
            CodegenFolderProperty property = folder.getProperties().get(CodegenFolderProperty.class);
            if (property != null) {
                layers.add(new Layer(property, SettingsSource.folder(folder.getFullName(), folder.getDisplayName())));
            }
        }
        return layers;
    }
}
