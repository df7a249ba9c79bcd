package io.jenkins.plugins.codegen.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches, while a load runs, what the engine must keep bounded: live threads (the JVM's exact
 * peak), the engine's output reader threads and the JDK's process reapers, live bridge processes
 * and heap used. Everything but
 * the thread peak is sampled, every {@value #PERIOD_MILLIS} ms, so a peak shorter than that may be
 * missed; bridges live for hundreds of milliseconds, so theirs is not.
 */
final class ResourceSampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 20;
    /** The name PythonBridge gives the threads that drain a bridge's stdout and stderr. */
    private static final String READER_THREAD = "codegen-bridge-reader";
    /** The JDK's thread that waits for one child process to exit (one per live child on Linux). */
    private static final String REAPER_THREAD = "process reaper";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakBridges;
    private volatile long peakReaders;
    private volatile long peakReapers;
    private volatile long peakHeapBytes;
    private volatile long samples;
    /**
     * Descendant and bridge processes alive when sampling began, and the bridges' folders: whatever
     * else shows up was started during the load.
     */
    private final Set<Long> before = new HashSet<>();
    private final Set<String> foldersBefore = new HashSet<>();
    /** Processes started during the load: this JVM's descendants, and its bridges, which run detached. */
    private final Set<Long> started = ConcurrentHashMap.newKeySet();
    /** Bridges started during the load, one per folder (Processes counts them as the concurrency suite does). */
    private final Set<String> bridgesStarted = ConcurrentHashMap.newKeySet();

    private ResourceSampler() {
        threads.resetPeakThreadCount();
        Processes.descendants().forEach(p -> before.add(p.pid()));
        Processes.bridgesByFolder().forEach((folder, pids) -> {
            foldersBefore.add(folder);
            before.addAll(pids);
        });
        sampler = new Thread(this::sampleUntilClosed, "bench-resource-sampler");
        sampler.setDaemon(true);
    }

    static ResourceSampler start() {
        ResourceSampler watch = new ResourceSampler();
        watch.sampler.start();
        return watch;
    }

    private void sampleUntilClosed() {
        while (running) {
            Map<String, List<Long>> bridges = Processes.bridgesByFolder();
            peakBridges = Math.max(peakBridges, bridges.size());
            bridges.forEach((folder, pids) -> {
                if (!foldersBefore.contains(folder)) {
                    bridgesStarted.add(folder);
                }
                pids.stream().filter(pid -> !before.contains(pid)).forEach(started::add);
            });
            Processes.descendants().stream().map(ProcessHandle::pid).filter(pid -> !before.contains(pid))
                    .forEach(started::add);
            ThreadInfo[] live = threads.getThreadInfo(threads.getAllThreadIds(), 0);
            peakReaders = Math.max(peakReaders, named(live, READER_THREAD));
            peakReapers = Math.max(peakReapers, named(live, REAPER_THREAD));
            peakHeapBytes = Math.max(peakHeapBytes, memory.getHeapMemoryUsage().getUsed());
            samples++;
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long named(ThreadInfo[] live, String name) {
        return Arrays.stream(live).filter(Objects::nonNull).filter(info -> info.getThreadName().equals(name)).count();
    }

    /** Stops sampling; the peaks stay readable. */
    void stop() throws InterruptedException {
        running = false;
        sampler.join();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** The most live threads at any moment since the start, as the JVM counts them (exact). */
    int peakThreads() {
        return threads.getPeakThreadCount();
    }

    long peakBridges() {
        return peakBridges;
    }

    long peakReaders() {
        return peakReaders;
    }

    long peakReapers() {
        return peakReapers;
    }

    long peakHeapBytes() {
        return peakHeapBytes;
    }

    /**
     * Distinct processes seen that were not there when sampling began (sampled): this JVM's
     * descendants and its bridges. A process that starts and ends between two samples is missed.
     */
    long processesStarted() {
        return started.size();
    }

    /** Bridges seen that were not there when sampling began, one per folder; a bridge lives for many samples. */
    long bridgesStarted() {
        return bridgesStarted.size();
    }

    long samples() {
        return samples;
    }
}
