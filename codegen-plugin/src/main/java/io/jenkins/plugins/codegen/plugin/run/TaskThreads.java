package io.jenkins.plugins.codegen.plugin.run;

import hudson.Extension;
import hudson.model.listeners.ItemListener;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads the durable steps' tasks run on, so that the CPS VM thread is never blocked, and the
 * steps whose task runs in this JVM now: the ones to let go of when the controller shuts down.
 */
final class TaskThreads {
    private static final Set<CodegenTaskExecution> RUNNING = ConcurrentHashMap.newKeySet();
    private static ExecutorService executor;

    private TaskThreads() {
    }

    /** Runs a step's task on a thread of its own; the step counts as running until the task ends. */
    static Future<?> submit(CodegenTaskExecution step, Runnable task) {
        RUNNING.add(step);
        return executor().submit(() -> {
            try {
                task.run();
            } finally {
                RUNNING.remove(step);
            }
        });
    }

    private static synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newCachedThreadPool(new NamingThreadFactory(
                    new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "CodegenTaskExecution"));
        }
        return executor;
    }

    /**
     * Lets go of the running tasks first thing when the controller shuts down, before Pipeline saves
     * its programs and before the agents' connections close: otherwise a task would see its agent
     * vanish and end as failed, instead of being picked up again after the restart.
     */
    @Extension
    public static final class Shutdown extends ItemListener {
        @Override
        public void onBeforeShutdown() {
            RUNNING.forEach(CodegenTaskExecution::detach);
        }
    }
}
