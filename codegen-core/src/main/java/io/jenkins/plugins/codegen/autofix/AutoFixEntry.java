package io.jenkins.plugins.codegen.autofix;

import java.time.Instant;
import java.util.Objects;

/**
 * One automatic fix of one failed build, as the queue file keeps it.
 *
 * @param job the failed build's job, by full name
 * @param build the failed build's number
 * @param queuedAtMillis when it was queued, epoch ms
 * @param state {@link State#PENDING} until its bridge is launched, then {@link State#STARTED}
 * @param runTag the agent run's tag ({@code client_request_id}), saved before the bridge is
 *        launched, by which a pick-up after a restart finds the run instead of starting another
 * @param starts how often it was handed out to start or resume; a fix that keeps failing to finish
 *        across restarts is given up ({@link AutoFixQueue#MAX_STARTS})
 */
public record AutoFixEntry(String job, int build, long queuedAtMillis, State state, String runTag, int starts) {

    /** Where a fix is. Finished fixes leave the queue. */
    public enum State {
        /** Queued; no bridge launched, so nothing can exist at Codegen yet. */
        PENDING,
        /** Its bridge was launched with {@link #runTag()}: an agent run may exist. */
        STARTED
    }

    public AutoFixEntry {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(state, "state");
        if (job.isBlank() || build < 1) {
            throw new IllegalArgumentException("an automatic fix names a job and a build number: " + job + " #" + build);
        }
        if (state == State.STARTED && (runTag == null || runTag.isBlank())) {
            throw new IllegalArgumentException("the started fix of " + job + " #" + build + " has no run tag");
        }
        if (starts < 0) {
            throw new IllegalArgumentException("starts is " + starts);
        }
    }

    /** {@code team-a/webapp#42}: one fix per build. */
    public String id() {
        return id(job, build);
    }

    static String id(String job, int build) {
        return job + "#" + build;
    }

    public Instant queuedAt() {
        return Instant.ofEpochMilli(queuedAtMillis);
    }

    AutoFixEntry started(String tag) {
        return new AutoFixEntry(job, build, queuedAtMillis, State.STARTED, tag, starts);
    }

    AutoFixEntry handedOut() {
        return new AutoFixEntry(job, build, queuedAtMillis, state, runTag, starts + 1);
    }
}
