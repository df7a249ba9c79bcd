package io.jenkins.plugins.codegen.plugin.record;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import java.io.Serializable;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One entry of the agent's log as a build keeps it in {@code build.xml} and shows it: a plain class of
 * the plugin's own, since XStream does not read Java records back reliably (the core's
 * {@link AgentLogEntry} is one). Its text is the core's, already one line, cut and masked; it comes from
 * the API and stays untrusted: the pages escape it. Its fields are exported wherever the record's log is
 * ({@code codegen/api/json?depth=1}); the build's own API does not show the log.
 */
@ExportedBean(defaultVisibility = 3)
public final class AgentLogLine implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String createdAt;
    private final String messageType;
    private final String toolName;
    private final String thought;

    AgentLogLine(AgentLogEntry entry) {
        this.index = entry.index();
        this.createdAt = entry.createdAt();
        this.messageType = entry.messageType();
        this.toolName = entry.toolName();
        this.thought = entry.thought();
    }

    /** The entry's 0-based position in the agent run's log. */
    @Exported
    public int getIndex() {
        return index;
    }

    /** When the agent wrote it, as the API gives it (ISO 8601), or null. */
    @Exported
    @CheckForNull
    public String getCreatedAt() {
        return createdAt;
    }

    /** E.g. {@code ACTION}, {@code PLAN_EVALUATION}, {@code FINAL_ANSWER}, or null. */
    @Exported
    @CheckForNull
    public String getMessageType() {
        return messageType;
    }

    /** E.g. {@code read_file}, or null. */
    @Exported
    @CheckForNull
    public String getToolName() {
        return toolName;
    }

    /** The agent's thought, one line, or null. */
    @Exported
    @CheckForNull
    public String getThought() {
        return thought;
    }

    /** What the agent used, as the console names it: the tool, else the message's type, else {@code log}. */
    public String getLabel() {
        return new AgentLogEntry(index, createdAt, messageType, toolName, thought).label();
    }
}
