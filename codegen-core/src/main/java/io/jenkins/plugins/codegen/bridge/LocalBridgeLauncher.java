package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts bridge processes on this machine with {@link ProcessBuilder}. The scripts go into one
 * private temporary folder, written once and removed by {@link #close()}.
 */
public final class LocalBridgeLauncher implements BridgeLauncher {
    private final Map<String, String> baseEnvironment;
    private Path folder;

    /** Children inherit this JVM's environment. */
    public LocalBridgeLauncher() {
        this(Map.of());
    }

    /** Children inherit this JVM's environment plus these variables (e.g. {@code PYTHONPATH}). */
    public LocalBridgeLauncher(Map<String, String> baseEnvironment) {
        this.baseEnvironment = Map.copyOf(baseEnvironment);
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

    private static Path createPrivateFolder() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory("codegen-bridge",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("codegen-bridge");
    }

    /** The folder the scripts were installed in, if any yet (for tests that check nothing is left). */
    public synchronized Path folder() {
        return folder;
    }

    @Override
    public BridgeProcess start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.putAll(baseEnvironment);
        childEnvironment.putAll(environment);
        synchronized (this) {
            if (folder != null) {
                builder.directory(folder.toFile());
            }
        }
        return new LocalProcess(builder.start());
    }

    @Override
    public synchronized void close() throws IOException {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
        folder = null;
    }

    private static final class LocalProcess implements BridgeProcess {
        private final Process process;

        LocalProcess(Process process) {
            this.process = process;
        }

        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return process.getErrorStream();
        }

        @Override
        public int waitFor() throws InterruptedException {
            return process.waitFor();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void kill() throws InterruptedException {
            // Children first: a shell wrapper (a pyenv shim, say) must not leave its python behind.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
