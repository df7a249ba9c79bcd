package io.jenkins.plugins.codegen.plugin.autofix;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.codegen.autofix.AutoFixEntry;
import io.jenkins.plugins.codegen.autofix.AutoFixQueue;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.fix.EndedBuildFix;
import io.jenkins.plugins.codegen.plugin.scope.AutoFixRules;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * One automatic fix of a failed build, on a controller thread: the build's variables say where the
 * code is and which branch failed, the fix's bridge runs on the controller (the local launcher, as
 * the command line runs it), and what it prints goes to a log file of its own beside the build's
 * (the build's console was closed when it ended); its record is on the build's page.
 */
final class AutomaticFix {
    /** In the build's folder: the fix's own console. */
    static final String LOG_FILE = "codegen-automatic-fix.log";
    /** Under {@code JENKINS_HOME}: the bridges run in its temporary folder. */
    private static final String BRIDGE_FOLDER = "codegen/automatic-fixes";

    private final Run<?, ?> run;
    private final AutoFixEntry entry;
    private final boolean resume;
    private final AutoFixQueue queue;
    private final Map<String, EndedBuildFix> running;

    AutomaticFix(Run<?, ?> run, AutoFixEntry entry, boolean resume, AutoFixQueue queue,
                 Map<String, EndedBuildFix> running) {
        this.run = run;
        this.entry = entry;
        this.resume = resume;
        this.queue = queue;
        this.running = running;
    }

    void run() throws IOException, InterruptedException {
        try (StreamTaskListener listener = new StreamTaskListener(new File(run.getRootDir(), LOG_FILE), true,
                StandardCharsets.UTF_8)) {
            listener.getLogger().println("[Codegen] Automatic fix of " + entry.id()
                    + (resume ? ", picked up again after a controller restart" : "") + ". Automatic fixes are on for "
                    + "this job in " + AutoFixRules.of(run.getParent()).enabledFrom() + ".");
            EnvVars variables = BuildVariables.of(run, listener);
            FilePath bridges = new FilePath(new File(Jenkins.get().getRootDir(), BRIDGE_FOLDER));
            bridges.mkdirs();
            EndedBuildFix fix = new EndedBuildFix(run, bridges, Util.fixNull(variables.get("WORKSPACE")), variables,
                    new Launcher.LocalLauncher(listener), listener);
            running.put(entry.id(), fix);
            // One whose bridge was launched before a restart passed them then, and may have its agent run.
            if (entry.state() == AutoFixEntry.State.PENDING && fix.skipReason() != null) {
                return;
            }
            TaskResult result = fix.run(entry.runTag(), this::saveTag);
            if (result.errorType() == ErrorType.PYTHON) {
                AutoFixes.note(run, noPython());
            }
        }
    }

    /** Before the bridge is launched: a restart from now on picks the fix up with this tag. */
    private void saveTag(String tag) throws CodegenException {
        try {
            queue.started(entry.id(), tag);
        } catch (IOException e) {
            throw CodegenException.builder(ErrorType.UNKNOWN, "The automatic fix was not started: the queue file could "
                            + "not be saved (" + e.getMessage() + "), and a fix whose tag is not saved could start a "
                            + "second agent run after a controller restart.")
                    .guidance("Check that the Jenkins controller's disk has room and that JENKINS_HOME is writable.")
                    .cause(e).build();
        }
    }

    private static String noPython() {
        String python = CodegenGlobalConfiguration.get().getPythonPath();
        return "Codegen automatic fix: the Jenkins controller has no usable Python"
                + (python == null || python.isBlank() ? "" : " ('" + python + "')") + ". Automatic fixes run their "
                + "bridge on the controller, not on a build agent; install Python 3.8 or newer there, or set the "
                + "Python path in Manage Jenkins » System » Codegen to an interpreter the controller has.";
    }
}
