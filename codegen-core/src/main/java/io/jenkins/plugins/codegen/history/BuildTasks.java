package io.jenkins.plugins.codegen.history;

import java.util.List;

/**
 * The tasks of one build, in the order they started; none for a build that ran no task.
 *
 * @param build the build's number
 * @param label how the build is named on a chart's axis, e.g. {@code #12}
 * @param rows its tasks, oldest first
 */
public record BuildTasks(int build, String label, List<HistoryRow> rows) {

    public BuildTasks {
        rows = List.copyOf(rows);
        label = label == null ? "#" + build : label;
    }
}
