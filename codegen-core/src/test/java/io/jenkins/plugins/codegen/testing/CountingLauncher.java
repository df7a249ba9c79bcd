package io.jenkins.plugins.codegen.testing;

import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the bridges (and simulators) run through a launcher, one folder each, alive until it is
 * removed; the most that were alive at once; and the commands launched in them.
 */
public final class CountingLauncher implements BridgeLauncher {
    private final BridgeLauncher delegate;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final List<List<String>> launches = new CopyOnWriteArrayList<>();

    public CountingLauncher(BridgeLauncher delegate) {
        this.delegate = delegate;
    }

    /** Folders made: bridges and simulators run. */
    public int started() {
        return started.get();
    }

    /** The most bridges alive at once. */
    public int peak() {
        return peak.get();
    }

    /** The command lines launched in the folders (start commands, kills). */
    public List<List<String>> launches() {
        return List.copyOf(launches);
    }

    @Override
    public String script(String fileName) throws IOException, InterruptedException {
        return delegate.script(fileName);
    }

    @Override
    public BridgeFolder newFolder() throws IOException, InterruptedException {
        BridgeFolder folder = delegate.newFolder();
        started.incrementAndGet();
        peak.accumulateAndGet(alive.incrementAndGet(), Math::max);
        return new CountedFolder(folder);
    }

    @Override
    public BridgeFolder folder(String path) throws IOException, InterruptedException {
        return delegate.folder(path);
    }

    @Override
    public Launched launch(List<String> command, BridgeFolder folder, Duration timeout)
            throws IOException, InterruptedException {
        launches.add(List.copyOf(command));
        return delegate.launch(command, folder, timeout);
    }

    @Override
    public void kill(BridgeFolder folder, long pid, List<String> killCommand) throws IOException, InterruptedException {
        delegate.kill(folder, pid, killCommand);
    }

    @Override
    public void close() {
        // The test owns the delegate.
    }

    private final class CountedFolder implements BridgeFolder {
        private final BridgeFolder folder;
        private boolean deleted;

        CountedFolder(BridgeFolder folder) {
            this.folder = folder;
        }

        @Override
        public String path() {
            return folder.path();
        }

        @Override
        public void write(String name, byte[] content) throws IOException, InterruptedException {
            folder.write(name, content);
        }

        @Override
        public void writePrivate(String name, byte[] content) throws IOException, InterruptedException {
            folder.writePrivate(name, content);
        }

        @Override
        public byte[] read(String name, long offset, int maxBytes) throws IOException, InterruptedException {
            return folder.read(name, offset, maxBytes);
        }

        @Override
        public boolean exists(String name) throws IOException, InterruptedException {
            return folder.exists(name);
        }

        @Override
        public void delete() throws IOException, InterruptedException {
            folder.delete();
            synchronized (this) {
                if (!deleted) {
                    deleted = true;
                    alive.decrementAndGet();
                }
            }
        }
    }
}
