package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Drains a child's stderr, keeping only its last bytes: enough to explain a crash, never a flood. */
final class StderrTail implements Runnable {
    private final InputStream in;
    private final byte[] ring;
    private final CountDownLatch done = new CountDownLatch(1);
    private long written;

    StderrTail(InputStream in, int capacity) {
        this.in = in;
        this.ring = new byte[capacity];
    }

    @Override
    public void run() {
        byte[] buffer = new byte[4096];
        try (InputStream stream = in) {
            int n;
            while ((n = stream.read(buffer)) != -1) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // The process was killed or its pipe closed: what was read so far is what there is.
        } finally {
            done.countDown();
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % ring.length)] = buffer[i];
        }
    }

    void awaitEnd(Duration timeout) throws InterruptedException {
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last bytes written, decoded; prefixed with "..." when earlier output was dropped. */
    synchronized String text() {
        int length = (int) Math.min(written, ring.length);
        byte[] tail = new byte[length];
        long start = written - length;
        for (int i = 0; i < length; i++) {
            tail[i] = ring[(int) ((start + i) % ring.length)];
        }
        String text = new String(tail, StandardCharsets.UTF_8).strip();
        return written > ring.length ? "..." + text : text;
    }
}
