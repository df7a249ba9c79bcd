package io.jenkins.plugins.codegen.plugin.wait;

import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.config.JenkinsProxy;
import io.jenkins.plugins.codegen.watch.PollPolicy;
import io.jenkins.plugins.codegen.watch.Watcher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The controller's watcher: one for every {@code codegenWait} of every build (a timer thread, a pool
 * thread and the HTTP client's selector, whatever the number of waits), reaching the API through
 * Jenkins' proxy settings. Waits are read with the global poll interval; should an administrator
 * change it, waits started afterwards get a watcher of their own for it, while those in progress
 * keep theirs, so in practice there is one.
 */
final class CodegenWatcher {
    private static final Duration LONGEST_POLL = Duration.ofSeconds(120);
    private static final double POLL_GROWTH = 0.1;
    private static final Map<PollPolicy, Watcher> WATCHERS = new ConcurrentHashMap<>();

    private CodegenWatcher() {
    }

    /** The watcher for the global configuration's poll interval. */
    static Watcher get() {
        Duration interval = Duration.ofSeconds(Math.max(1, CodegenGlobalConfiguration.get().getPollInterval()));
        PollPolicy poll = new PollPolicy(interval, interval.compareTo(LONGEST_POLL) > 0 ? interval : LONGEST_POLL,
                POLL_GROWTH);
        return WATCHERS.computeIfAbsent(poll, policy -> Watcher.builder().poll(policy)
                .proxy(JenkinsProxy.selector(), JenkinsProxy.authenticator()).build());
    }
}
