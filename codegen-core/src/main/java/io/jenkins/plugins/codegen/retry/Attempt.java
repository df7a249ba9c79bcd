package io.jenkins.plugins.codegen.retry;

import io.jenkins.plugins.codegen.error.CodegenException;

/**
 * One try at something {@link RetryManager} may repeat, such as a bridge call.
 *
 * @param <T> what a successful attempt returns
 */
@FunctionalInterface
public interface Attempt<T> {

    /**
     * Tries once. A later attempt can learn from {@link AttemptContext#previousFailure()} what the last
     * one left behind; in particular, it must resume an agent run the last attempt created rather than
     * create a second one.
     *
     * @throws CodegenException when this try failed; retried if {@link CodegenException#isRetryable()}
     */
    T run(AttemptContext context) throws CodegenException, InterruptedException;
}
