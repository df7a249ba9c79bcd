package io.jenkins.plugins.codegen.autofix;

/**
 * How many automatic fixes run at once and how many may wait. Small by default: an automatic fix
 * runs on the controller, and a broken main branch fails every job that builds it at once, which
 * should start a handful of fixes, not hundreds.
 *
 * @param maxRunning fixes whose agent runs are started and followed at once (1 or more)
 * @param maxWaiting fixes that may wait for one of those slots (0 or more); a further one is refused
 */
public record AutoFixLimits(int maxRunning, int maxWaiting) {
    public static final int DEFAULT_MAX_RUNNING = 2;
    public static final int DEFAULT_MAX_WAITING = 10;
    /** More would only queue work the Codegen API's 10 new runs a minute cannot take. */
    public static final int MAX = 100;

    public AutoFixLimits {
        if (maxRunning < 1 || maxRunning > MAX) {
            throw new IllegalArgumentException("automatic fixes running at once: " + maxRunning
                    + " is not possible; give a number from 1 to " + MAX);
        }
        if (maxWaiting < 0 || maxWaiting > MAX) {
            throw new IllegalArgumentException("automatic fixes waiting: " + maxWaiting
                    + " is not possible; give a number from 0 to " + MAX);
        }
    }

    public static AutoFixLimits defaults() {
        return new AutoFixLimits(DEFAULT_MAX_RUNNING, DEFAULT_MAX_WAITING);
    }
}
