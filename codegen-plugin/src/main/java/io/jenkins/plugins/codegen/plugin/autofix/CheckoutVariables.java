package io.jenkins.plugins.codegen.plugin.autofix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.SCMListener;
import hudson.scm.SCM;
import hudson.scm.SCMRevisionState;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the code of a build came from, kept for its automatic fix: a Pipeline's {@code checkout}
 * returns {@code GIT_URL}, {@code GIT_BRANCH} and {@code GIT_COMMIT} to the script but does not put
 * them into the build's environment, which is all that is left once the build has ended. Kept, from
 * the build's first checkout, only when automatic fixes are on for the job.
 */
public final class CheckoutVariables extends InvisibleAction {
    /** What a fix reads of a checkout: the repository, the branch and the commit. */
    static final List<String> NAMES = List.of("GIT_URL", "GIT_BRANCH", "GIT_COMMIT");

    private final TreeMap<String, String> values;

    CheckoutVariables(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** The variables of the build's first checkout, or none. */
    static Map<String, String> of(Run<?, ?> run) {
        CheckoutVariables kept = run.getAction(CheckoutVariables.class);
        return kept == null || kept.values == null ? Map.of() : Map.copyOf(kept.values);
    }

    @Extension
    public static final class Listener extends SCMListener {
        @Override
        public void onCheckout(Run<?, ?> build, SCM scm, FilePath workspace, TaskListener listener,
                               @CheckForNull File changelogFile, @CheckForNull SCMRevisionState pollingBaseline) {
            if (build.getAction(CheckoutVariables.class) != null || !AutoFixes.enabledFor(build.getParent())) {
                return;
            }
            Map<String, String> all = new HashMap<>();
            scm.buildEnvironment(build, all);
            Map<String, String> kept = new HashMap<>();
            NAMES.forEach(name -> {
                String value = all.get(name);
                if (value != null && !value.isBlank()) {
                    kept.put(name, value);
                }
            });
            if (!kept.isEmpty()) {
                build.addAction(new CheckoutVariables(kept));
            }
        }
    }
}
