package io.jenkins.plugins.codegen.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shutdown hooks a test can run, standing in for Ctrl-C without ending the test's JVM. */
final class RecordingShutdownHooks implements ShutdownHooks {
    private final List<Thread> hooks = new CopyOnWriteArrayList<>();
    private RuntimeException refusal;

    @Override
    public void add(Thread hook) {
        if (refusal != null) {
            throw refusal;
        }
        hooks.add(hook);
    }

    /** Makes {@link #add} throw, as the JVM's does while it shuts down: a failure no command expects. */
    void refuseWith(RuntimeException failure) {
        this.refusal = failure;
    }

    @Override
    public void remove(Thread hook) {
        hooks.remove(hook);
    }

    List<Thread> registered() {
        return List.copyOf(hooks);
    }

    /** What the JVM does on Ctrl-C: start every hook, and wait for them. */
    void pressCtrlC() throws InterruptedException {
        List<Thread> running = registered();
        running.forEach(Thread::start);
        for (Thread hook : running) {
            hook.join();
        }
    }
}
