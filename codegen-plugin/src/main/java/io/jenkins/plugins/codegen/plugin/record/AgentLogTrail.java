package io.jenkins.plugins.codegen.plugin.record;

import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The agent's log as one task's record keeps it: the entries in the order the agent wrote them, at
 * most the last {@value #MAX} (the oldest are dropped and counted), each entry once. An entry is known
 * by its position in the run's log: after a controller restart, or when {@code codegenWait} reads a
 * run from its start again, the entries already kept are not added twice. Not thread-safe: the
 * record guards it and hands out copies.
 */
@ExportedBean(defaultVisibility = 2)
public final class AgentLogTrail implements Serializable {
    private static final long serialVersionUID = 1L;
    /** As many as the engine's result keeps. */
    static final int MAX = TaskResult.MAX_AGENT_LOG;

    private final List<AgentLogLine> lines = new ArrayList<>();
    /** How many older entries were dropped to keep {@link #MAX}. */
    private int dropped;
    /** The highest position in the run's log kept so far; -1 before the first entry. */
    private int lastIndex = -1;

    /** Adds the entry, unless an entry at its position (or a later one) was kept already. */
    void add(AgentLogEntry entry) {
        if (entry.index() <= lastIndex) {
            return;
        }
        lastIndex = entry.index();
        lines.add(new AgentLogLine(entry));
        if (lines.size() > MAX) {
            lines.remove(0);
            dropped++;
        }
    }

    /** Adds those of the entries that are new (a result carries the entries its task saw). */
    void addAll(List<AgentLogEntry> entries) {
        entries.forEach(this::add);
    }

    AgentLogTrail copy() {
        AgentLogTrail copy = new AgentLogTrail();
        copy.lines.addAll(lines);
        copy.dropped = dropped;
        copy.lastIndex = lastIndex;
        return copy;
    }

    /** The entries kept, oldest first. */
    @Exported
    public List<AgentLogLine> getEntries() {
        return List.copyOf(lines);
    }

    /** How many older entries were dropped to keep the last {@value #MAX}. */
    @Exported
    public int getDropped() {
        return dropped;
    }
}
