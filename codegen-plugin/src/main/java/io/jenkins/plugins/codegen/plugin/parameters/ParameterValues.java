package io.jenkins.plugins.codegen.plugin.parameters;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import java.util.ArrayList;
import java.util.List;

/** How a value given to a step's setter is kept: the one normalization of text and list parameters. */
public final class ParameterValues {
    private ParameterValues() {
    }

    /** A list parameter as stored: items stripped, blank ones dropped, null when nothing is left. */
    @CheckForNull
    static List<String> items(@CheckForNull List<String> value) {
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String item : value) {
            if (item != null && !item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items.isEmpty() ? null : items;
    }

    /** A list parameter as a getter hands it out: a copy, or null when there are no items. */
    @CheckForNull
    static List<String> copy(@CheckForNull List<String> items) {
        return items == null ? null : List.copyOf(items);
    }

    /** A text parameter as stored: null when blank. */
    @CheckForNull
    public static String text(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value);
    }

    /** Multi-line text keeps its inner layout; only the ends are stripped. */
    @CheckForNull
    static String multiLineText(@CheckForNull String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
