package io.jenkins.plugins.codegen.integrator;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bridge processes this JVM runs at once. Shared by every integrator, because a Jenkins
 * controller builds one integrator per task: a limit held by each integrator would bound nothing.
 * Each caller brings its own limit ({@code maxConcurrentBridges}), so settings that differ between
 * integrators still mean "start only while fewer than this many run".
 */
final class BridgeSlots {
    private static final BridgeSlots JVM = new BridgeSlots();

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition released = lock.newCondition();
    private int running;

    BridgeSlots() {
    }

    static BridgeSlots jvm() {
        return JVM;
    }

    /** Waits until fewer than {@code limit} bridges run, then counts one more. */
    void acquire(int limit) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (running >= limit) {
                released.await();
            }
            running++;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            running--;
            // Every waiter, not one: waiters may hold different limits, and one woken in vain would
            // leave the others asleep.
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }
}
