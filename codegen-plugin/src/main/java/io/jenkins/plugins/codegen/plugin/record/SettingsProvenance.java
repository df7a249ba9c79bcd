package io.jenkins.plugins.codegen.plugin.record;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.List;

/**
 * Where each of a task's settings came from, one line each as its log printed them
 * ({@code organization 42 from folder team-a}), kept with the task's record for the build page. A
 * record written before these were kept has none: an empty list, and the page leaves the row out.
 */
final class SettingsProvenance implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> lines;

    private SettingsProvenance(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** Null for no lines, so that a record without them stores nothing. */
    @CheckForNull
    static SettingsProvenance of(@CheckForNull List<String> lines) {
        return lines == null || lines.isEmpty() ? null : new SettingsProvenance(lines);
    }

    static List<String> lines(@CheckForNull SettingsProvenance provenance) {
        return provenance == null || provenance.lines == null ? List.of() : provenance.lines;
    }
}
