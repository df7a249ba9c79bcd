package io.jenkins.plugins.codegen.plugin.monitoring;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.codegen.health.HealthMonitor;
import io.jenkins.plugins.codegen.stats.Statistics;

/**
 * The controller's one {@link Statistics} and {@link HealthMonitor}, shared by every task so that
 * Manage Jenkins » Codegen shows the whole controller. Kept in memory: they start afresh when the
 * controller restarts. Mock-mode tasks are not counted (they say nothing about the real API).
 */
@Extension
public final class CodegenMonitoring {
    private final Statistics statistics = new Statistics();
    private final HealthMonitor health = new HealthMonitor(statistics);

    public static CodegenMonitoring get() {
        return ExtensionList.lookupSingleton(CodegenMonitoring.class);
    }

    public Statistics statistics() {
        return statistics;
    }

    public HealthMonitor health() {
        return health;
    }
}
