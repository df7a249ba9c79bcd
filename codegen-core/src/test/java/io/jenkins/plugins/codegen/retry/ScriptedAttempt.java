package io.jenkins.plugins.codegen.retry;

import io.jenkins.plugins.codegen.error.CodegenException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Fails with the given failures in turn, then succeeds with "done after N"; records what each
 * attempt was told.
 */
final class ScriptedAttempt implements Attempt<String> {
    final List<CodegenException> failures;
    final List<Integer> numbers = new ArrayList<>();
    final List<Optional<CodegenException>> previousFailures = new ArrayList<>();
    private final boolean failForever;
    private int progressOn = -1;
    private boolean progressOnEveryFailure;

    ScriptedAttempt(CodegenException... failures) {
        this(List.of(failures), false);
    }

    private ScriptedAttempt(List<CodegenException> failures, boolean failForever) {
        this.failures = failures;
        this.failForever = failForever;
    }

    static ScriptedAttempt failingWith(CodegenException failure) {
        return new ScriptedAttempt(List.of(failure), true);
    }

    /** Gets somewhere, then fails, {@code times} times; then succeeds. */
    static ScriptedAttempt progressThenFailing(int times, CodegenException failure) {
        ScriptedAttempt attempt = new ScriptedAttempt(Collections.nCopies(times, failure), false);
        attempt.progressOnEveryFailure = true;
        return attempt;
    }

    ScriptedAttempt withProgressOnAttempt(int number) {
        progressOn = number;
        return this;
    }

    @Override
    public String run(AttemptContext context) throws CodegenException {
        int number = context.attemptNumber();
        numbers.add(number);
        previousFailures.add(context.previousFailure());
        if (!failForever && number > failures.size()) {
            return "done after " + number;
        }
        if (progressOnEveryFailure || number == progressOn) {
            context.madeProgress();
        }
        throw failures.get(failForever ? 0 : number - 1);
    }
}
