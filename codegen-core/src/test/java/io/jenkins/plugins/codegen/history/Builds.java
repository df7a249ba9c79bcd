package io.jenkins.plugins.codegen.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/** A job's builds for the tests, made one at a time as a reader asks, newest first, counting what was made. */
final class Builds implements Iterator<BuildTasks> {
    private final IntFunction<List<HistoryRow>> tasksOf;
    private int next;
    int made;

    /** Builds {@code newest} down to 1, each with the tasks {@code tasksOf} gives its number. */
    Builds(int newest, IntFunction<List<HistoryRow>> tasksOf) {
        this.next = newest;
        this.tasksOf = tasksOf;
    }

    static Builds oneTaskEach(int count) {
        return new Builds(count, n -> List.of(row(n, TaskKind.TASK, "SUCCEEDED")));
    }

    static HistoryRow row(int build, TaskKind kind, String status) {
        return new HistoryRow(build, kind, status, "Task of #" + build, null, null, (long) build, null, 1_000, 1, null,
                build * 1_000L);
    }

    static HistoryRow opened(int build, long timeMs) {
        return new HistoryRow(build, TaskKind.TASK, "SUCCEEDED", "PR of #" + build, "https://github.com/a/b/pull/"
                + build, build, (long) build, "https://codegen.com/agent/trace/" + build, timeMs, 1, null, 0);
    }

    static List<Integer> buildsOf(List<HistoryRow> rows) {
        List<Integer> builds = new ArrayList<>();
        rows.forEach(r -> builds.add(r.build()));
        return builds;
    }

    @Override
    public boolean hasNext() {
        return next >= 1;
    }

    @Override
    public BuildTasks next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        made++;
        int build = next--;
        return new BuildTasks(build, null, tasksOf.apply(build));
    }
}
