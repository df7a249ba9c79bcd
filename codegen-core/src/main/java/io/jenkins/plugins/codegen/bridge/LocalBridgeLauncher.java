package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs bridges on this machine with {@link ProcessBuilder}. The scripts go into one private
 * temporary folder, written once; each bridge works in a private folder inside it; {@link #close()}
 * removes it all.
 */
public final class LocalBridgeLauncher implements BridgeLauncher {
    private final Map<String, String> baseEnvironment;
    private final Path temporaryRoot;
    /** A process's command line, where the platform tells it (Linux; on Windows, mostly not). */
    private final Function<ProcessHandle, Optional<String>> commandLines;
    private Path folder;

    /** Children inherit this JVM's environment. */
    public LocalBridgeLauncher() {
        this(Map.of());
    }

    /** Children inherit this JVM's environment plus these variables (e.g. {@code PYTHONPATH}). */
    public LocalBridgeLauncher(Map<String, String> baseEnvironment) {
        this(baseEnvironment, null);
    }

    /** @param temporaryRoot where the launcher's private folder is made; null: the JVM's temporary folder */
    public LocalBridgeLauncher(Map<String, String> baseEnvironment, Path temporaryRoot) {
        this(baseEnvironment, temporaryRoot, process -> process.info().commandLine());
    }

    /** For tests: a platform whose command lines cannot be read (Windows, say). */
    LocalBridgeLauncher(Map<String, String> baseEnvironment, Path temporaryRoot,
                        Function<ProcessHandle, Optional<String>> commandLines) {
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.temporaryRoot = temporaryRoot;
        this.commandLines = commandLines;
    }

    @Override
    public synchronized String script(String fileName) throws IOException {
        if (folder == null) {
            folder = createPrivateFolder();
        }
        Path file = folder.resolve(fileName);
        if (!Files.exists(file)) {
            Files.write(file, BridgeScripts.read(fileName));
        }
        return file.toString();
    }

    private Path createPrivateFolder() throws IOException {
        Path root = temporaryRoot != null ? temporaryRoot : Path.of(System.getProperty("java.io.tmpdir"));
        return LocalBridgeFolder.createOwnerOnlyFolder(root, "codegen-bridge");
    }

    @Override
    public synchronized BridgeFolder newFolder() throws IOException {
        if (folder == null) {
            folder = createPrivateFolder();
        }
        return new LocalBridgeFolder(LocalBridgeFolder.createOwnerOnlyFolder(folder, "bridge"));
    }

    @Override
    public BridgeFolder folder(String path) {
        return new LocalBridgeFolder(Path.of(path));
    }

    /** The command's output goes to the folder's log, where the bridge's own output goes too. */
    @Override
    public Launched launch(List<String> command, BridgeFolder bridgeFolder, Duration timeout)
            throws IOException, InterruptedException {
        Path directory = Path.of(bridgeFolder.path());
        Path log = directory.resolve(BridgeFiles.LOG);
        if (!Files.exists(log)) {
            LocalBridgeFolder.writeOwnerOnly(log, new byte[0]); // as everything in the folder: its owner's only
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(baseEnvironment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("'" + command.get(0) + "' did not return within " + timeout.toSeconds() + " s");
        }
        return new Launched(process.exitValue(), "");
    }

    /**
     * Straight to the process: no interpreter needed to end it. Only a process that is provably the
     * folder's bridge: a pid recorded by a bridge that died long ago (before a reboot, say) may belong
     * to another process by now. Its command line names the folder; where no command line can be read,
     * the folder's lock is held, which only the live bridge does. Unproven, nothing is killed: the
     * stop file, the folder's removal and the heartbeat's watch deal with the bridge instead.
     */
    @Override
    public void kill(BridgeFolder bridgeFolder, long pid, List<String> killCommand) {
        ProcessHandle.of(pid).filter(process -> commandLines.apply(process)
                .map(line -> line.contains(bridgeFolder.path()))
                .orElseGet(() -> lockHeld(Path.of(bridgeFolder.path())))).ifPresent(bridge -> {
            // Children first: whatever the bridge started must not stay behind.
            bridge.descendants().forEach(ProcessHandle::destroyForcibly);
            bridge.destroyForcibly();
            try {
                bridge.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // It is being killed; nothing more can be done from here.
            }
        });
    }

    /**
     * Whether a live process holds the folder's lock. The bridge holds it with a POSIX record lock
     * (Windows: a byte-range lock), which {@link FileChannel#tryLock()} sees; a lock this JVM can
     * take is held by nobody, and is let go at once.
     */
    static boolean lockHeld(Path folder) {
        try (FileChannel channel = FileChannel.open(folder.resolve(BridgeFiles.LOCK), StandardOpenOption.WRITE)) {
            FileLock free = channel.tryLock();
            if (free == null) {
                return true;
            }
            free.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM holds it: not a bridge, which is another process
        } catch (IOException e) {
            return false; // no lock file, or one that cannot be opened: nothing proven
        }
    }

    /** The folder the scripts were installed in, if any yet (for tests that check nothing is left). */
    public synchronized Path folder() {
        return folder;
    }

    @Override
    public synchronized void close() throws IOException {
        if (folder == null) {
            return;
        }
        LocalBridgeFolder.deleteTree(folder);
        folder = null;
    }
}
