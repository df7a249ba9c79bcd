package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs bridges on this machine with {@link ProcessBuilder}. The scripts go into one private
 * temporary folder, written once; each bridge works in a private folder inside it; {@link #close()}
 * removes it all.
 */
public final class LocalBridgeLauncher implements BridgeLauncher {
    private final Map<String, String> baseEnvironment;
    private final Path temporaryRoot;
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
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.temporaryRoot = temporaryRoot;
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
     * Straight to the process: no interpreter needed to end it. Only a process whose command line
     * names the folder: a pid recorded by a bridge that died long ago may belong to another process
     * by now.
     */
    @Override
    public void kill(BridgeFolder bridgeFolder, long pid, List<String> killCommand) {
        ProcessHandle.of(pid).filter(process -> process.info().commandLine()
                .map(line -> line.contains(bridgeFolder.path())).orElse(true)).ifPresent(bridge -> {
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
