package io.jenkins.plugins.codegen.integrator;

/** Receives a task's progress on the thread that processes the task. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);
}
