package io.jenkins.plugins.codegen.plugin;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeProcess;
import io.jenkins.plugins.codegen.bridge.BridgeScripts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Runs the bridge (and, in mock mode, the simulated API) where the build runs: the scripts are
 * copied into a private folder in the workspace's temporary folder ({@code <workspace>@tmp}), and
 * the processes start through the build's {@link Launcher}, so that they run on the agent, inside
 * {@code container {}} or wherever the step is. Their environment is the build's environment plus
 * what the engine adds (the token among it, which therefore never touches a file or a command
 * line). {@link #close()} removes the folder.
 */
final class JenkinsBridgeLauncher implements BridgeLauncher {
    private final FilePath workspace;
    private final Launcher launcher;
    private final EnvVars baseEnvironment;
    private FilePath folder;

    JenkinsBridgeLauncher(FilePath workspace, Launcher launcher, EnvVars baseEnvironment) {
        this.workspace = workspace;
        this.launcher = launcher;
        this.baseEnvironment = new EnvVars(baseEnvironment);
    }

    @Override
    public synchronized String script(String fileName) throws IOException, InterruptedException {
        if (folder == null) {
            FilePath temp = WorkspaceList.tempDir(workspace);
            if (temp == null) {
                throw new IOException("The workspace " + workspace.getRemote() + " has no temporary folder beside it.");
            }
            temp.mkdirs();
            folder = temp.createTempDir("codegen", "");
        }
        FilePath script = folder.child(fileName);
        if (!script.exists()) {
            try (InputStream content = new ByteArrayInputStream(BridgeScripts.read(fileName))) {
                script.copyFrom(content);
            }
        }
        return script.getRemote();
    }

    /** The folder the scripts were copied to, or null before the first script was (for tests). */
    synchronized FilePath folder() {
        return folder;
    }

    @Override
    public BridgeProcess start(List<String> command, Map<String, String> environment) throws IOException {
        EnvVars childEnvironment = new EnvVars(baseEnvironment);
        childEnvironment.putAll(environment);
        FilePath workingDirectory;
        synchronized (this) {
            workingDirectory = folder != null ? folder : workspace;
        }
        Proc proc = launcher.launch()
                .cmds(command)
                .envs(childEnvironment)
                .pwd(workingDirectory)
                .writeStdin()
                .readStdout()
                .readStderr()
                .quiet(true)
                .start();
        return new ProcBridgeProcess(proc);
    }

    /**
     * Removes the scripts' folder. An abort interrupts the thread that gets here; the removal is a
     * call to the agent that an interrupted thread could not make, so the interrupt waits until it
     * is done.
     */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (folder == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            folder.deleteRecursive();
            folder = null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A started {@link Proc}: local, or on an agent, where its streams are remote streams. */
    private static final class ProcBridgeProcess implements BridgeProcess {
        private final Proc proc;

        ProcBridgeProcess(Proc proc) {
            this.proc = proc;
        }

        @Override
        public OutputStream stdin() {
            return proc.getStdin();
        }

        @Override
        public InputStream stdout() {
            return proc.getStdout();
        }

        @Override
        public InputStream stderr() {
            return proc.getStderr();
        }

        @Override
        public int waitFor() throws IOException, InterruptedException {
            return proc.join();
        }

        @Override
        public boolean isAlive() throws IOException, InterruptedException {
            return proc.isAlive();
        }

        /**
         * An abort interrupts the thread that gets here, and killing a process on an agent is a call
         * to the agent that an interrupted thread could not make: the interrupt waits until it is done.
         */
        @Override
        public void kill() throws IOException, InterruptedException {
            boolean interrupted = Thread.interrupted();
            try {
                proc.kill();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
