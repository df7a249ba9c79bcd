package io.jenkins.plugins.codegen.plugin.agent;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.SystemProperties;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The wait of a durable {@code codegenTask} step for its build agent to be back: after a controller
 * restart, or after the agent's connection dropped while the task ran (its bridge goes on there, as
 * an {@code sh} step's script does). Until the enclosing {@code node} block has its agent again, the
 * step's context has no workspace, or reports the agent offline. Bounded by {@link #seconds}.
 */
public final class AgentWait {
    private static final Logger LOGGER = Logger.getLogger(AgentWait.class.getName());
    /**
     * How long a step waits for its agent, in seconds: ten minutes, or the system property
     * {@code io.jenkins.plugins.codegen.plugin.AgentWait.seconds} (the class's name before it moved
     * into this package: administrators set it under that name). Not final, so that tests can shorten it.
     */
    static long seconds = SystemProperties.getLong("io.jenkins.plugins.codegen.plugin.AgentWait.seconds", 10L * 60);
    private static final long LOOK_MILLIS = 5000;

    private AgentWait() {
    }

    /**
     * The workspace once its agent answers again, or null when it did not within {@link #seconds}.
     *
     * @param waiting called once, when the agent is not there at the first look
     * @throws InterruptedException the build was aborted (or the controller shuts down) meanwhile
     */
    @CheckForNull
    public static FilePath workspace(StepContext context, Runnable waiting) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        boolean told = false;
        while (true) {
            FilePath workspace = reachable(context);
            if (workspace != null) {
                return workspace;
            }
            long left = until - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            if (!told) {
                waiting.run();
                told = true;
            }
            Thread.sleep(Math.max(1, Math.min(LOOK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    /**
     * The workspace if its agent answers a call now. The {@code node} block's workspace may still be
     * the one of the lost connection for a moment after the loss, before Jenkins took the agent offline.
     */
    @CheckForNull
    private static FilePath reachable(StepContext context) throws InterruptedException {
        try {
            FilePath workspace = context.get(FilePath.class);
            if (workspace != null) { // else the node block has no agent yet, or reports it offline
                workspace.isDirectory();
                return workspace;
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "the agent of the Codegen task is not back yet", e);
        }
        return null;
    }

    /** The bound in words: "10 minutes". */
    public static String bound() {
        return seconds % 60 == 0 ? (seconds == 60 ? "1 minute" : seconds / 60 + " minutes")
                : seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
