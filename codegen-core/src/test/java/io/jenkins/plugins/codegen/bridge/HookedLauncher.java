package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A local launcher with hooks where a test makes the file system or the agent misbehave. */
final class HookedLauncher implements BridgeLauncher {
    private final LocalBridgeLauncher delegate;
    private final List<BridgeEvent> events;
    final List<List<String>> launches = new CopyOnWriteArrayList<>();
    volatile ReadHook beforeRead = (name, folder) -> { };
    volatile PathHook beforeLaunch = path -> { };
    volatile PathHook beforeDelete = path -> { };
    /** After the first event of this type, every read fails with {@link #failure}. */
    volatile String onEvent;
    volatile Supplier<Exception> failure;
    volatile boolean deleteFails;
    volatile int kills;

    /** @param events what the test heard from the bridge so far: {@link #onEvent} looks there */
    HookedLauncher(LocalBridgeLauncher delegate, List<BridgeEvent> events) {
        this.delegate = delegate;
        this.events = events;
    }

    @Override
    public String script(String fileName) throws IOException {
        return delegate.script(fileName);
    }

    @Override
    public BridgeFolder newFolder() throws IOException {
        return new HookedFolder((LocalBridgeFolder) delegate.newFolder());
    }

    @Override
    public BridgeFolder folder(String path) {
        return new HookedFolder((LocalBridgeFolder) delegate.folder(path));
    }

    @Override
    public Launched launch(List<String> command, BridgeFolder folder, Duration timeout)
            throws IOException, InterruptedException {
        launches.add(command);
        if (command.contains(PythonBridge.START)) {
            beforeLaunch.accept(Path.of(folder.path()));
        }
        return delegate.launch(command, ((HookedFolder) folder).folder, timeout);
    }

    @Override
    public void kill(BridgeFolder folder, long pid, List<String> killCommand) {
        kills++;
        delegate.kill(folder, pid, killCommand);
    }

    @Override
    public void close() {
        // The test closes the delegate.
    }

    private final class HookedFolder implements BridgeFolder {
        private final LocalBridgeFolder folder;

        HookedFolder(LocalBridgeFolder folder) {
            this.folder = folder;
        }

        @Override
        public String path() {
            return folder.path();
        }

        @Override
        public void write(String name, byte[] content) throws IOException {
            folder.write(name, content);
        }

        @Override
        public void writePrivate(String name, byte[] content) throws IOException {
            folder.writePrivate(name, content);
        }

        @Override
        public byte[] read(String name, long offset, int maxBytes) throws IOException {
            String trigger = onEvent;
            if (trigger != null && events.stream().anyMatch(e -> e.type().equals(trigger))) {
                Exception e = failure.get();
                if (e instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) e;
            }
            beforeRead.accept(name, folder.directory());
            return folder.read(name, offset, maxBytes);
        }

        @Override
        public boolean exists(String name) {
            return folder.exists(name);
        }

        @Override
        public void delete() throws IOException {
            beforeDelete.accept(folder.directory());
            if (deleteFails) {
                throw new IOException("hudson.remoting.ChannelClosedException: cannot delete");
            }
            folder.delete();
        }
    }

    @FunctionalInterface
    interface ReadHook {
        void accept(String name, Path folder) throws IOException;
    }

    @FunctionalInterface
    interface PathHook {
        void accept(Path folder) throws IOException;
    }
}
