package io.jenkins.plugins.codegen.watch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The watcher's threads: one timer thread that knows when each run's next read is due, and a small
 * fixed pool that sends the reads (non-blocking) and handles their answers. No thread waits for one
 * run: a thousand runs cost the same threads as one.
 *
 * <p>It counts the work in flight (tasks running, requests sent and not yet handled), so that a fake
 * clock can jump to the next due read exactly when nothing else can happen first.
 */
final class WatchScheduler implements AutoCloseable {
    private final WatchClock clock;
    private final ExecutorService pool;
    private final Thread timer;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Deque<Runnable> waitingSends = new ArrayDeque<>();
    private final int window;
    private int inFlight;
    private long sequence;
    private int busy;
    private boolean closed;

    private record Timer(long due, long order, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }

    WatchScheduler(WatchClock clock, int threads, int window) {
        this.clock = clock;
        this.window = window;
        this.pool = Executors.newFixedThreadPool(threads, named("codegen-watch-"));
        this.timer = named("codegen-watch-timer").newThread(this::loop);
        timer.start();
    }

    /** The pool, for the HTTP client's own work and for handling answers. */
    ExecutorService pool() {
        return pool;
    }

    long nanoTime() {
        return clock.nanoTime();
    }

    WatchClock clock() {
        return clock;
    }

    /** Runs the task on the pool once {@code delayNanos} have passed on the clock. */
    synchronized void after(long delayNanos, Runnable task) {
        if (closed) {
            return;
        }
        timers.add(new Timer(clock.nanoTime() + Math.max(0, delayNanos), sequence++, task));
        notifyAll();
    }

    /**
     * Runs {@code send} on the pool as soon as fewer than the window's requests are in flight; the
     * send calls {@link #sent()} once its request has ended and its answer has been handled. Until
     * then the clock must not jump. The window keeps a thousand reads due at the same moment from
     * opening a thousand connections at once, and bounds the JDK client's own short-lived threads.
     */
    synchronized void send(Runnable send) {
        busy++;
        if (inFlight < window) {
            inFlight++;
            pool.execute(send);
        } else {
            waitingSends.add(send);
        }
    }

    synchronized void sent() {
        inFlight--;
        busy--;
        Runnable next = waitingSends.poll();
        if (next != null && !closed) {
            inFlight++;
            pool.execute(next);
        }
        notifyAll();
    }

    private synchronized void end() {
        busy--;
        notifyAll();
    }

    private void loop() {
        synchronized (this) {
            try {
                while (!closed) {
                    Timer next = timers.peek();
                    if (next != null && next.due() <= clock.nanoTime()) {
                        timers.poll();
                        dispatch(next.task());
                    } else {
                        clock.await(this, next == null ? Long.MAX_VALUE : next.due(), busy == 0);
                    }
                }
            } catch (InterruptedException e) {
                // Closed.
            }
        }
    }

    private void dispatch(Runnable task) {
        busy++;
        pool.execute(() -> {
            try {
                task.run();
            } finally {
                end();
            }
        });
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            timers.clear();
            waitingSends.clear();
            notifyAll();
        }
        timer.interrupt();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }
}
