package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeListener;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.bridge.HealthReport;
import io.jenkins.plugins.codegen.bridge.PythonBridge;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.health.Health;
import io.jenkins.plugins.codegen.health.HealthMonitor;
import io.jenkins.plugins.codegen.prompt.OptimizedPrompt;
import io.jenkins.plugins.codegen.prompt.PromptOptimizer;
import io.jenkins.plugins.codegen.prompt.PromptOptions;
import io.jenkins.plugins.codegen.retry.RetryManager;
import io.jenkins.plugins.codegen.retry.RetryPolicy;
import io.jenkins.plugins.codegen.retry.Sleeper;
import io.jenkins.plugins.codegen.retry.TimeSource;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.stats.Statistics;
import io.jenkins.plugins.codegen.stats.StatisticsSnapshot;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The engine's front door: {@link #processTask} validates a task, optimizes its prompt, and runs
 * the retry-wrapped Python bridge until the agent run ends; {@link #processFollowUp} sends a
 * follow-up to an existing run and follows it the same way; {@link #getHealth()} and
 * {@link #getStatistics()} say how it has been going. Safe to call from many threads at once.
 *
 * <p>In mock mode it starts the simulated Codegen API where its launcher starts processes and
 * points the real bridge at it: the whole path runs, with no token and no network.
 *
 * <p>Its parts: {@link Connections} (where requests go, mock mode's simulator), {@link BridgeRequests}
 * (what the bridge is asked), {@link BridgeRuns} (the bridge within the JVM's slots, and the health it
 * reports), {@link TaskCalls} (one call to its result, through retries) and, per call,
 * {@link TaskExecution} (what decides whether a retry may create a run).
 */
public final class CodegenIntegrator implements AutoCloseable {
    private final CodegenSettings settings;
    private final PromptOptimizer optimizer;
    private final HealthMonitor healthMonitor;
    private final Connections connections;
    private final BridgeRequests requests;
    private final BridgeRuns runs;
    private final TaskCalls calls;

    private CodegenIntegrator(Builder b) throws CodegenException {
        this.settings = b.settings.requireValid();
        this.optimizer = new PromptOptimizer(new PromptOptions(settings.optimizationLevel(),
                settings.maxPromptLength(), settings.includeExamples()));
        RetryManager retryManager = new RetryManager(scaled(settings.retryPolicy(), settings.timeScale()), b.sleeper,
                b.timeSource, b.random);
        // With tracking off, this engine's tasks stay out of the shared statistics (and their health).
        boolean shared = settings.tracking() && b.healthMonitor != null;
        Statistics statistics = settings.tracking() ? b.statistics : new Statistics();
        this.healthMonitor = shared ? b.healthMonitor : new HealthMonitor(statistics);
        this.connections = new Connections(settings, b.launcher);
        this.requests = new BridgeRequests(settings, b.metadata, b.waitForRun);
        PythonBridge bridge = new PythonBridge(b.launcher, settings.pythonPath(), b.bridgeEnvironment,
                PythonBridge.Limits.DEFAULT);
        this.runs = new BridgeRuns(bridge, b.bridgeSlots, settings.maxConcurrentBridges(), healthMonitor, statistics,
                connections);
        this.calls = new TaskCalls(settings, connections, requests, runs, retryManager, b.waitForRun,
                b.bridgeEnvironment, b.timeoutUsed);
    }

    /**
     * @param settings validated when the integrator is built
     * @param launcher where bridge (and, in mock mode, simulator) processes run; the caller closes it
     */
    public static Builder builder(CodegenSettings settings, BridgeLauncher launcher) {
        return new Builder(settings, launcher);
    }

    /** Backoff waits run in real time; against a time-scaled simulator they shrink with it. */
    private static RetryPolicy scaled(RetryPolicy policy, double timeScale) {
        if (timeScale == 1.0) {
            return policy;
        }
        return policy.toBuilder().baseDelay(TaskCalls.divide(policy.baseDelay(), timeScale))
                .maxDelay(TaskCalls.divide(policy.maxDelay(), timeScale)).build();
    }

    /** The prompt the task would be sent with: validates the task, sends nothing. */
    public OptimizedPrompt optimizePrompt(CodegenTask task, TaskContext context) throws CodegenException {
        TaskValidator.requireValid(task, context);
        return optimizer.optimize(task, context);
    }

    public TaskResult processTask(CodegenTask task, TaskContext context) throws InterruptedException {
        return processTask(task, context, ProgressListener.NONE);
    }

    /**
     * Runs a task to its end. Failures come back as a {@link TaskStatus#FAILED} result carrying the
     * error type and guidance; only an interrupt (an abort) escapes, after the bridge was stopped and
     * the listener was told which agent run may still be working.
     */
    public TaskResult processTask(CodegenTask task, TaskContext context, ProgressListener listener)
            throws InterruptedException {
        return processTask(task, context, listener, ClientRequestId.random());
    }

    /**
     * {@link #processTask(CodegenTask, TaskContext, ProgressListener)} with the tag the agent run is
     * created with. A {@link ClientRequestId#reusable reusable} tag makes the first attempt look for
     * a run that carries it and follow that run instead of creating one; that needs the REST
     * backend, the only one that tags runs.
     */
    public TaskResult processTask(CodegenTask task, TaskContext context, ProgressListener listener,
                                  ClientRequestId requestId) throws InterruptedException {
        return run(task, context, listener, requestId, null);
    }

    /**
     * Picks up a task whose caller lost track of it (a controller restart) with what
     * {@link ProgressListener#onBridgeStarted} gave it, to the same result, progress and abort as
     * {@link #processTask}: a result the bridge wrote meanwhile is taken, a bridge that still runs is
     * followed, and a bridge that is gone is replaced by one in attach mode that follows the state's
     * agent run and never creates one. Without a known run, the new bridge first looks for a run
     * tagged with {@code requestId} (the same tag as the first call's), so that no second run is made.
     * The task's timeout counts again from now, less what {@link Builder#timeoutUsed} says the first
     * call used: with all of it used, the task ends with a {@code TIMEOUT} that names its agent run
     * (a result the bridge wrote meanwhile still wins), and no new bridge is started.
     */
    public TaskResult resumeTask(CodegenTask task, TaskContext context, ProgressListener listener,
                                 ClientRequestId requestId, BridgeState state) throws InterruptedException {
        return run(task, context, listener, requestId, Objects.requireNonNull(state, "state"));
    }

    private TaskResult run(CodegenTask task, TaskContext context, ProgressListener listener,
                           ClientRequestId requestId, BridgeState resumeFrom) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(context, "context");
        Work work = new Work(TaskResults.Subject.of(task, null), requestId.lookFirst(), null) {
            @Override
            Request prepare() throws CodegenException {
                OptimizedPrompt prompt = optimizePrompt(task, context);
                subject = TaskResults.Subject.of(task, prompt);
                listener.onProgress(Progress.of(Progress.Kind.PROMPT, describe(prompt)));
                return connection -> requests.run(connection, task, context, prompt, requestId);
            }
        };
        return calls.execute(work, listener, resumeFrom);
    }

    /**
     * Sends a follow-up to an existing agent run (the API's resume) and follows the run to its end, to
     * a result like {@link #processTask}'s: title "Follow-up of agent run N", {@link TaskResult#followUpOf()}
     * N. The prompt is sent as it is. A resume cannot be tagged: once an attempt's outcome is unknown
     * (a timeout, a dropped connection), it is never sent again, and the task reports whether the run
     * took it or that this is not known; after the bridge reported it taken, a retry follows the run.
     * {@link Builder#waitForRun(boolean) waitForRun(false)} ends as soon as it was taken.
     */
    public TaskResult processFollowUp(FollowUp followUp, ProgressListener listener) throws InterruptedException {
        return followUp(followUp, listener, null);
    }

    /**
     * Picks up a follow-up whose caller lost track of it, as {@link #resumeTask} does for a task. A
     * bridge that is gone before it reported the follow-up taken may have sent it: it is not sent
     * again, and the result says that its outcome is not known.
     */
    public TaskResult resumeFollowUp(FollowUp followUp, ProgressListener listener, BridgeState state)
            throws InterruptedException {
        return followUp(followUp, listener, Objects.requireNonNull(state, "state"));
    }

    private TaskResult followUp(FollowUp followUp, ProgressListener listener, BridgeState resumeFrom)
            throws InterruptedException {
        Objects.requireNonNull(followUp, "followUp");
        Work work = new Work(TaskResults.Subject.of(followUp), false, followUp) {
            @Override
            Request prepare() throws CodegenException {
                followUp.requireValid(settings.maxPromptLength());
                listener.onProgress(Progress.ofRun(Progress.Kind.PROMPT, String.format(java.util.Locale.ROOT,
                        "Follow-up for agent run %d: %,d characters, sent as written", followUp.runId(),
                        followUp.prompt().length()), followUp.runId(), null));
                return connection -> requests.followUp(connection, followUp);
            }
        };
        return calls.execute(work, listener, resumeFrom);
    }

    /**
     * One authenticated call: is the token good, and may it act in the organization? Used by
     * "Test connection" and {@code codegen health}.
     */
    public HealthReport checkConnection() throws CodegenException, InterruptedException {
        return checkConnection(ProgressListener.NONE);
    }

    /** {@link #checkConnection()}, passing the bridge's events (debug lines among them) to a listener. */
    public HealthReport checkConnection(ProgressListener listener) throws CodegenException, InterruptedException {
        BridgeListener events = event -> listener.onProgress(Progress.ofBridge(Progress.Kind.BRIDGE, event, null, null));
        return runs.run(requests.health(connections.connection()), events).healthReport().orElseThrow(() ->
                CodegenException.builder(ErrorType.UNKNOWN, "The health check returned no report.").build());
    }

    /** One look at an existing agent run: its status and pull requests. */
    public AgentRun runStatus(long runId) throws CodegenException, InterruptedException {
        return runs.run(requests.status(connections.connection(), runId), BridgeListener.NONE).agentRun().orElseThrow(
                () -> CodegenException.builder(ErrorType.UNKNOWN, "The status read returned no agent run.").build());
    }

    public Health getHealth() {
        return healthMonitor.health();
    }

    public StatisticsSnapshot getStatistics() {
        return runs.statistics().snapshot();
    }

    private static String describe(OptimizedPrompt prompt) {
        String text = String.format(java.util.Locale.ROOT, "Prompt optimized (%s): %,d characters",
                prompt.level().wireName(), prompt.finalLength());
        if (prompt.wasShortened()) {
            text += String.format(java.util.Locale.ROOT, " (from %,d; shortened: %s)", prompt.originalLength(),
                    String.join(", ", prompt.shed()));
        }
        return text;
    }

    /** Stops the simulator of mock mode, if one was started. The launcher is the caller's to close. */
    @Override
    public void close() {
        connections.close();
    }

    /** Collects what an integrator needs beyond settings and a launcher. */
    public static final class Builder {
        private final CodegenSettings settings;
        private final BridgeLauncher launcher;
        private Statistics statistics = new Statistics();
        private HealthMonitor healthMonitor;
        private Map<String, String> bridgeEnvironment = Map.of();
        private Map<String, Object> metadata = Map.of();
        private Sleeper sleeper = Sleeper.system();
        private TimeSource timeSource = TimeSource.system();
        private Random random = new Random();
        private BridgeSlots bridgeSlots = BridgeSlots.jvm();
        private boolean waitForRun = true;
        private Duration timeoutUsed = Duration.ZERO;

        private Builder(CodegenSettings settings, BridgeLauncher launcher) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.launcher = Objects.requireNonNull(launcher, "launcher");
        }

        /** Share statistics and health across integrators (a Jenkins controller has one of each). */
        public Builder monitoring(Statistics sharedStatistics, HealthMonitor sharedHealth) {
            this.statistics = Objects.requireNonNull(sharedStatistics);
            this.healthMonitor = Objects.requireNonNull(sharedHealth);
            return this;
        }

        /**
         * Extra variables for the bridge, such as {@code HTTPS_PROXY} and {@code NO_PROXY}; never the token.
         * They travel in the bridge's owner-only secrets file with the token (a proxy URL may hold a
         * password), never in its environment or on a command line.
         */
        public Builder bridgeEnvironment(Map<String, String> value) {
            this.bridgeEnvironment = Map.copyOf(value);
            return this;
        }

        /** Stored with every agent run (REST backend), e.g. the build's URL. */
        public Builder metadata(Map<String, ?> value) {
            this.metadata = Map.copyOf(value);
            return this;
        }

        /** For tests: a seeded random makes backoff waits reproducible. */
        public Builder random(Random value) {
            this.random = Objects.requireNonNull(value);
            return this;
        }

        /** For tests: a fake clock makes waits instant. */
        public Builder clock(Sleeper valueSleeper, TimeSource valueTime) {
            this.sleeper = Objects.requireNonNull(valueSleeper);
            this.timeSource = Objects.requireNonNull(valueTime);
            return this;
        }

        /**
         * {@code false}: a task ends as soon as its agent run exists, with status {@link TaskStatus#ACTIVE},
         * the run's id and page and no pull request; a wait on the run id follows it to its end (the
         * watcher: {@code codegenWait}, {@code codegen wait}). The run is still created exactly once.
         */
        public Builder waitForRun(boolean value) {
            this.waitForRun = value;
            return this;
        }

        /**
         * How much of the task's timeout has passed already, in real time: a task picked up again
         * (after a controller restart, or once its lost build agent is back) counts its timeout from
         * its first start, not from now, and so does the time its result reports. Zero (the default)
         * for a task that starts now.
         */
        public Builder timeoutUsed(Duration value) {
            this.timeoutUsed = value.isNegative() ? Duration.ZERO : value;
            return this;
        }

        /** For tests: slots of their own, so that other tests in the JVM do not take them. */
        Builder bridgeSlots(BridgeSlots value) {
            this.bridgeSlots = Objects.requireNonNull(value);
            return this;
        }

        /** @throws CodegenException a {@code VALIDATION} failure when the settings are not valid */
        public CodegenIntegrator build() throws CodegenException {
            return new CodegenIntegrator(this);
        }
    }
}
