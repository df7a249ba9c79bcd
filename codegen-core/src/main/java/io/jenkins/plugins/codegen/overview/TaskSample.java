package io.jenkins.plugins.codegen.overview;

import io.jenkins.plugins.codegen.history.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One task or fix as an overview counts it: where its job is (the folder's full name, empty at the
 * top of the controller), what it was, when it started, how it ended and how long it took to its
 * pull request.
 *
 * @param folder the full name of the folder that holds the job, {@code a/b}; empty when none does
 * @param outcome how it ended; {@link Outcome#UNFINISHED} counts as a task but not in the success rate
 * @param timeToPullRequest from the task's first start to its pull request; null without one
 */
public record TaskSample(String folder, boolean fix, Outcome outcome, Instant started, Duration timeToPullRequest) {

    public TaskSample {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(started, "started");
        if (folder.startsWith("/") || folder.endsWith("/")) {
            throw new IllegalArgumentException("a folder's full name has no leading or trailing slash: " + folder);
        }
    }

    /** Whether the sample's job is in {@code scope} (a folder's full name) or below it; every job is in "". */
    public boolean within(String scope) {
        return scope.isEmpty() || folder.equals(scope) || folder.startsWith(scope + "/");
    }
}
