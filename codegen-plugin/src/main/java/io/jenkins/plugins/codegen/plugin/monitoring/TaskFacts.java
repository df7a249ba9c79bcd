package io.jenkins.plugins.codegen.plugin.monitoring;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.history.Outcome;
import java.time.Duration;

/**
 * What monitoring needs of one task as a build recorded it: the build's record implements it, so
 * that the metrics and the overviews read the same facts the build page shows (no second copy).
 */
public interface TaskFacts {

    /** A dry run against the simulated API: counted nowhere, like on the management page. */
    boolean isMock();

    /** A fix of a build's failure (codegenFix, the post-build action, an automatic fix), not a task. */
    boolean isFix();

    /** The record's status: RUNNING, ACTIVE (its run goes on unwatched), SUCCEEDED, FAILED, ABORTED, INTERRUPTED. */
    String getStatus();

    /** The error type's wire name ({@code timeout}, {@code budget}, ...), null unless it failed. */
    @CheckForNull
    String getErrorType();

    int getAttempts();

    @CheckForNull
    String getPrUrl();

    /** When the task first started, in epoch milliseconds. */
    long getStarted();

    /** When it ended, in epoch milliseconds; 0 while it runs. */
    long getFinished();

    /** How it ended; {@link Outcome#UNFINISHED} while it runs or its agent run goes on unwatched. */
    default Outcome outcome() {
        return Outcome.of(getStatus());
    }

    /** From the task's first start to the pull request; null without one. */
    @CheckForNull
    default Duration timeToPullRequest() {
        long finished = getFinished();
        return getPrUrl() == null || finished <= 0 ? null : Duration.ofMillis(Math.max(0, finished - getStarted()));
    }
}
