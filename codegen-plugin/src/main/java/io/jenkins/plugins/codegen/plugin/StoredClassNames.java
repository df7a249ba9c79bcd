package io.jenkins.plugins.codegen.plugin;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Items;
import hudson.model.Run;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.fix.CodegenFixPublisher;
import io.jenkins.plugins.codegen.plugin.record.AgentLogLine;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.task.CodegenBuilder;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The names under which versions before the split into packages stored the plugin's classes, all
 * in this package: a build's {@code build.xml} (its Codegen action, records and agent log), a job's
 * {@code config.xml} (the build step and the fix action) and the global configuration's file. XStream reads each old name as the class it became; a file takes the new
 * names the next time it is saved. The global configuration keeps its file name
 * ({@code CodegenGlobalConfiguration.getConfigFile}) and the Pipeline steps the descriptor ids that
 * builds keep in their steps ({@code getId} of each step's descriptor).
 *
 * <p>A running Pipeline's program is not XStream: a build that runs a Codegen step while the plugin
 * is upgraded cannot be picked up again (docs/reliability.md).
 */
public final class StoredClassNames {
    /** The package every class was in. */
    private static final String OLD_PACKAGE = "io.jenkins.plugins.codegen.plugin.";
    /**
     * What a build's build.xml names: an element of a list is named by its class. A field's value
     * of the field's own (final) class is named by the field alone, as the record's agent log is.
     */
    private static final List<Class<?>> IN_BUILDS = List.of(CodegenBuildAction.class, CodegenTaskRecord.class,
            AgentLogLine.class);
    /** What a job's config.xml names: the build step and the fix action (their parameters are fields). */
    private static final List<Class<?>> IN_JOBS = List.of(CodegenBuilder.class, CodegenFixPublisher.class);

    private StoredClassNames() {
    }

    /** Before any job, build or global configuration is loaded. */
    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void addAliases() {
        IN_BUILDS.forEach(type -> Run.XSTREAM2.addCompatibilityAlias(OLD_PACKAGE + type.getSimpleName(), type));
        IN_JOBS.forEach(type -> Items.XSTREAM2.addCompatibilityAlias(OLD_PACKAGE + type.getSimpleName(), type));
        Jenkins.XSTREAM2.addCompatibilityAlias(OLD_PACKAGE + CodegenGlobalConfiguration.class.getSimpleName(),
                CodegenGlobalConfiguration.class);
    }
}
