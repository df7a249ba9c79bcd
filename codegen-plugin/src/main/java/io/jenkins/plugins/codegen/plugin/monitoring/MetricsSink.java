package io.jenkins.plugins.codegen.plugin.monitoring;

import hudson.ExtensionPoint;
import java.time.Duration;

/**
 * Where {@link CodegenMetrics} sends its counts. The one implementation, {@link CodegenMetricProvider},
 * exists only when the Metrics plugin is installed; without it there is none and nothing is sent.
 */
public interface MetricsSink extends ExtensionPoint {

    void increment(String counter, long by);

    void update(String timer, Duration duration);
}
