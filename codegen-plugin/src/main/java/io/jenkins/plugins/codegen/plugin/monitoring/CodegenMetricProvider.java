package io.jenkins.plugins.codegen.plugin.monitoring;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricSet;
import com.codahale.metrics.Timer;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.metrics.api.MetricProvider;
import jenkins.metrics.api.Metrics;

/**
 * Codegen's counters and timers in the Metrics plugin's registry, which the Prometheus plugin and
 * the other reporters read. The only class that names the Metrics plugin: its superclass comes from
 * that plugin, so without it this extension cannot load and Jenkins skips it ({@code optional}).
 * Every name is registered at start, at zero, so that rates and alerts work before the first task.
 */
@Extension(optional = true)
public final class CodegenMetricProvider extends MetricProvider implements MetricsSink {

    @NonNull
    @Override
    public MetricSet getMetricSet() {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        CodegenMetrics.counterNames().forEach(name -> metrics.put(name, new Counter()));
        CodegenMetrics.timerNames().forEach(name -> metrics.put(name, new Timer()));
        return metrics(metrics);
    }

    @Override
    public void increment(String counter, long by) {
        Metrics.metricRegistry().counter(counter).inc(by);
    }

    @Override
    public void update(String timer, Duration duration) {
        Metrics.metricRegistry().timer(timer).update(duration);
    }
}
