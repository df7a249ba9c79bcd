package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskAbortedException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * One wait in progress: its state (to keep for a restart), its result when it comes, and a way to
 * end it at once.
 */
public final class Watch {
    private final WatchState state;
    private final RunWait wait;

    Watch(WatchState state, RunWait wait) {
        this.state = state;
        this.wait = wait;
    }

    /** What a restarted controller needs to continue this wait. */
    public WatchState state() {
        return state;
    }

    /** Completes, never exceptionally, with the wait's result: succeeded, failed or aborted. */
    public CompletionStage<TaskResult> result() {
        return wait.result().minimalCompletionStage();
    }

    public boolean isDone() {
        return wait.result().isDone();
    }

    /**
     * Ends the wait now, if it has not ended: an {@code aborted} result saying that the agent run may
     * still be working, with its link. The run itself goes on; the API cannot stop it.
     *
     * @return the wait's result, the aborted one or the one it had already reached
     */
    public TaskResult cancel() {
        return wait.cancel();
    }

    /**
     * Blocks until the wait ends. An interrupt (an aborted build) cancels it.
     *
     * @throws TaskAbortedException when interrupted, carrying the aborted result
     */
    public TaskResult await() throws TaskAbortedException {
        try {
            return wait.result().get();
        } catch (InterruptedException e) {
            TaskResult aborted = cancel();
            if (aborted.errorType() != ErrorType.ABORTED) {
                // It had ended before the interrupt: that result stands, and the interrupt is kept for the caller.
                Thread.currentThread().interrupt();
                return aborted;
            }
            TaskAbortedException abort = new TaskAbortedException(aborted.errorMessage() == null
                    ? "Aborted." : aborted.errorMessage(), aborted);
            abort.addSuppressed(e);
            throw abort;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a wait's result never fails", e);
        }
    }
}
