package io.jenkins.plugins.codegen.testing;

import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the processes started through a launcher, the most that were alive at once, and the
 * command lines they were started with.
 */
public final class CountingLauncher implements BridgeLauncher {
    private final BridgeLauncher delegate;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();

    public CountingLauncher(BridgeLauncher delegate) {
        this.delegate = delegate;
    }

    public int started() {
        return started.get();
    }

    public int peak() {
        return peak.get();
    }

    public List<List<String>> commands() {
        return List.copyOf(commands);
    }

    @Override
    public String script(String fileName) throws IOException, InterruptedException {
        return delegate.script(fileName);
    }

    @Override
    public BridgeProcess start(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        BridgeProcess process = delegate.start(command, environment);
        commands.add(List.copyOf(command));
        started.incrementAndGet();
        peak.accumulateAndGet(alive.incrementAndGet(), Math::max);
        return new Counted(process);
    }

    @Override
    public void close() {
        // The test owns the delegate.
    }

    private final class Counted implements BridgeProcess {
        private final BridgeProcess process;
        private boolean ended;

        Counted(BridgeProcess process) {
            this.process = process;
        }

        @Override
        public OutputStream stdin() {
            return process.stdin();
        }

        @Override
        public InputStream stdout() {
            return process.stdout();
        }

        @Override
        public InputStream stderr() {
            return process.stderr();
        }

        @Override
        public int waitFor() throws IOException, InterruptedException {
            int code = process.waitFor();
            end();
            return code;
        }

        @Override
        public boolean isAlive() throws IOException, InterruptedException {
            return process.isAlive();
        }

        @Override
        public void kill() throws IOException, InterruptedException {
            process.kill();
            end();
        }

        private synchronized void end() {
            if (!ended) {
                ended = true;
                alive.decrementAndGet();
            }
        }
    }
}
