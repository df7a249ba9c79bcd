package io.jenkins.plugins.codegen.plugin.autofix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.ItemListener;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.codegen.autofix.Admission;
import io.jenkins.plugins.codegen.autofix.AutoFixEntry;
import io.jenkins.plugins.codegen.autofix.AutoFixQueue;
import io.jenkins.plugins.codegen.autofix.Recovery;
import io.jenkins.plugins.codegen.fix.BuildBranch;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.fix.EndedBuildFix;
import io.jenkins.plugins.codegen.plugin.record.CodegenFixSkips;
import io.jenkins.plugins.codegen.plugin.scope.AutoFixRule;
import io.jenkins.plugins.codegen.plugin.scope.AutoFixRules;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The controller's automatic fixes: which failed builds get one (the switch and the branch rule of
 * their job, folder or the global configuration), the durable queue that bounds them
 * ({@link AutoFixQueue}, a file under {@code JENKINS_HOME}), and the controller threads they run
 * on, one per running fix, never a build executor. At start the queue is recovered: each fix it held
 * is started once, one whose bridge was launched with its tag, which finds its agent run.
 */
@Extension
public final class AutoFixes {
    private static final Logger LOGGER = Logger.getLogger(AutoFixes.class.getName());
    /** The queue file, under {@code JENKINS_HOME}. */
    static final String QUEUE_FILE = "codegen/automatic-fixes.json";

    private final ExecutorService threads = Executors.newCachedThreadPool(new NamingThreadFactory(
            new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "Codegen automatic fix"));
    private final Map<String, EndedBuildFix> running = new ConcurrentHashMap<>();
    /** The last failed builds whose end was looked at, for tests to wait on. */
    private final Map<String, Boolean> considered = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 100;
        }
    });
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean shuttingDown;
    @CheckForNull
    private AutoFixQueue queue;

    public static AutoFixes get() {
        return ExtensionList.lookupSingleton(AutoFixes.class);
    }

    /** Picks up the fixes a restart interrupted, once the jobs (and so their builds) are loaded. */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void recoverAtStart() {
        get().queue();
    }

    /** The queue, opened and recovered on first use; with the limits the global configuration has now. */
    synchronized AutoFixQueue queue() {
        if (queue == null) {
            File file = new File(Jenkins.get().getRootDir(), QUEUE_FILE);
            queue = AutoFixQueue.open(file.toPath(), CodegenGlobalConfiguration.get().getAutoFixLimits(),
                    Clock.systemUTC());
            Recovery recovery = queue.recover();
            recovery.problem().ifPresent(LOGGER::severe);
            recovery.givenUp().forEach(LOGGER::warning);
            recovery.resume().forEach(entry -> start(entry, true));
            recovery.start().forEach(entry -> start(entry, false));
        } else {
            queue.setLimits(CodegenGlobalConfiguration.get().getAutoFixLimits());
        }
        return queue;
    }

    /** Whether failed builds of this job get automatic fixes, as far as the switch says (not yet the branch). */
    static boolean enabledFor(Job<?, ?> job) {
        return AutoFixRules.of(job).enabled();
    }

    /** A build ended: queue its automatic fix if it is to have one, else say on its page why not. */
    void ended(Run<?, ?> run) {
        try {
            consider(run);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not decide on an automatic fix of " + run, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            considered.put(run.getExternalizableId(), true);
        }
    }

    private void consider(Run<?, ?> run) throws IOException, InterruptedException {
        Job<?, ?> job = run.getParent();
        AutoFixRule rule = AutoFixRules.of(job);
        if (!rule.enabled() || EndedBuildFix.askedForItsOwnFix(run)) {
            return;
        }
        EnvVars variables = BuildVariables.of(run, TaskListener.NULL);
        Optional<String> skip = rule.branches().skipReason(BuildBranch.of(null, variables));
        if (skip.isPresent()) {
            note(run, skip.get());
            return;
        }
        Admission admission = queue().submit(job.getFullName(), run.getNumber());
        if (admission instanceof Admission.Start start) {
            start(start.entry(), false);
        } else if (admission instanceof Admission.Refused) {
            note(run, admission.message());
        } else {
            LOGGER.info(admission.message());
        }
    }

    /** One line on the failed build's page: its console was closed when the build ended. */
    static void note(Run<?, ?> run, String line) throws IOException {
        CodegenFixSkips.of(run).add(line);
        run.save();
    }

    private void start(AutoFixEntry entry, boolean resume) {
        if (shuttingDown) {
            return; // it stays in the queue file, for the restarted controller
        }
        busy.incrementAndGet();
        try {
            threads.submit(() -> {
                try {
                    run(entry, resume);
                } finally {
                    busy.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            busy.decrementAndGet();
        }
    }

    /** Runs one fix to its end and hands its slot on; a fix the controller let go of at shutdown stays queued. */
    private void run(AutoFixEntry entry, boolean resume) {
        boolean letGo = false;
        try {
            Run<?, ?> build = build(entry);
            if (build == null) {
                LOGGER.warning("Codegen automatic fix of " + entry.id() + " dropped: the build no longer exists.");
                return;
            }
            new AutomaticFix(build, entry, resume, queue(), running).run();
        } catch (InterruptedException e) {
            letGo = shuttingDown;
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Codegen automatic fix of " + entry.id() + " failed", e);
        } finally {
            running.remove(entry.id());
            if (!letGo) {
                queue().finished(entry.id()).forEach(next -> start(next, false));
            }
        }
    }

    @CheckForNull
    private static Run<?, ?> build(AutoFixEntry entry) {
        Job<?, ?> job = Jenkins.get().getItemByFullName(entry.job(), Job.class);
        return job == null ? null : job.getBuildByNumber(entry.build());
    }

    /** Whether the end of this failed build was looked at (tests). */
    boolean considered(Run<?, ?> run) {
        return considered.containsKey(run.getExternalizableId());
    }

    /** Whether the end of this failed build was looked at, and every fix started in this process has ended (tests). */
    boolean idleAfter(Run<?, ?> run) {
        return considered(run) && busy.get() == 0;
    }

    /** Whether no fix runs and none waits (tests). */
    boolean idle() {
        AutoFixQueue.Snapshot now = queue().snapshot();
        return busy.get() == 0 && now.running().isEmpty() && now.waiting().isEmpty();
    }

    /** Lets go of the running fixes before the agents and the build records are put away, to pick them up after the restart. */
    private void shutDown() {
        shuttingDown = true;
        running.values().forEach(EndedBuildFix::detach);
        threads.shutdownNow();
    }

    @Extension
    public static final class Shutdown extends ItemListener {
        @Override
        public void onBeforeShutdown() {
            AutoFixes fixes = ExtensionList.lookup(AutoFixes.class).get(AutoFixes.class);
            if (fixes != null) {
                fixes.shutDown();
            }
        }
    }
}
