package io.jenkins.plugins.codegen.plugin.history;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.history.HistoryRow;
import io.jenkins.plugins.codegen.integrator.SafeLinks;
import io.jenkins.plugins.codegen.plugin.record.TaskRecordView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One row of the history page and of its REST API. The facts come from the build's stored record;
 * the wording (status, time) is the build page's. Titles and URLs are untrusted: the page escapes
 * them and links only http(s).
 */
@ExportedBean(defaultVisibility = 2)
public final class HistoryEntry {
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final HistoryRow row;
    private final TaskRecordView view;

    HistoryEntry(HistoryRow row, TaskRecordView view) {
        this.row = row;
        this.view = view;
    }

    @Exported
    public int getBuild() {
        return row.build();
    }

    /** {@code task}, {@code fix}, {@code follow-up} or {@code automatic}. */
    @Exported
    public String getKind() {
        return row.kind().wireName();
    }

    /** As stored: {@code SUCCEEDED}, {@code FAILED}, {@code ABORTED}, {@code INTERRUPTED}, {@code RUNNING}, {@code ACTIVE}. */
    @Exported
    public String getStatus() {
        return row.status();
    }

    @Exported
    public String getTitle() {
        return row.title();
    }

    @Exported
    public String getPrUrl() {
        return row.prUrl();
    }

    @Exported
    public Integer getPrNumber() {
        return row.prNumber();
    }

    @Exported
    public Long getRunId() {
        return row.runId();
    }

    @Exported
    public String getRunUrl() {
        return row.runUrl();
    }

    /** How long the task took, in ms; 0 while it runs. */
    @Exported
    public long getTimeMs() {
        return row.timeMs();
    }

    /** The attempts the engine made; null when nobody counted them (running, aborted early). */
    @Exported
    public Integer getAttempts() {
        return view.isCountsKnown() ? row.attempts() : null;
    }

    @Exported
    public String getErrorType() {
        return row.errorType();
    }

    /** When the task started, in ms since the epoch. */
    @Exported
    public long getStarted() {
        return row.startedMillis();
    }

    /** When it started, e.g. {@code 2026-12-06 04:12 UTC}: one zone for everyone who reads the page. */
    public String getStartedText() {
        return STARTED.format(Instant.ofEpochMilli(row.startedMillis()));
    }

    /** The title, or a placeholder when the task had none. */
    public String getDisplayTitle() {
        return view.getDisplayTitle();
    }

    public String getStatusText() {
        return view.getStatusText();
    }

    public String getStatusIcon() {
        return view.getStatusIcon();
    }

    public String getDurationText() {
        return view.getDurationText();
    }

    @CheckForNull
    public String getSafePrUrl() {
        return SafeLinks.http(row.prUrl()).orElse(null);
    }

    @CheckForNull
    public String getSafeRunUrl() {
        return SafeLinks.http(row.runUrl()).orElse(null);
    }

    public String getPrLabel() {
        return view.getPrLabel();
    }
}
