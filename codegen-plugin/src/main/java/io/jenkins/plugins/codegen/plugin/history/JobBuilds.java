package io.jenkins.plugins.codegen.plugin.history;

import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.codegen.history.BuildTasks;
import io.jenkins.plugins.codegen.history.HistoryRow;
import io.jenkins.plugins.codegen.history.TaskKind;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.record.TaskRecordView;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A job's builds, newest first, as the history reads them: each build is loaded only when the
 * reader asks for it (Jenkins loads a build's {@code build.xml} on first access), and its rows are
 * made from the records the build stores, so the history never drifts from the build pages. A build
 * the current user may not read is passed over; a deleted build is simply not there.
 */
final class JobBuilds implements Iterator<BuildTasks> {
    private final Iterator<? extends Run<?, ?>> runs;
    /** How the build pages word each row read so far (its status, time), so the history says it alike. */
    private final Map<HistoryRow, TaskRecordView> views = new IdentityHashMap<>();
    private BuildTasks next;

    private JobBuilds(Iterator<? extends Run<?, ?>> runs) {
        this.runs = runs;
    }

    static JobBuilds of(Job<?, ?> job) {
        return new JobBuilds(job.getBuilds().iterator());
    }

    @Override
    public boolean hasNext() {
        while (next == null && runs.hasNext()) {
            Run<?, ?> run = runs.next();
            if (run.hasPermission(Item.READ)) {
                next = tasksOf(run, views);
            }
        }
        return next != null;
    }

    @Override
    public BuildTasks next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BuildTasks build = next;
        next = null;
        return build;
    }

    /** The wording of a row this reader made. */
    TaskRecordView viewOf(HistoryRow row) {
        return views.get(row);
    }

    private static BuildTasks tasksOf(Run<?, ?> run, Map<HistoryRow, TaskRecordView> views) {
        CodegenBuildAction action = run.getAction(CodegenBuildAction.class);
        List<HistoryRow> rows = new ArrayList<>();
        if (action != null) {
            for (CodegenTaskRecord record : action.getTasks()) {
                HistoryRow row = row(run.getNumber(), record);
                views.put(row, record.getView());
                rows.add(row);
            }
        }
        // "#12", not the display name a user may have set: the chart's script reads its labels as markup.
        return new BuildTasks(run.getNumber(), null, rows);
    }

    static HistoryRow row(int build, CodegenTaskRecord record) {
        return new HistoryRow(build, kindOf(record), record.getStatus(), record.getTitle(),
                record.getPrUrl(), record.getPrNumber(), record.getRunId(), record.getWebUrl(), timeOf(record),
                record.getView().isCountsKnown() ? record.getAttempts() : 0, record.getErrorType(),
                record.getStarted());
    }

    /** A fix that the automatic-fix feature started is shown as {@code automatic}. */
    static TaskKind kindOf(CodegenTaskRecord record) {
        return TaskKind.of(record.isFix(), record.getFollowUpOf() != null, record.isAutomatic());
    }

    /** The task's time, as the build page counts it; 0 while it runs. */
    private static long timeOf(CodegenTaskRecord record) {
        if (record.isRunning() || record.getFinished() == 0 && record.getResponseTimeMs() == 0) {
            return 0;
        }
        return record.getResponseTimeMs() > 0 ? record.getResponseTimeMs() : record.getFinished() - record.getStarted();
    }
}
