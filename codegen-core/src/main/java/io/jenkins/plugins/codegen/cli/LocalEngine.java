package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The engine on this machine: an integrator and the launcher its bridge (and, in mock mode, the
 * simulator) runs on. Closing it stops the simulator and removes the bridge's temporary folder.
 */
final class LocalEngine implements AutoCloseable {
    private final LocalBridgeLauncher launcher;
    private final CodegenIntegrator integrator;
    private final Terminal terminal;

    private LocalEngine(LocalBridgeLauncher launcher, CodegenIntegrator integrator, Terminal terminal) {
        this.launcher = launcher;
        this.integrator = integrator;
        this.terminal = terminal;
    }

    /**
     * @param environment the command's environment: {@code TMPDIR}, when it names a folder, is where the
     *     bridge's temporary folder goes (as for Python and most Unix tools; Java itself ignores it)
     * @param settings valid settings; the integrator refuses others
     */
    static LocalEngine start(Map<String, String> environment, CodegenSettings settings, Terminal terminal)
            throws CodegenException {
        return start(environment, settings, terminal, true);
    }

    /** @param waitForRun false: a task ends as soon as its agent run exists ({@code run --no-wait}) */
    static LocalEngine start(Map<String, String> environment, CodegenSettings settings, Terminal terminal,
                             boolean waitForRun) throws CodegenException {
        LocalBridgeLauncher launcher = new LocalBridgeLauncher(Map.of(), temporaryRoot(environment));
        // Nothing is installed before the first bridge starts, so a refused build leaves nothing to clean.
        return new LocalEngine(launcher, CodegenIntegrator.builder(settings, launcher).waitForRun(waitForRun).build(),
                terminal);
    }

    /** TMPDIR if it names an existing folder; else null, the JVM's temporary folder. */
    private static Path temporaryRoot(Map<String, String> environment) {
        String tmpdir = environment.get("TMPDIR");
        if (tmpdir == null || tmpdir.isBlank()) {
            return null;
        }
        Path root = Path.of(tmpdir);
        return Files.isDirectory(root) ? root : null;
    }

    CodegenIntegrator integrator() {
        return integrator;
    }

    /** A folder left behind is worth a warning, not a different exit code: the command itself is done. */
    @Override
    public void close() {
        integrator.close();
        Path folder = launcher.folder();
        try {
            launcher.close();
        } catch (IOException e) {
            terminal.warning("could not remove the temporary folder " + folder + " (" + e.getMessage()
                    + "); delete it by hand.");
        }
    }
}
