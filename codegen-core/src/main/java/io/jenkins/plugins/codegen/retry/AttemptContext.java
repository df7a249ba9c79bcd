package io.jenkins.plugins.codegen.retry;

import io.jenkins.plugins.codegen.error.CodegenException;
import java.util.Optional;

/** What {@link RetryManager} tells an {@link Attempt}, and what the attempt tells it back. */
public interface AttemptContext {

    /** 1 for the first attempt; counts every attempt, whatever its outcome. */
    int attemptNumber();

    /** Why the attempt before this one failed; empty for the first. */
    Optional<CodegenException> previousFailure();

    /**
     * Reports that this attempt got somewhere, for example that the agent run was created or that a
     * status read succeeded. If the attempt fails afterwards, that failure is a fresh problem and the
     * retry budget starts again. May be called from any thread, any number of times.
     */
    void madeProgress();
}
