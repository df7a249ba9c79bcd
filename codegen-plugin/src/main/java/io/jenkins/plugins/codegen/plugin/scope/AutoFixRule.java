package io.jenkins.plugins.codegen.plugin.scope;

import io.jenkins.plugins.codegen.autofix.AutoFixBranches;

/**
 * Whether a job's failed builds get an automatic fix, and on which branches.
 *
 * @param enabled the switch, as the nearest layer that sets it says
 * @param enabledFrom where the switch was set, e.g. {@code folder team-a} or {@code the global configuration}
 * @param branches the branches (and pull requests) it applies to, each value from the nearest layer that sets it
 */
public record AutoFixRule(boolean enabled, String enabledFrom, AutoFixBranches branches) {
}
