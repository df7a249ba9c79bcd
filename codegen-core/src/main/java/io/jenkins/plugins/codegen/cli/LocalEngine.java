package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.io.IOException;
import java.nio.file.Path;

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

    /** @param settings valid settings; the integrator refuses others */
    static LocalEngine start(CodegenSettings settings, Terminal terminal) throws CodegenException {
        return start(settings, terminal, true);
    }

    /** @param waitForRun false: a task ends as soon as its agent run exists ({@code run --no-wait}) */
    static LocalEngine start(CodegenSettings settings, Terminal terminal, boolean waitForRun) throws CodegenException {
        LocalBridgeLauncher launcher = new LocalBridgeLauncher();
        // Nothing is installed before the first bridge starts, so a refused build leaves nothing to clean.
        return new LocalEngine(launcher, CodegenIntegrator.builder(settings, launcher).waitForRun(waitForRun).build(),
                terminal);
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
