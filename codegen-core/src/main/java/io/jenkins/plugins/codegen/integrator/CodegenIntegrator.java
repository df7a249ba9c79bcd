package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.BridgeCommand;
import io.jenkins.plugins.codegen.bridge.BridgeGoneException;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeListener;
import io.jenkins.plugins.codegen.bridge.BridgeRequest;
import io.jenkins.plugins.codegen.bridge.BridgeResult;
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
import io.jenkins.plugins.codegen.retry.Deadline;
import io.jenkins.plugins.codegen.retry.RetryManager;
import io.jenkins.plugins.codegen.retry.RetryPolicy;
import io.jenkins.plugins.codegen.retry.Sleeper;
import io.jenkins.plugins.codegen.retry.TimeSource;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import io.jenkins.plugins.codegen.stats.Statistics;
import io.jenkins.plugins.codegen.stats.StatisticsSnapshot;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.RepositoryName;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The engine's front door: {@link #processTask} validates a task, optimizes its prompt, and runs
 * the retry-wrapped Python bridge until the agent run ends; {@link #processFollowUp} sends a
 * follow-up to an existing run and follows it the same way; {@link #getHealth()} and
 * {@link #getStatistics()} say how it has been going. Safe to call from many threads at once.
 *
 * <p>In mock mode it starts the simulated Codegen API where its launcher starts processes and
 * points the real bridge at it: the whole path runs, with no token and no network.
 */
public final class CodegenIntegrator implements AutoCloseable {
    /** Stands in for a token in mock mode: the simulator wants one, and it is no secret. */
    static final String MOCK_TOKEN = "mock-token";
    private static final long MOCK_ORG_ID = SimulatorOptions.DEFAULT_ORG_ID;
    private static final double POLL_GROWTH = 0.1;

    private final CodegenSettings settings;
    private final BridgeLauncher launcher;
    private final PythonBridge bridge;
    private final PromptOptimizer optimizer;
    private final RetryManager retryManager;
    private final Statistics statistics;
    private final HealthMonitor healthMonitor;
    private final Map<String, Object> metadata;
    private final BridgeSlots bridgeSlots;
    private final boolean waitForRun;
    private final Map<String, String> bridgeEnvironment;
    /** How much of the task's timeout earlier calls used: a task picked up again keeps its first deadline. */
    private final Duration timeoutUsed;
    private SimulatorServer simulator;
    /** The runs mock mode's simulator made for follow-ups (it is closed with this integrator). */
    private final Set<Long> mockRunsMade = new HashSet<>();

    private CodegenIntegrator(Builder b) throws CodegenException {
        this.settings = b.settings.requireValid();
        this.launcher = b.launcher;
        this.bridge = new PythonBridge(launcher, settings.pythonPath(), b.bridgeEnvironment, PythonBridge.Limits.DEFAULT);
        this.optimizer = new PromptOptimizer(new PromptOptions(settings.optimizationLevel(),
                settings.maxPromptLength(), settings.includeExamples()));
        this.retryManager = new RetryManager(scaled(settings.retryPolicy(), settings.timeScale()), b.sleeper,
                b.timeSource, b.random);
        // With tracking off, this engine's tasks stay out of the shared statistics (and their health).
        boolean shared = settings.tracking() && b.healthMonitor != null;
        this.statistics = settings.tracking() ? b.statistics : new Statistics();
        this.healthMonitor = shared ? b.healthMonitor : new HealthMonitor(statistics);
        this.metadata = Map.copyOf(b.metadata);
        this.bridgeSlots = b.bridgeSlots;
        this.waitForRun = b.waitForRun;
        this.bridgeEnvironment = Map.copyOf(b.bridgeEnvironment);
        this.timeoutUsed = b.timeoutUsed;
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
        return policy.toBuilder().baseDelay(divide(policy.baseDelay(), timeScale))
                .maxDelay(divide(policy.maxDelay(), timeScale)).build();
    }

    /** Each request's timeout, never more than half the whole task's, so that a retry still fits. */
    private Duration requestTimeout() {
        Duration half = settings.timeout().dividedBy(2);
        return settings.requestTimeout().compareTo(half) > 0 ? half : settings.requestTimeout();
    }

    private static Duration divide(Duration duration, double by) {
        return Duration.ofNanos(Math.max(1, (long) (duration.toNanos() / by)));
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
                return connection -> runRequest(connection, task, context, prompt, requestId);
            }
        };
        return execute(work, listener, resumeFrom);
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
                return connection -> followUpRequest(connection, followUp);
            }
        };
        return execute(work, listener, resumeFrom);
    }

    private TaskResult execute(Work work, ProgressListener listener, BridgeState resumeFrom)
            throws InterruptedException {
        long started = System.nanoTime();
        statistics.taskStarted();
        TaskExecution execution = null;
        try {
            Work.Request request = work.prepare();
            Connection connection = connection();
            if (work.followUp != null && settings.mock()) {
                mockRunToFollowUp(connection, work.followUp.runId(), listener);
            }
            OrganizationBudget budget = settings.mock() ? OrganizationBudget.unlimited()
                    : OrganizationBudget.of(connection.apiUrl, connection.orgId, settings.timeScale());
            Deadline deadline = retryManager.deadlineAfter(timeLeft());
            execution = new TaskExecution(this, request.build(connection), deadline, listener, budget,
                    work.lookFirst, secretMasker(connection), work.followUp);
            if (resumeFrom != null) {
                execution.resumingFrom(resumeFrom);
                listener.onProgress(Progress.ofRun(Progress.Kind.ATTEMPT, "Following the task's bridge again"
                        + (resumeFrom.runId() != null ? " (agent run " + resumeFrom.runId() + ")" : "")
                        + "; what it reported before is shown again.",
                        resumeFrom.runId(), resumeFrom.webUrl()));
            }
            BridgeResult result = runWithRetries(execution, deadline, budget, listener);
            Duration elapsed = elapsedSince(started);
            // Not waited for: the engine's part, creating the run exactly once, is what succeeded here.
            statistics.recordSuccess(elapsed, execution.attempts());
            TaskResult outcome = !waitForRun && !result.agentRun().orElseThrow().completed()
                    ? TaskResults.active(work.subject, result, execution, elapsed, backendName())
                    : TaskResults.success(work.subject, result, execution, elapsed, backendName());
            listener.onProgress(Progress.ofRun(Progress.Kind.SUCCEEDED, TaskResults.summary(outcome),
                    outcome.runId(), outcome.webUrl()));
            return outcome;
        } catch (CodegenException e) {
            Duration elapsed = elapsedSince(started);
            statistics.recordFailure(e.getErrorType(), elapsed, e.getAttempts());
            TaskResult outcome = TaskResults.failure(work.subject, e, execution, elapsed, backendName());
            listener.onProgress(Progress.ofFailure(Progress.Kind.FAILED, e.describe(), e.getErrorType(),
                    outcome.runId(), outcome.webUrl()));
            return outcome;
        } catch (InterruptedException e) {
            statistics.recordAborted();
            Long runId = execution == null ? null : execution.runId();
            String webUrl = execution == null ? null : execution.webUrl();
            String message = runId == null ? "Aborted before an agent run was created."
                    : "Aborted. Agent run " + runId + " may still be working" + (webUrl != null ? ": " + webUrl : ".");
            listener.onProgress(Progress.ofFailure(Progress.Kind.ABORTED, message, ErrorType.ABORTED, runId, webUrl));
            TaskAbortedException aborted = new TaskAbortedException(message, TaskResults.aborted(work.subject, message,
                    execution, elapsedSince(started), backendName()));
            aborted.addSuppressed(e);
            throw aborted;
        }
    }

    /** The task's time: from its first start, for a task picked up again ({@link Builder#timeoutUsed}). */
    private Duration elapsedSince(long startedNanos) {
        return timeoutUsed.plusNanos(System.nanoTime() - startedNanos);
    }

    /** The task's timeout in real time (a time-scaled simulator shortens it), less what earlier calls used. */
    private Duration timeLeft() {
        Duration left = divide(settings.timeout(), settings.timeScale()).minus(timeoutUsed);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** What one call sends: a task (its prompt is built first) or a follow-up, and how its result names it. */
    private abstract static class Work {
        TaskResults.Subject subject;
        final boolean lookFirst;
        final FollowUp followUp;

        Work(TaskResults.Subject subject, boolean lookFirst, FollowUp followUp) {
            this.subject = subject;
            this.lookFirst = lookFirst;
            this.followUp = followUp;
        }

        /** Validates (and reports) what is to be sent; sends nothing and starts nothing. */
        abstract Request prepare() throws CodegenException;

        /** The bridge request, once the connection is known. */
        interface Request {
            BridgeRequest build(Connection connection) throws CodegenException;
        }
    }

    /** Everything an entry of the agent's log is masked with: the token and the bridge's extra variables. */
    private SecretMasker secretMasker(Connection connection) {
        List<String> secrets = new ArrayList<>(bridgeEnvironment.values());
        secrets.add(connection.token);
        return SecretMasker.of(secrets);
    }

    private BridgeResult runWithRetries(TaskExecution execution, Deadline deadline, OrganizationBudget budget,
                                        ProgressListener listener) throws CodegenException, InterruptedException {
        budget.enter();
        try {
            return retryManager.execute(execution::attempt, deadline, (next, failure, wait) ->
                    listener.onProgress(Progress.ofFailure(Progress.Kind.RETRY, "Attempt " + (next - 1) + " failed ("
                            + failure.getErrorType().wireName() + ": " + failure.getMessage() + "); retrying in "
                            + seconds(wait), failure.getErrorType(), execution.runId(), execution.webUrl())));
        } finally {
            budget.leave();
        }
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
        Connection connection = connection();
        BridgeRequest request = BridgeRequest.builder(BridgeCommand.HEALTH, connection.apiUrl, connection.orgId)
                .backend(settings.backend()).requestTimeout(requestTimeout())
                .deadline(requestTimeout().multipliedBy(3)).timeScale(settings.timeScale())
                .debug(settings.debugLogging()).build();
        BridgeListener events = event -> listener.onProgress(Progress.ofBridge(Progress.Kind.BRIDGE, event, null, null));
        return runBridge(request, events).healthReport().orElseThrow(() ->
                CodegenException.builder(ErrorType.UNKNOWN, "The health check returned no report.").build());
    }

    /** One look at an existing agent run: its status and pull requests. */
    public AgentRun runStatus(long runId) throws CodegenException, InterruptedException {
        Connection connection = connection();
        BridgeRequest request = BridgeRequest.builder(BridgeCommand.STATUS, connection.apiUrl, connection.orgId)
                .runId(runId).backend(settings.backend()).requestTimeout(requestTimeout())
                .deadline(requestTimeout().multipliedBy(3)).timeScale(settings.timeScale())
                .debug(settings.debugLogging()).build();
        return runBridge(request, BridgeListener.NONE).agentRun().orElseThrow(() ->
                CodegenException.builder(ErrorType.UNKNOWN, "The status read returned no agent run.").build());
    }

    public Health getHealth() {
        return healthMonitor.health();
    }

    public StatisticsSnapshot getStatistics() {
        return statistics.snapshot();
    }

    Statistics statistics() {
        return statistics;
    }

    /** Runs the bridge once, within the limit of concurrent bridge processes, and tells the health monitor. */
    BridgeResult runBridge(BridgeRequest request, BridgeListener listener) throws CodegenException, InterruptedException {
        bridgeSlots.acquire(settings.maxConcurrentBridges());
        try {
            BridgeResult result = bridge.execute(request, connection().token, listener);
            healthMonitor.bridgeSucceeded(request.command().wireName(), result.stats().rateLimited());
            return result;
        } catch (CodegenException e) {
            healthMonitor.bridgeFailed(e);
            throw e;
        } finally {
            bridgeSlots.release();
        }
    }

    /** Follows a bridge started earlier ({@link PythonBridge#reattach}), and tells the health monitor. */
    BridgeResult reattachBridge(BridgeState state, BridgeRequest request, BridgeListener listener)
            throws CodegenException, BridgeGoneException, InterruptedException {
        bridgeSlots.acquire(settings.maxConcurrentBridges());
        try {
            BridgeResult result = bridge.reattach(state, request, connection().token, listener);
            healthMonitor.bridgeSucceeded(request.command().wireName(), result.stats().rateLimited());
            return result;
        } catch (CodegenException e) {
            healthMonitor.bridgeFailed(e);
            throw e;
        } finally {
            bridgeSlots.release();
        }
    }

    private BridgeRequest runRequest(Connection connection, CodegenTask task, TaskContext context,
                                     OptimizedPrompt prompt, ClientRequestId requestId) throws CodegenException {
        Map<String, Object> runMetadata = new LinkedHashMap<>();
        runMetadata.put("source", "codegen-jenkins");
        if (!task.id().isEmpty()) {
            runMetadata.put("task_id", task.id());
        }
        runMetadata.putAll(metadata);
        return runBuilder(connection)
                .backend(backendFor(requestId))
                .prompt(prompt.text())
                .repository(RepositoryName.normalize(context.codebase().repository()).orElse(null))
                .metadata(runMetadata)
                .clientRequestId(requestId.value())
                .build();
    }

    /** A follow-up is a {@code run} without a create: the bridge sends resume for the run, then follows it. */
    private BridgeRequest followUpRequest(Connection connection, FollowUp followUp) throws CodegenException {
        return runBuilder(connection)
                // The SDK's Agent has no resume: the documented REST endpoint sends it on every backend.
                .backend(Backend.REST)
                .prompt(followUp.prompt())
                .followUpRunId(followUp.runId())
                .build();
    }

    /**
     * What every {@code run} request shares. The lookup grace covers a create or resume whose answer was
     * lost: the run is looked for (or read) again only once a late request would have landed.
     */
    private BridgeRequest.Builder runBuilder(Connection connection) {
        return BridgeRequest.builder(BridgeCommand.RUN, connection.apiUrl, connection.orgId)
                .waitForRun(waitForRun)
                .requestTimeout(requestTimeout())
                .lookupGrace(requestTimeout())
                .poll(new BridgeRequest.PollSettings(settings.pollInterval(), settings.maxPollInterval(), POLL_GROWTH,
                        Duration.ZERO))
                .timeScale(settings.timeScale())
                .debug(settings.debugLogging());
    }

    /** Only REST tags runs, so only REST can find the run an earlier task made for the same purpose. */
    private Backend backendFor(ClientRequestId requestId) throws CodegenException {
        if (!requestId.lookFirst() || settings.backend() == Backend.REST) {
            return settings.backend();
        }
        if (settings.backend() == Backend.AUTO) {
            return Backend.REST;
        }
        throw CodegenException.builder(ErrorType.VALIDATION, "this task must find the agent run an earlier task "
                        + "made for the same purpose, and the official SDK's Agent.run() cannot tag runs")
                .guidance("Use the rest or auto backend for it.").retryable(false).build();
    }

    private String backendName() {
        return settings.mock() ? "mock (" + settings.backend().wireName() + ")" : settings.backend().wireName();
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

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * Mock mode's simulator starts empty, so a follow-up would find no run: it first makes a simulated
     * run under the id the user gave (the scenario key {@code run_id}), created through the bridge and
     * not waited for. Through the bridge, because the simulator runs where the bridge runs, which the
     * engine may not reach itself.
     */
    private synchronized void mockRunToFollowUp(Connection connection, long runId, ProgressListener listener)
            throws CodegenException, InterruptedException {
        if (mockRunsMade.contains(runId)) {
            return;
        }
        String spec = (settings.mockScenario() == null || settings.mockScenario().isBlank() ? "success"
                : settings.mockScenario()) + ";run_id=" + runId;
        BridgeRequest create = BridgeRequest.builder(BridgeCommand.RUN, simulator.baseUrl(spec), connection.orgId)
                .prompt("A simulated agent run for a follow-up to continue (mock mode).")
                .clientRequestId(ClientRequestId.random().value()).waitForRun(false)
                .requestTimeout(requestTimeout()).timeScale(settings.timeScale()).build();
        runBridge(create, BridgeListener.NONE);
        mockRunsMade.add(runId);
        listener.onProgress(Progress.ofRun(Progress.Kind.BRIDGE, "Mock mode: the simulator made agent run " + runId
                + " to follow up", runId, null));
    }

    /** Where requests go and with which credentials; in mock mode, the simulator this integrator started. */
    private synchronized Connection connection() throws CodegenException, InterruptedException {
        if (!settings.mock()) {
            return new Connection(settings.apiUrl(), settings.orgId().orElseThrow(), settings.token().orElseThrow());
        }
        long orgId = settings.orgId().orElse(MOCK_ORG_ID);
        if (simulator == null) {
            // The simulator knows the configured organization, so a user who has entered theirs can still try
            // mock mode; its runs carry no link, since it is gone once the task ends.
            simulator = SimulatorServer.start(launcher, settings.pythonPath(),
                    SimulatorOptions.scenario(settings.mockScenario()).withTimeScale(settings.timeScale())
                            .withOrgId(orgId).withoutRunLinks());
        }
        return new Connection(simulator.baseUrl(), orgId, MOCK_TOKEN);
    }

    /** Stops the simulator of mock mode, if one was started. The launcher is the caller's to close. */
    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
            mockRunsMade.clear();
        }
    }

    private record Connection(String apiUrl, long orgId, String token) {
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
