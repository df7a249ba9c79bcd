package io.jenkins.plugins.codegen.integrator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Codegen organization's share of the documented rate limits, as seen from this JVM: at most
 * 10 run creations per minute, and status reads spread so that all tasks together stay under 60
 * requests per 30 seconds for plain reads of a run, 60 per 60 seconds for reads of its log (the logs
 * endpoint's own limit: a task that follows the live log reads through it while the run works).
 * Tasks of one controller (or one CLI) share it, so they wait for each other instead of collecting
 * 429s. The watcher ({@code io.jenkins.plugins.codegen.watch}) shares the same object: a run it waits
 * on counts as an active task, so bridges and watcher together stay within the read limits.
 */
public final class OrganizationBudget {
    static final int CREATES_PER_WINDOW = 10;
    static final Duration CREATE_WINDOW = Duration.ofMinutes(1);
    /** 60 reads per 30 s: two per second for the whole organization. */
    static final double READS_PER_SECOND = 2.0;
    /** The logs endpoint's 60 reads per 60 s: one per second for the whole organization. */
    static final double LOG_READS_PER_SECOND = 1.0;

    private static final Map<String, OrganizationBudget> BUDGETS = new ConcurrentHashMap<>();

    /** Mock mode's budget: the simulator has no quota unless it is asked to enforce one. */
    private static final OrganizationBudget UNLIMITED = new OrganizationBudget(Double.POSITIVE_INFINITY);

    private final long windowNanos;
    private final Deque<Long> recentCreates = new ArrayDeque<>();
    private int activeTasks;

    private OrganizationBudget(double timeScale) {
        this.windowNanos = (long) (CREATE_WINDOW.toNanos() / timeScale);
    }

    /** The budget of one organization on one API (time-scaled only against the simulator). */
    public static OrganizationBudget of(String apiUrl, long orgId, double timeScale) {
        return BUDGETS.computeIfAbsent(apiUrl + "#" + orgId + "@" + timeScale, key -> new OrganizationBudget(timeScale));
    }

    /** No limits: for the simulator, which enforces none unless asked to. */
    public static OrganizationBudget unlimited() {
        return UNLIMITED;
    }

    /** Waits until a create fits in the window, then takes the slot. */
    synchronized void awaitCreateSlot() throws InterruptedException {
        if (this == UNLIMITED) {
            return;
        }
        while (true) {
            long now = System.nanoTime();
            while (!recentCreates.isEmpty() && now - recentCreates.peekFirst() >= windowNanos) {
                recentCreates.removeFirst();
            }
            if (recentCreates.size() < CREATES_PER_WINDOW) {
                recentCreates.addLast(now);
                return;
            }
            long waitNanos = windowNanos - (now - recentCreates.peekFirst());
            wait(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
        }
    }

    /** One more task (or waited run) reads this organization's runs. */
    public synchronized void enter() {
        activeTasks++;
    }

    /** That task or wait has ended. */
    public synchronized void leave() {
        activeTasks--;
    }

    /**
     * The shortest poll interval, in the bridge's seconds, that keeps every active task's status
     * reads together within the read limit: that of the logs endpoint when the reads are reads of
     * the run's log. Each task plans with its own kind of read, so a mix of both stays within both.
     */
    public synchronized Duration minPollInterval(boolean logReads) {
        if (this == UNLIMITED) {
            return Duration.ZERO;
        }
        double perSecond = logReads ? LOG_READS_PER_SECOND : READS_PER_SECOND;
        return Duration.ofMillis((long) (Math.max(0, activeTasks) / perSecond * 1000));
    }
}
