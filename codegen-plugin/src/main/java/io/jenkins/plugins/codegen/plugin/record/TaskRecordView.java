package io.jenkins.plugins.codegen.plugin.record;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.integrator.SafeLinks;
import java.util.List;
import java.util.Locale;

/**
 * How the build page, its summary and the history badge word one {@link CodegenTaskRecord}: its
 * title, status and icon, time and prompt figures. Kept apart from the record, which holds and
 * exports the facts; the pages reach it as {@code task.view}.
 */
public final class TaskRecordView {
    private final CodegenTaskRecord record;

    TaskRecordView(CodegenTaskRecord record) {
        this.record = record;
    }

    /** The pull request's URL if it may be a link (http or https); null otherwise. */
    @CheckForNull
    public String getSafePrUrl() {
        return SafeLinks.http(record.getPrUrl()).orElse(null);
    }

    /** The agent run's page if it may be a link (http or https); null otherwise. */
    @CheckForNull
    public String getSafeWebUrl() {
        return SafeLinks.http(record.getWebUrl()).orElse(null);
    }

    /** "#17", or "pull request" when the number is unknown: the link text in the summary's table. */
    public String getPrLabel() {
        Integer number = record.getPrNumber();
        return number != null ? "#" + number : "pull request";
    }

    /** The title, or a placeholder when the task had none. */
    public String getDisplayTitle() {
        String title = record.getTitle();
        return title == null || title.isBlank() ? "(untitled task)" : title;
    }

    public String getStatusText() {
        String status = record.getStatus();
        return switch (status) {
            case RecordStatus.RUNNING -> "Running";
            case RecordStatus.SUCCEEDED -> record.getPrUrl() != null ? "Pull request opened"
                    : "Completed without a pull request";
            case RecordStatus.ACTIVE -> "Running remotely, not waited for (wait: false)";
            case RecordStatus.FAILED -> "Failed";
            case RecordStatus.ABORTED -> "Aborted";
            case RecordStatus.INTERRUPTED -> "Interrupted";
            default -> status;
        };
    }

    /** A status ball. */
    public String getStatusIcon() {
        return switch (record.getStatus()) {
            case RecordStatus.RUNNING, RecordStatus.ACTIVE -> "symbol-status-nobuilt-anime";
            case RecordStatus.SUCCEEDED -> "symbol-status-blue";
            case RecordStatus.FAILED -> "symbol-status-red";
            default -> "symbol-status-aborted";
        };
    }

    /**
     * Whether the attempts and API requests are known: not while the task runs (they are counted at its
     * end), nor for a task stopped before the engine said (an abort, a restart).
     */
    public boolean isCountsKnown() {
        return !record.isRunning() && !record.isCountsUnknown();
    }

    /** "12.3 s", "4 min 5 s"; while the task runs, how long it has run so far: "1 min 5 s so far". */
    public String getDurationText() {
        long responseTime = record.getResponseTimeMs();
        long finished = record.getFinished();
        if (record.isRunning() || finished == 0 && responseTime == 0) {
            return duration(Math.max(0, System.currentTimeMillis() - record.getStarted())) + " so far";
        }
        return duration(responseTime > 0 ? responseTime : finished - record.getStarted());
    }

    private static String duration(long millis) {
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
    }

    /**
     * The summary's line of figures, with what is known: "Attempts: 1, time: 8.1 s; prompt standard,
     * 1,234 characters", or "Time: 12.3 s so far" while the task runs.
     */
    public String getFigures() {
        String time = getDurationText();
        String text = isCountsKnown() ? "Attempts: " + record.getAttempts() + ", time: " + time : "Time: " + time;
        String prompt = getPromptSummary();
        return prompt.isEmpty() ? text : text + "; prompt " + prompt;
    }

    /** "standard, 1,234 characters (from 9,000; shortened: examples)"; empty without a prompt. */
    public String getPromptSummary() {
        String level = record.getPromptLevel();
        if (level == null) {
            return "";
        }
        String text = String.format(Locale.ROOT, "%s, %,d characters", level, record.getPromptLength());
        List<String> shed = record.getPromptShed();
        if (!shed.isEmpty()) {
            text += String.format(Locale.ROOT, " (from %,d; shortened: %s)", record.getOriginalPromptLength(),
                    String.join(", ", shed));
        }
        return text;
    }

    /** Says how many older entries of the agent's log were dropped; empty when none was. */
    public String getAgentLogNote() {
        int dropped = record.getAgentLog().getDropped();
        return dropped == 0 ? "" : String.format(Locale.ROOT, "Only the last %,d entries of the agent's log are kept: "
                + "%,d earlier %s dropped.", AgentLogTrail.MAX, dropped, dropped == 1 ? "entry was" : "entries were");
    }
}
