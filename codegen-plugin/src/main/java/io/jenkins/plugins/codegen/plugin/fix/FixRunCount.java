package io.jenkins.plugins.codegen.plugin.fix;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.time.Duration;

/**
 * How many fix runs a job started in the last 24 hours, for the daily cap ({@code maxFixesPerDay}):
 * the fix records of the job's builds that started within the window and started an agent run.
 *
 * <p>Counted from the builds rather than kept in a counter of our own: the records are already
 * stored with each build (they survive a restart, move with a renamed job, and need no reset at
 * midnight nor a file of their own), and what is counted is what the build pages show. The builds of
 * one day are few; they are read newest first and the reading stops at the first older build.
 * Deleted builds are forgotten with their fixes, and two fixes that start in the same second in two
 * builds of a job may both pass: the cap is a brake on runaway fixing, not an exact quota.
 */
final class FixRunCount {
    static final Duration WINDOW = Duration.ofHours(24);

    private FixRunCount() {
    }

    static int inLastDay(Job<?, ?> job, long now) {
        long since = now - WINDOW.toMillis();
        int count = 0;
        for (Run<?, ?> build : job.getBuilds()) {
            if (build.getStartTimeInMillis() < since) {
                break;
            }
            CodegenBuildAction action = build.getAction(CodegenBuildAction.class);
            if (action != null) {
                count += (int) action.getTasks().stream().filter(CodegenTaskRecord::startedFixRun).count();
            }
        }
        return count;
    }
}
