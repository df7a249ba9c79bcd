package io.jenkins.plugins.codegen.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.Sentence;
import io.jenkins.plugins.codegen.integrator.OrganizationBudget;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One run being waited on: reads it, decides when to read it next, and ends with a
 * {@link TaskResult}. It follows the bridge's {@code _follow} and {@code _get}: the first read at
 * once, then the adaptive poll; a 429 waits (its {@code Retry-After}, at least the interval) and
 * raises later waits to it; the end noticed as soon as a read shows a final status. Unlike the
 * bridge, which leaves 5xx and dropped connections to the engine's next attempt, the wait retries
 * them itself with backoff until its deadline.
 *
 * <p>While the run is active, each read is a read of its log ({@link LiveLog}): the same status and
 * page, plus the entries not seen yet, which reach the listener as {@link Progress.Kind#AGENT_LOG}.
 * When a read shows the run ended, the last entries are read at once (at most
 * {@value LiveLog#MAX_CATCH_UP_PAGES} pages), then one plain read gets the pull requests, which the
 * logs answer lacks. A logs endpoint that is missing or refused is tried once: that read is repeated
 * at once as a plain read, and so are all later ones.
 *
 * <p>Never more than one read of a run is in flight, so its fields change on one thread at a time;
 * {@link #finish} is synchronized because a cancel may come from any thread.
 */
final class RunWait {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USER_AGENT = "codegen-jenkins-watcher/1";
    private static final Duration NEVER = Duration.ofDays(36_500);

    private final WatchState state;
    private final String token;
    private final ProgressListener listener;
    private final HttpClient client;
    private final ProxyAuthorization proxyAuthorization;
    private final WatchScheduler scheduler;
    private final PollPolicy poll;
    private final Duration requestTimeout;
    private final OrganizationBudget budget;
    private final ApiFailures failures;
    private final URI uri;
    private final LiveLog liveLog;
    private final long startedRealNanos = System.nanoTime();
    private final long deadlineNanos;
    private final CompletableFuture<TaskResult> result = new CompletableFuture<>();
    private final Set<String> reportedUnknown = new HashSet<>();
    private final Consumer<RunWait> onEnd;

    // Written by one read's handling at a time; volatile because a cancel on another thread reports them.
    private boolean seen;
    private volatile String status;
    private volatile String webUrl;
    private long changedAt;
    private long floorNanos;
    private int transientFailures;
    private volatile int reads;
    private boolean done;
    /** Which read comes next; a read that fails is repeated in the same phase. */
    private Phase phase = Phase.FOLLOW;
    private int catchUpPages;
    /** Whether the read in flight is a logs read. */
    private boolean readingLog;

    /** Where the wait is. */
    private enum Phase {
        /** The run works: reads of its log (or plain reads) at the adaptive interval. */
        FOLLOW,
        /** It ended: its last log entries, page after page, at once. */
        CATCH_UP,
        /** It ended and its log was read: one plain read for the pull requests. */
        FINAL
    }

    RunWait(WatchState state, String token, ProgressListener listener, Watcher.Engine engine,
            Consumer<RunWait> onEnd) {
        this.state = state;
        this.token = token;
        this.listener = listener;
        this.client = engine.client();
        this.proxyAuthorization = engine.proxyAuthorization();
        this.scheduler = engine.scheduler();
        this.poll = engine.poll();
        this.requestTimeout = engine.requestTimeout();
        this.budget = engine.budgets().budget(state.apiUrl(), state.orgId());
        this.onEnd = onEnd;
        String path = "/v1/organizations/" + state.orgId() + "/agent/run/" + state.runId();
        this.failures = new ApiFailures(path, state.orgId(), state.runId(), SecretMasker.of(token));
        this.uri = URI.create(state.apiUrl().replaceAll("/+$", "") + path);
        this.liveLog = new LiveLog(state.apiUrl().replaceAll("/+$", ""), state.orgId(), state.runId(),
                SecretMasker.of(token));
        WatchClock clock = scheduler.clock();
        Duration remaining = Duration.between(clock.instant(), state.deadline());
        // A deadline centuries away is "never" and must not overflow the clock's nanoseconds.
        this.deadlineNanos = clock.nanoTime() + (remaining.compareTo(NEVER) > 0 ? NEVER : remaining).toNanos();
    }

    CompletableFuture<TaskResult> result() {
        return result;
    }

    void start() {
        budget.enter();
        CodegenException refused = TokenCheck.refusal(token);
        if (refused != null) {
            finish(failure(refused));
            return;
        }
        scheduler.after(0, this::read);
    }

    private void read() {
        if (!isDone()) {
            scheduler.send(this::send);
        }
    }

    /** One read, within the scheduler's window of requests in flight. */
    private void send() {
        if (isDone()) {
            scheduler.sent();
            return;
        }
        reads++;
        readingLog = phase != Phase.FINAL && liveLog.available();
        URI target = readingLog ? liveLog.nextPage() : uri;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target).GET().timeout(requestTimeout)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .header("User-Agent", USER_AGENT);
            proxyAuthorization.headerFor(target).ifPresent(value -> builder.header("Proxy-Authorization", value));
            HttpRequest request = builder.build();
            // The answer is handled on the watcher's pool. Where the JDK's common pool has one thread (two CPUs or
            // fewer), the client completes each exchange on a new short-lived thread of its own; handing over at once
            // keeps those threads alive for microseconds, not for the handling.
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenCompleteAsync((response, failure) -> {
                try {
                    if (!isDone()) {
                        answer(response, failure);
                    }
                } catch (RuntimeException e) {
                    internalFailure(e);
                } finally {
                    scheduler.sent();
                }
            }, scheduler.pool());
        } catch (RuntimeException e) {
            internalFailure(e);
            scheduler.sent();
        }
    }

    /** A bug, or a request the client refused to build, must still end the wait, never leave it hanging. */
    private void internalFailure(RuntimeException e) {
        finish(failure(CodegenException.builder(ErrorType.UNKNOWN, SecretMasker.of(token).mask(
                "The watcher failed while reading agent run " + state.runId() + ": " + e))
                .runId(state.runId()).webUrl(webUrl).build()));
    }

    private void answer(HttpResponse<byte[]> response, Throwable failure) {
        if (failure != null) {
            retryOrEnd(failures.transport(unwrap(failure), webUrl), null);
            return;
        }
        int code = response.statusCode();
        if (readingLog && LiveLog.unavailable(code)) {
            withoutLiveLog("the logs endpoint answered HTTP " + code);
            return;
        }
        if (code >= 200 && code < 300) {
            if (readingLog) {
                logPage(response);
            } else {
                running(response);
            }
            return;
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                scheduler.clock().instant()).orElse(null);
        CodegenException error = failures.http(code, response.body(), retryAfter, webUrl);
        if (ApiFailures.isTransient(error)) {
            retryOrEnd(error, retryAfter);
        } else {
            finish(failure(error));
        }
    }

    /**
     * The logs endpoint is missing or refused: said once, and this same read repeated at once as a
     * plain read, so that no poll is lost; every later read is plain.
     */
    private void withoutLiveLog(String reason) {
        liveLog.disable();
        progress(Progress.Kind.BRIDGE, "The agent's live log is not available (" + reason
                + "); following the run's status only");
        scheduler.after(0, this::read);
    }

    /** A page of the run's log: its new entries, then what its status means, as a plain read's would. */
    private void logPage(HttpResponse<byte[]> response) {
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        List<AgentLogEntry> entries = liveLog.read(body);
        if (entries == null) {
            withoutLiveLog("its answer was not a page of log entries");
            return;
        }
        transientFailures = 0;
        AgentRun run = RunReader.read(body);
        // The run found first; a status change after the entries that led to it, as the bridge reports them.
        boolean first = !seen;
        if (first && phase == Phase.FOLLOW) {
            observe(run);
        }
        for (AgentLogEntry entry : entries) {
            listener(Progress.ofAgentLog(entry, state.runId(), WaitResults.link(webUrl)));
        }
        if (!first && phase == Phase.FOLLOW) {
            observe(run);
        }
        if (phase == Phase.FOLLOW && RunStatusKind.of(status) == RunStatusKind.RUNNING) {
            next(); // a full page is not read again at once: the next poll catches up
            return;
        }
        // The run ended: its last entries at once, then the plain read for its pull requests.
        if (phase == Phase.CATCH_UP) {
            catchUpPages++;
        }
        phase = liveLog.moreWaiting() && catchUpPages < LiveLog.MAX_CATCH_UP_PAGES ? Phase.CATCH_UP : Phase.FINAL;
        scheduler.after(0, this::read);
    }

    private void running(HttpResponse<byte[]> response) {
        AgentRun run;
        try {
            JsonNode body = MAPPER.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw new IOException("not an object");
            }
            run = RunReader.read(body);
        } catch (IOException e) {
            retryOrEnd(failures.malformed(response.statusCode(), response.body().length == 0, webUrl), null);
            return;
        }
        transientFailures = 0;
        observe(run);
        RunStatusKind kind = RunStatusKind.of(status);
        if (kind == RunStatusKind.SUCCESS) {
            finish(WaitResults.success(run, elapsed(), reads));
        } else if (kind == RunStatusKind.FAILURE) {
            finish(failure(taskFailed(run)));
        } else {
            phase = Phase.FOLLOW; // working again (a follow-up came in between): follow on
            next();
        }
    }

    /** Records what the read showed and tells the listener about a change. */
    private void observe(AgentRun run) {
        long now = scheduler.nanoTime();
        if (run.webUrl() != null) {
            webUrl = run.webUrl();
        }
        if (!seen) {
            seen = true;
            status = run.status();
            changedAt = now;
            progress(Progress.Kind.RUN_CREATED, "Following agent run " + state.runId() + link());
        } else if (!Objects.equals(status, run.status())) {
            progress(Progress.Kind.STATUS, "Agent run " + state.runId() + ": " + status + " -> " + run.status());
            status = run.status();
            changedAt = now;
        }
        if (RunStatusKind.isUnknown(status) && reportedUnknown.add(status.strip().toUpperCase(Locale.ROOT))) {
            progress(Progress.Kind.BRIDGE, "Warning: agent run " + state.runId() + " has status '" + status
                    + "', which the watcher does not know; it keeps waiting for a final status");
        }
    }

    /** Still running: the next read after the adaptive interval, or the end at the deadline. */
    private void next() {
        long now = scheduler.nanoTime();
        long remaining = deadlineNanos - now;
        if (remaining <= 0) {
            finish(failure(timedOut()));
            return;
        }
        long floor = Math.max(floorNanos, budget.minPollInterval().toNanos());
        scheduler.after(Math.min(poll.nextNanos(now - changedAt, floor), remaining), this::read);
    }

    /**
     * A read that may succeed later: a 429 waits for what the API asked (at least the interval) or
     * backs off; 5xx, timeouts and dropped connections back off. Until the deadline; after it, the
     * last failure is the answer (the run's end is unknown, and why is more useful than "timeout").
     */
    private void retryOrEnd(CodegenException error, Duration retryAfter) {
        long remaining = deadlineNanos - scheduler.nanoTime();
        transientFailures++;
        long wait = retryAfter != null ? Math.max(retryAfter.toNanos(), poll.interval().toNanos())
                : poll.backoffNanos(transientFailures);
        boolean rateLimited = error.getErrorType() == ErrorType.RATE_LIMIT;
        if (remaining <= 0 || (rateLimited && wait >= remaining)) {
            finish(failure(error));
            return;
        }
        if (retryAfter != null) {
            floorNanos = Math.max(floorNanos, wait);
        }
        String seconds = String.format(Locale.ROOT, "%.1f", wait / 1e9);
        if (rateLimited) {
            progress(Progress.Kind.BRIDGE, "The Codegen API asked to slow down; waiting " + seconds + " s");
        } else {
            progress(Progress.Kind.RETRY, "Reading agent run " + state.runId() + " failed ("
                    + error.getErrorType().wireName() + ": " + error.getMessage() + "); trying again in " + seconds
                    + " s", error.getErrorType());
        }
        scheduler.after(Math.min(wait, remaining), this::read);
    }

    private CodegenException taskFailed(AgentRun run) {
        String explanation = run.result() != null && !run.result().isEmpty() ? run.result()
                : run.summary() != null && !run.summary().isEmpty() ? run.summary() : "no explanation given";
        return CodegenException.builder(ErrorType.TASK_FAILED, SecretMasker.of(token).mask("agent run "
                        + state.runId() + " ended with status " + status + ": " + explanation))
                .guidance(WatchGuidance.taskFailed(webUrl)).retryable(false).phase(ApiFailures.PHASE)
                .runId(state.runId()).webUrl(webUrl).createOutcome(CreateOutcome.CREATED).build();
    }

    private CodegenException timedOut() {
        return CodegenException.builder(ErrorType.TIMEOUT, "agent run " + state.runId()
                        + " did not finish by the deadline, " + state.deadline() + " (last status " + status
                        + "); it may still be working: " + WatchGuidance.page(webUrl))
                .guidance(WatchGuidance.timeout(webUrl)).retryable(false).phase(ApiFailures.PHASE)
                .runId(state.runId()).webUrl(webUrl).createOutcome(CreateOutcome.CREATED).build();
    }

    /** Ends the wait at once; the run itself is not touched (the API has no way to stop it). */
    TaskResult cancel() {
        String message = "Aborted. Agent run " + state.runId() + " may still be working: " + WatchGuidance.page(webUrl);
        CodegenException aborted = CodegenException.builder(ErrorType.ABORTED, message).runId(state.runId())
                .webUrl(webUrl).build();
        finish(WaitResults.failure(aborted, state.runId(), webUrl, status, elapsed(), reads), Progress.Kind.ABORTED,
                message);
        return result.join();
    }

    private TaskResult failure(CodegenException error) {
        return WaitResults.failure(error, state.runId(), webUrl, status, elapsed(), reads);
    }

    private void finish(TaskResult outcome) {
        if (outcome.succeeded()) {
            finish(outcome, Progress.Kind.SUCCEEDED, pullRequestLine(outcome));
        } else {
            finish(outcome, Progress.Kind.FAILED, "[" + outcome.errorType().wireName() + "] "
                    + Sentence.withGuidance(outcome.errorMessage(), outcome.guidance()));
        }
    }

    private boolean finish(TaskResult ended, Progress.Kind kind, String message) {
        synchronized (this) {
            if (done) {
                return false;
            }
            done = true;
        }
        TaskResult outcome = ended.withAgentLog(liveLog.entries());
        budget.leave();
        onEnd.accept(this);
        try {
            listener.onProgress(new Progress(kind, message, state.runId(), outcome.webUrl(), null,
                    outcome.errorType()));
        } finally {
            result.complete(outcome);
        }
        return true;
    }

    private synchronized boolean isDone() {
        return done;
    }

    private static String pullRequestLine(TaskResult outcome) {
        return outcome.prUrl() != null
                ? "Pull request " + (outcome.prNumber() != null ? "#" + outcome.prNumber() + " " : "") + "opened: "
                        + outcome.prUrl() + " (agent run " + outcome.runId() + ")"
                : "Agent run " + outcome.runId() + " completed without opening a pull request";
    }

    private void progress(Progress.Kind kind, String message) {
        progress(kind, message, null);
    }

    private void progress(Progress.Kind kind, String message, ErrorType type) {
        listener(new Progress(kind, message, state.runId(), WaitResults.link(webUrl), null, type));
    }

    private void listener(Progress progress) {
        try {
            listener.onProgress(progress);
        } catch (RuntimeException e) {
            // A listener's failure (a closed console) must not end the wait.
        }
    }

    private String link() {
        String page = WaitResults.link(webUrl);
        return page == null ? "" : ": " + page;
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedRealNanos);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
