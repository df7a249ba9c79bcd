package io.jenkins.plugins.codegen.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;

/**
 * The select boxes of the settings that the global page sets and a step may override (optimization
 * level, backend): on a step's form they start with a blank choice, which keeps the global setting.
 */
public final class SettingChoices {
    private SettingChoices() {
    }

    /** @param inheritLabel the label of the blank choice, or null for none (the global page) */
    public static ListBoxModel optimizationLevels(@CheckForNull String inheritLabel) {
        ListBoxModel model = new ListBoxModel();
        if (inheritLabel != null) {
            model.add(inheritLabel, "");
        }
        for (OptimizationLevel level : OptimizationLevel.values()) {
            model.add(level.wireName(), level.wireName());
        }
        return model;
    }

    /** @param inheritLabel the label of the blank choice, or null for none (the global page) */
    public static ListBoxModel backends(@CheckForNull String inheritLabel) {
        ListBoxModel model = new ListBoxModel();
        if (inheritLabel != null) {
            model.add(inheritLabel, "");
        }
        for (Backend backend : Backend.values()) {
            model.add(backend.wireName(), backend.wireName());
        }
        return model;
    }
}
