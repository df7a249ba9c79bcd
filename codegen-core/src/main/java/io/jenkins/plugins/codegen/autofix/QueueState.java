package io.jenkins.plugins.codegen.autofix;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The queue file's shape, checked as it is read: a fix listed twice would be started twice. */
record QueueState(int version, List<AutoFixEntry> entries) {
    static final int VERSION = 1;

    QueueState {
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version + " is not " + VERSION
                    + " (written by another version of the plugin?)");
        }
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        Set<String> ids = new HashSet<>();
        for (AutoFixEntry entry : entries) {
            if (!ids.add(entry.id())) {
                throw new IllegalArgumentException("the fix of " + entry.id() + " is listed twice");
            }
        }
    }
}
