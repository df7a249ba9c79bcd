package io.jenkins.plugins.codegen.plugin.agent;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.Util;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.codegen.bridge.BridgeFiles;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeScripts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.MasterToSlaveFileCallable;

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
public final class JenkinsBridgeLauncher implements BridgeLauncher {
    private static final Logger LOGGER = Logger.getLogger(JenkinsBridgeLauncher.class.getName());
    /** The prefix of the private folder in {@code <workspace>@tmp}. */
    private static final String PREFIX = "codegen";
    private static final long MAX_OUTPUT = 16 * 1024;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private final FilePath workspace;
    private final Launcher launcher;
    private final EnvVars baseEnvironment;
    /** Folders with a bridge that talked this recently belong to a task that still runs (a parallel branch's). */
    static final long LIVE_MILLIS = 2 * 60 * 1000;
    private FilePath folder;
    private volatile boolean detached;

    public JenkinsBridgeLauncher(FilePath workspace, Launcher launcher, EnvVars baseEnvironment) {
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
            folder = FilePathBridgeFolder.ownerOnlyFolder(temp, PREFIX);
        }
        return folder;
    }

    /**
     * Folders of earlier tasks in this workspace that were never removed (their agent was lost, the
     * controller stopped for good). A folder that changed or whose bridge beat within
     * {@link #LIVE_MILLIS} is left alone: it belongs to a task that still runs (a parallel branch in
     * the same workspace, or a task that a restarted controller is about to pick up again).
     */
    private static void removeLeftovers(FilePath temp) throws InterruptedException {
        try {
            temp.act(new RemoveLeftovers(PREFIX, LIVE_MILLIS));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not remove earlier Codegen folders in " + temp.getRemote(), e);
        }
    }

    /**
     * Takes over the folder of a task that a restarted controller picks up again (the folder that
     * holds the bridge's): the bridge keeps its scripts, and {@link #close()} removes the folder at
     * the end as if this launcher had made it.
     */
    public synchronized void adopt(String bridgeFolder) throws IOException, InterruptedException {
        FilePath scripts = new FilePath(workspace.getChannel(), bridgeFolder).getParent();
        if (scripts != null && scripts.getName().startsWith(PREFIX) && scripts.isDirectory()) {
            folder = scripts;
        }
    }

    /**
     * The controller shuts down and lets go of the task: the bridge goes on, and {@link #close()}
     * leaves its folder for the restarted controller.
     */
    public void detach() {
        detached = true;
    }

    @Override
    public boolean detached() {
        return detached;
    }

    /** The folder the scripts were copied to, or null before the first script was (for tests). */
    synchronized FilePath installedFolder() {
        return folder;
    }

    @Override
    public BridgeFolder newFolder() throws IOException, InterruptedException {
        return new FilePathBridgeFolder(FilePathBridgeFolder.ownerOnlyFolder(folder(), "bridge"));
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
        if (folder == null || detached) {
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

    /** Removes the {@code codegen*} folders in a temporary folder whose bridges are not alive; on the agent. */
    private static final class RemoveLeftovers extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final String prefix;
        private final long liveMillis;

        RemoveLeftovers(String prefix, long liveMillis) {
            this.prefix = prefix;
            this.liveMillis = liveMillis;
        }

        @Override
        public Void invoke(File temp, VirtualChannel channel) throws IOException {
            File[] leftovers = temp.listFiles(f -> f.isDirectory() && f.getName().startsWith(prefix));
            long liveSince = System.currentTimeMillis() - liveMillis;
            for (File leftover : leftovers == null ? new File[0] : leftovers) {
                if (!alive(leftover, liveSince)) {
                    Util.deleteRecursive(leftover);
                }
            }
            return null;
        }

        private static boolean alive(File leftover, long liveSince) {
            if (leftover.lastModified() >= liveSince) {
                return true;
            }
            File[] bridges = leftover.listFiles(File::isDirectory);
            for (File bridge : bridges == null ? new File[0] : bridges) {
                if (new File(bridge, BridgeFiles.HEARTBEAT).lastModified() >= liveSince) {
                    return true;
                }
            }
            return false;
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
