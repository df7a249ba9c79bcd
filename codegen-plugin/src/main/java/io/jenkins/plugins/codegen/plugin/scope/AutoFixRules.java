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
        Found<Boolean> enabledBy = first(layers, CodegenScopeProperty::getAutoFix);
        boolean enabled = enabledBy == null ? global.isAutoFix() : enabledBy.value();
        String from = (enabledBy == null ? SettingsSource.global() : enabledBy.source()).describe();
        Found<String> branchesBy = first(layers, CodegenScopeProperty::getAutoFixBranches);
        String branches = branchesBy == null ? global.getAutoFixBranches() : branchesBy.value();
        Found<Boolean> pullRequestsBy = first(layers, CodegenScopeProperty::getAutoFixPullRequests);
        boolean pullRequests = pullRequestsBy == null ? global.isAutoFixPullRequests() : pullRequestsBy.value();
        return new AutoFixRule(enabled, from, new AutoFixBranches(AutoFixBranches.parse(branches), pullRequests,
                global.getCodegenBranchPrefix()));
    }

    private record Layer(CodegenScopeProperty property, SettingsSource source) {
    }

    /** A value and the layer it came from. */
    private record Found<T>(T value, SettingsSource source) {
    }

    /** The value of the nearest layer that sets it; null when none does. */
    private static <T> Found<T> first(List<Layer> layers, Function<CodegenScopeProperty, T> getter) {
        for (Layer layer : layers) {
            T value = getter.apply(layer.property());
            if (value != null) {
                return new Found<>(value, layer.source());
            }
        }
        return null;
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
