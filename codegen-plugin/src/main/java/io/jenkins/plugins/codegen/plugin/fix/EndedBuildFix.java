package io.jenkins.plugins.codegen.plugin.fix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenFixSkips;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskRunner;
import java.io.IOException;

/**
 * The fix of a build that has ended, asked for by the controller rather than by a step of the build
 * (an automatic fix): the {@code codegenFix} step's fix with its defaults, the same guardrails,
 * evidence, redaction and once-per-failure tag, and a record on the failed build's page marked as
 * automatic. Its bridge runs where the caller says (on the controller), not where the build ran.
 */
public final class EndedBuildFix {
    private static final String OWNER = "automatic fix: ";

    private final Run<?, ?> run;
    private final CodegenFixRunner runner;
    private final String buildWorkspace;
    private volatile CodegenTaskRunner taskRunner;
    private volatile boolean detached;

    /** Told the tag of the fix's agent run before its bridge is launched; throws to keep it from launching. */
    @FunctionalInterface
    public interface BeforeLaunch {
        void tag(String tag) throws CodegenException;
    }

    /**
     * @param bridgeWorkspace the folder beside whose temporary folder the bridge runs
     * @param buildWorkspace where the build ran, or empty: it is left out of the failure's signature
     * @param environment the build's variables: where the code is, which branch failed
     */
    public EndedBuildFix(Run<?, ?> run, FilePath bridgeWorkspace, String buildWorkspace, EnvVars environment,
                         Launcher launcher, TaskListener listener) {
        this.run = run;
        this.buildWorkspace = buildWorkspace;
        this.runner = new CodegenFixRunner(new CodegenFixParameters(), OWNER, run, bridgeWorkspace, environment,
                launcher, listener);
    }

    /**
     * Whether the build asked for a fix of its own: it ran {@code codegenFix} or the fix action (a fix
     * record, or a fix they skipped), or its job has the fix action, which runs on every failure.
     */
    public static boolean askedForItsOwnFix(Run<?, ?> run) {
        CodegenBuildAction action = run.getAction(CodegenBuildAction.class);
        if (action != null && action.getTasks().stream().anyMatch(CodegenTaskRecord::isFix)) {
            return true;
        }
        CodegenFixSkips skips = run.getAction(CodegenFixSkips.class);
        if (skips != null && !skips.getReasons().isEmpty()) {
            return true;
        }
        return run.getParent() instanceof AbstractProject<?, ?> project
                && project.getPublishersList().get(CodegenFixPublisher.class) != null;
    }

    /** The fix guardrails' reason to skip (a branch Codegen made, the daily cap), also on the build's page; or null. */
    @CheckForNull
    public String skipReason() throws IOException {
        return runner.skipReason();
    }

    /**
     * Runs the fix to its end, in the automatic fix record the build has from an earlier start if
     * any, else in a new one.
     *
     * @param keptTag the tag an earlier start of this fix launched its bridge with, or null
     */
    public TaskResult run(@CheckForNull String keptTag, BeforeLaunch beforeLaunch)
            throws IOException, InterruptedException {
        CodegenTaskRunner current = runner.automatic(keptTag, buildWorkspace, beforeLaunch).taskRunner()
                .inRecord(unfinishedAutomaticRecord());
        taskRunner = current;
        if (detached) {
            current.detach(); // let go of before it began: it begins let go of
        }
        TaskResult result = current.run();
        runner.outcome(result);
        return result;
    }

    /** The controller shuts down: let go of the fix, its record still running, to start it again after the restart. */
    public void detach() {
        detached = true;
        CodegenTaskRunner current = taskRunner;
        if (current != null) {
            current.detach();
        }
    }

    @CheckForNull
    private String unfinishedAutomaticRecord() {
        CodegenBuildAction action = run.getAction(CodegenBuildAction.class);
        if (action == null) {
            return null;
        }
        return action.getTasks().stream().filter(r -> r.isAutomatic() && r.isRunning()).map(CodegenTaskRecord::getId)
                .findFirst().orElse(null);
    }
}
