package io.jenkins.plugins.codegen.plugin;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeScripts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the bridge (and, in mock mode, the simulated API) where the build runs: the scripts are
 * copied into a private folder in the workspace's temporary folder ({@code <workspace>@tmp}), each
 * bridge works in a folder inside it, and the commands start through the build's {@link Launcher},
 * so that they run on the agent, inside {@code container {}}, {@code docker.image().inside {}} or
 * wherever the step is. The bridge's start command needs neither stdin nor stdout (those launchers
 * give neither) and carries no secret in its arguments or environment: the token travels in an
 * owner-only file that the bridge deletes at once ({@link FilePathBridgeFolder}). Everything else
 * goes through the folder's files, read through {@link FilePath}. {@link #close()} removes the
 * folder; a failure to do so (a lost agent) is logged, never put in place of the task's outcome.
 */
final class JenkinsBridgeLauncher implements BridgeLauncher {
    private static final Logger LOGGER = Logger.getLogger(JenkinsBridgeLauncher.class.getName());
    /** The prefix of the private folder in {@code <workspace>@tmp}. */
    private static final String PREFIX = "codegen";
    private static final long MAX_OUTPUT = 16 * 1024;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
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
        FilePath script = folder().child(fileName);
        if (!script.exists()) {
            try (InputStream content = new ByteArrayInputStream(BridgeScripts.read(fileName))) {
                script.copyFrom(content);
            }
        }
        return script.getRemote();
    }

    /** The private folder in {@code <workspace>@tmp}, made on first use. */
    private synchronized FilePath folder() throws IOException, InterruptedException {
        if (folder == null) {
            FilePath temp = WorkspaceList.tempDir(workspace);
            if (temp == null) {
                throw new IOException("The workspace " + workspace.getRemote() + " has no temporary folder beside it.");
            }
            temp.mkdirs();
            removeLeftovers(temp);
            folder = temp.createTempDir(PREFIX, "");
        }
        return folder;
    }

    /**
     * Folders of earlier tasks in this workspace that were never removed (their agent was lost, say).
     * Only one build uses a workspace at a time, so none of them belongs to a task that still runs;
     * a bridge still working in one ends by itself once its folder is gone.
     */
    private static void removeLeftovers(FilePath temp) throws InterruptedException {
        try {
            for (FilePath leftover : temp.listDirectories()) {
                if (leftover.getName().startsWith(PREFIX)) {
                    leftover.deleteRecursive();
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not remove earlier Codegen folders in " + temp.getRemote(), e);
        }
    }

    /** The folder the scripts were copied to, or null before the first script was (for tests). */
    synchronized FilePath installedFolder() {
        return folder;
    }

    @Override
    public BridgeFolder newFolder() throws IOException, InterruptedException {
        return new FilePathBridgeFolder(folder().createTempDir("bridge", ""));
    }

    @Override
    public BridgeFolder folder(String path) {
        return new FilePathBridgeFolder(new FilePath(workspace.getChannel(), path));
    }

    /**
     * Runs a short command in a bridge's folder with the build's environment, no stdin and quietly.
     * Its output is kept only for diagnostics: a launcher such as {@code container {}} hands none
     * back, and nothing depends on it.
     */
    @Override
    public Launched launch(List<String> command, BridgeFolder bridgeFolder, Duration timeout)
            throws IOException, InterruptedException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Proc proc = launcher.launch()
                .cmds(command)
                .envs(baseEnvironment)
                .pwd(((FilePathBridgeFolder) bridgeFolder).filePath())
                .stdout(new BoundedOutputStream(output, MAX_OUTPUT))
                .quiet(true)
                .start();
        int exitCode = proc.joinWithTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS, TaskListener.NULL);
        return new Launched(exitCode, output.toString(StandardCharsets.UTF_8));
    }

    /**
     * The kill command runs where the bridge runs (in its container, say), where the agent's own
     * process table may not reach. An abort interrupts the thread that gets here; the kill is a call
     * to the agent that an interrupted thread could not make, so the interrupt waits until it is done.
     */
    @Override
    public void kill(BridgeFolder bridgeFolder, long pid, List<String> killCommand)
            throws IOException, InterruptedException {
        boolean interrupted = Thread.interrupted();
        try {
            launch(killCommand, bridgeFolder, KILL_TIMEOUT);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Removes the scripts' folder. An abort interrupts the thread that gets here; the removal is a
     * call to the agent that an interrupted thread could not make, so the interrupt waits until it
     * is done. A removal that fails (the agent is gone) is logged: the next task in this workspace
     * removes the folder, and the task's own outcome stands.
     */
    @Override
    public synchronized void close() {
        if (folder == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            folder.deleteRecursive();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not remove " + folder.getRemote() + "; the next Codegen task in this "
                    + "workspace will: " + e);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            folder = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Keeps the first bytes of an output and drops the rest: diagnostics must not fill the heap. */
    private static final class BoundedOutputStream extends OutputStream {
        private final OutputStream out;
        private long room;

        BoundedOutputStream(OutputStream out, long limit) {
            this.out = out;
            this.room = limit;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (room > 0) {
                room--;
                out.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int kept = (int) Math.min(len, room);
            if (kept > 0) {
                room -= kept;
                out.write(b, off, kept);
            }
        }
    }
}
