package io.jenkins.plugins.codegen.watch;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskAbortedException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.SwitchingProxy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watcher against the loopback simulator, whose OpenAPI-shaped answers are the contract the
 * bridge is tested against too. A fake clock jumps to each due read, so minutes of polling take
 * milliseconds and no assertion depends on timing.
 */
class WatcherTest {
    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private final FakeWatchClock clock = new FakeWatchClock();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private Watcher watcher;

    @BeforeEach
    void start() {
        watcher = Watcher.builder().clock(clock).budgets(Budgets.UNLIMITED).requestTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stop() {
        watcher.close();
    }

    private long create(String spec) throws Exception {
        return SimulatedRuns.create(SIM.url(spec));
    }

    private TaskResult await(String watchSpec, long runId, Duration timeout) throws Exception {
        return watcher.await(watcher.stateFor(SIM.url(watchSpec), 1, runId, timeout), SimulatedRuns.TOKEN,
                progress::add);
    }

    private Map<String, Object> record(String spec) throws Exception {
        return SIM.runs(spec).get(0);
    }

    private List<String> messages(Progress.Kind kind) {
        return progress.stream().filter(p -> p.kind() == kind).map(Progress::message).toList();
    }

    @Test
    void aCompletedRunGivesItsPullRequestLikeAWaitingTask() throws Exception {
        String spec = unique("polls=3;statuses=QUEUED,ACTIVE");
        long runId = create(spec);
        TaskResult result = await(spec, runId, Duration.ofMinutes(30));

        Map<String, Object> run = record(spec);
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.prUrl()).isEqualTo(run.get("pull_request_url")).startsWith("https://github.com/acme/webapp/pull/");
        assertThat(result.prNumber()).isEqualTo(Integer.valueOf(result.prUrl().replaceAll(".*/", "")));
        assertThat(result.prTitle()).isEqualTo("Add input validation");
        assertThat(result.branch()).isEqualTo("codegen/run-" + runId);
        assertThat(result.runId()).isEqualTo(runId);
        assertThat(result.webUrl()).endsWith("/agent/trace/" + runId);
        assertThat(result.runStatus()).isEqualTo("COMPLETE");
        // Three reads of the run's log, the third showing it ended, then the plain read for its pull request.
        assertThat(result.apiRequests()).isEqualTo(4);
        assertThat(run.get("logs")).isEqualTo(3);
        assertThat(run.get("gets")).isEqualTo(1);
        assertThat(result.toMap()).containsEntry("status", "SUCCEEDED").containsEntry("backend", "watcher");
        assertThat(messages(Progress.Kind.RUN_CREATED)).containsExactly("Following agent run " + runId + ": "
                + result.webUrl());
        assertThat(messages(Progress.Kind.STATUS)).containsExactly("Agent run " + runId + ": QUEUED -> ACTIVE",
                "Agent run " + runId + ": ACTIVE -> COMPLETE");
        assertThat(progress.get(progress.size() - 1).kind()).isEqualTo(Progress.Kind.SUCCEEDED);
        // The first read at once, then every 5 s while the status is young.
        assertThat(clock.seconds()).isEqualTo(10.0);
    }

    @Test
    void aFailedRunEndsWithTaskFailedAndWhereToLook() throws Exception {
        String spec = unique("failed;polls=2");
        long runId = create(spec);
        TaskResult result = await(spec, runId, Duration.ofMinutes(30));

        assertThat(result.errorType()).isEqualTo(ErrorType.TASK_FAILED);
        assertThat(result.runStatus()).isEqualTo("FAILED");
        assertThat(result.errorMessage()).startsWith("agent run " + runId + " ended with status FAILED: ");
        assertThat(result.guidance()).isEqualTo("Open " + result.webUrl()
                + " to see what the agent did; adjust the task and run again.");
        assertThat(result.prUrl()).isNull();
    }

    @Test
    void aRunThatOutlivesTheDeadlineEndsWithTimeoutNamingItAndItsLink() throws Exception {
        String spec = unique("polls=100000");
        long runId = create(spec);
        TaskResult result = await(spec, runId, Duration.ofMinutes(10));

        assertThat(result.errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(result.errorMessage()).contains("agent run " + runId, result.webUrl(), "last status ACTIVE",
                "may still be working");
        assertThat(result.guidance()).isEqualTo("Raise the timeout, or follow the run at " + result.webUrl()
                + "; it may still finish.");
        assertThat(result.retryable()).isFalse();
        // Ten minutes of the adaptive poll: the bridge's figure (docs/performance.md), not 120.
        assertThat(result.apiRequests()).isBetween(30, 40);
        assertThat(clock.seconds()).isEqualTo(600.0);
    }

    @Test
    void aRateLimitedReadWaitsWhatRetryAfterAsksAndLaterReadsStaySlower() throws Exception {
        String spec = unique("polls=3");
        long runId = create(spec);
        TaskResult result = await(unique("fault=429;phase=logs;retry_after=30;times=1"), runId,
                Duration.ofMinutes(30));

        assertThat(result.succeeded()).isTrue();
        assertThat(messages(Progress.Kind.BRIDGE)).containsExactly("The Codegen API asked to slow down; waiting 30.0 s");
        // 429 at 0 s, reads at 30 s and, no faster than the API asked, 60 s and 90 s.
        assertThat(clock.seconds()).isEqualTo(90.0);
        assertThat(record(spec).get("logs")).isEqualTo(3);
        assertThat(record(spec).get("gets")).isEqualTo(1);
    }

    @Test
    void aRateLimitWithoutRetryAfterBacksOff() throws Exception {
        String spec = unique("polls=1");
        long runId = create(spec);
        TaskResult result = await(unique("fault=429_no_retry_after;phase=logs;times=3"), runId,
                Duration.ofMinutes(30));

        assertThat(result.succeeded()).isTrue();
        assertThat(messages(Progress.Kind.BRIDGE)).containsExactly(
                "The Codegen API asked to slow down; waiting 5.0 s",
                "The Codegen API asked to slow down; waiting 10.0 s",
                "The Codegen API asked to slow down; waiting 20.0 s");
        assertThat(result.apiRequests()).isEqualTo(5);
    }

    @Test
    void aRateLimitThatOutlastsTheDeadlineEndsAsRateLimit() throws Exception {
        long runId = create(unique("polls=1"));
        TaskResult result = await(unique("fault=429;phase=logs;retry_after=3600;times=all"), runId,
                Duration.ofMinutes(30));

        assertThat(result.errorType()).isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(result.errorMessage()).contains("HTTP 429 - Rate limit exceeded");
        assertThat(result.runId()).isEqualTo(runId);
    }

    @Test
    void serverErrorsAndDroppedConnectionsAreRetriedUntilTheRunEnds() throws Exception {
        for (String fault : List.of("500", "502", "503", "drop_before", "drop_after", "malformed", "empty")) {
            progress.clear();
            String spec = unique("polls=2");
            long runId = create(spec);
            // Log reads and the plain read fail alike; a logs answer that is no logs page is the fallback's (below).
            String phase = fault.equals("malformed") || fault.equals("empty") ? "poll" : "logs";
            TaskResult result = await(unique("fault=" + fault + ";phase=" + phase + ";times=2"), runId,
                    Duration.ofMinutes(30));

            assertThat(result.succeeded()).as(fault).isTrue();
            if (fault.startsWith("drop")) {
                // The JDK's client itself sends a GET again once when a kept-alive connection closes unanswered,
                // so one or both drops reach the watcher.
                assertThat(messages(Progress.Kind.RETRY)).as(fault).hasSizeBetween(1, 2)
                        .allSatisfy(m -> assertThat(m).startsWith("Reading agent run " + runId + " failed (connection: "));
            } else {
                assertThat(messages(Progress.Kind.RETRY)).as(fault).hasSize(2)
                        .allSatisfy(m -> assertThat(m).startsWith("Reading agent run " + runId + " failed (server: "));
                // Two log reads (the second shows the end) and the plain read, besides the two that failed.
                assertThat(result.apiRequests()).as(fault).isEqualTo(5);
            }
        }
    }

    @Test
    void anApiThatKeepsFailingEndsAtTheDeadlineWithTheLastFailure() throws Exception {
        long runId = create(unique("polls=1"));
        TaskResult result = await(unique("fault=503;phase=any;times=all"), runId, Duration.ofMinutes(5));

        assertThat(result.errorType()).isEqualTo(ErrorType.SERVER);
        assertThat(result.errorMessage()).startsWith("GET /v1/organizations/1/agent/run/" + runId + ": HTTP 503");
        assertThat(result.guidance()).isEqualTo(ErrorType.SERVER.defaultGuidance());
        assertThat(clock.seconds()).isEqualTo(300.0);
    }

    @Test
    void aTokenRejectedInTheMiddleOfTheWaitEndsItWithAuthentication() throws Exception {
        String spec = unique("polls=100;statuses=QUEUED,ACTIVE");
        long runId = create(spec);
        try (SwitchingProxy proxy = new SwitchingProxy("auth_401", 4);
             Watcher proxied = Watcher.builder().clock(clock).budgets(Budgets.UNLIMITED)
                     .proxy(proxy.selector(), null).build()) {
            TaskResult result = proxied.await(proxied.stateFor(SIM.url(spec), 1, runId, Duration.ofMinutes(30)),
                    SimulatedRuns.TOKEN, progress::add);

            assertThat(proxy.forwarded()).isEqualTo(4);
            assertThat(messages(Progress.Kind.STATUS)).containsExactly("Agent run " + runId + ": QUEUED -> ACTIVE");
            assertThat(result.errorType()).isEqualTo(ErrorType.AUTHENTICATION);
            assertThat(result.errorMessage()).startsWith("GET /v1/organizations/1/agent/run/" + runId + ": HTTP 401");
            assertThat(result.guidance()).isEqualTo(ErrorType.AUTHENTICATION.defaultGuidance());
            assertThat(result.runId()).isEqualTo(runId);
            assertThat(result.apiRequests()).isEqualTo(4);
        }
    }

    @Test
    void aCancelledWaitEndsAtOnceSayingTheRunMayStillWork() throws Exception {
        String spec = unique("polls=100000");
        long runId = create(spec);
        CountDownLatch following = new CountDownLatch(1);
        // The real clock: the next read is 5 s away when the cancel comes.
        try (Watcher real = Watcher.builder().budgets(Budgets.UNLIMITED).build()) {
            Watch watch = real.watch(real.stateFor(SIM.url(spec), 1, runId, Duration.ofHours(1)), SimulatedRuns.TOKEN,
                    p -> {
                        progress.add(p);
                        if (p.kind() == Progress.Kind.RUN_CREATED) {
                            following.countDown();
                        }
                    });
            following.await();
            TaskResult result = watch.cancel();

            assertThat(watch.isDone()).isTrue();
            assertThat(result.errorType()).isEqualTo(ErrorType.ABORTED);
            assertThat(result.errorMessage()).isEqualTo("Aborted. Agent run " + runId + " may still be working: "
                    + result.webUrl());
            assertThat(result.guidance()).isEqualTo(ErrorType.ABORTED.defaultGuidance());
            assertThat(progress.get(progress.size() - 1).kind()).isEqualTo(Progress.Kind.ABORTED);
            assertThat(watch.cancel()).isSameAs(result);
            assertThat(real.activeWaits()).isZero();
        }
    }

    @Test
    void anInterruptedAwaitCancelsTheWaitAndCarriesTheAbortedResult() throws Exception {
        long runId = create(unique("polls=100000"));
        try (Watcher real = Watcher.builder().budgets(Budgets.UNLIMITED).build()) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> real.await(real.stateFor(SIM.url(unique("x")), 1, runId, Duration.ofHours(1)),
                    SimulatedRuns.TOKEN, ProgressListener.NONE))
                    .isInstanceOfSatisfying(TaskAbortedException.class, e -> {
                        assertThat(e.getMessage()).contains("Agent run " + runId + " may still be working");
                        assertThat(e.partialResult().errorType()).isEqualTo(ErrorType.ABORTED);
                    });
            assertThat(real.activeWaits()).isZero();
        }
    }

    @Test
    void aForeignRunOrOrganizationEndsAtOnceWithTheBridgesGuidance() throws Exception {
        TaskResult missing = await(unique("success"), 987654, Duration.ofMinutes(30));
        assertThat(missing.errorType()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(missing.guidance()).isEqualTo(
                "The agent run does not exist in organization 1. Check the run id and organization id.");
        // The logs endpoint's 404 may mean a missing endpoint: the plain read, at once, tells.
        assertThat(missing.apiRequests()).isEqualTo(2);

        long runId = create(unique("polls=1"));
        TaskResult foreign = watcher.await(watcher.stateFor(SIM.url(unique("success")), 999, runId,
                Duration.ofMinutes(30)), SimulatedRuns.TOKEN, progress::add);
        assertThat(foreign.errorType()).isEqualTo(ErrorType.PERMISSION);
        assertThat(foreign.guidance()).contains("not a member of organization 999");
    }

    @Test
    void aMissingOrMangledTokenIsRefusedBeforeAnyRequestInTheBridgesWords() throws Exception {
        String spec = unique("polls=1");
        long runId = create(spec);
        for (String token : new String[] {"", SimulatedRuns.TOKEN + "\n", "two words"}) {
            TaskResult result = watcher.await(watcher.stateFor(SIM.url(spec), 1, runId, Duration.ofMinutes(30)), token,
                    progress::add);
            assertThat(result.errorType()).isEqualTo(ErrorType.AUTHENTICATION);
            assertThat(result.apiRequests()).isZero();
            assertThat(result.guidance()).contains("CODEGEN_TOKEN");
        }
        assertThat(record(spec).get("gets")).isEqualTo(0);
    }

    @Test
    void closingTheWatcherEndsItsWaitsAsAborted() throws Exception {
        long runId = create(unique("polls=100000"));
        Watcher closing = Watcher.builder().budgets(Budgets.UNLIMITED).build();
        Watch watch = closing.watch(closing.stateFor(SIM.url(unique("x")), 1, runId, Duration.ofHours(1)),
                SimulatedRuns.TOKEN, progress::add);
        closing.close();

        assertThat(watch.isDone()).isTrue();
        assertThat(watch.await().errorType()).isEqualTo(ErrorType.ABORTED);
        assertThat(closing.activeWaits()).isZero();
    }

    @Test
    void twoHundredRunsAtOnceAllEndWithTheirOwnPullRequestOnAFewThreads() throws Exception {
        int runs = 200;
        String batch = "batch-" + System.nanoTime();
        List<Long> ids = new ArrayList<>();
        List<Integer> polls = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            int p = 1 + i % 12;
            polls.add(p);
            ids.add(create("polls=" + p + ";id=" + batch + "-" + i));
        }
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Watch> watches = new ArrayList<>();
        int peakThreads = 0;
        for (int i = 0; i < runs; i++) {
            watches.add(watcher.watch(watcher.stateFor(SIM.url(unique("success")), 1, ids.get(i),
                    Duration.ofHours(1)), SimulatedRuns.TOKEN, progress::add));
            peakThreads = Math.max(peakThreads, ManagementFactory.getThreadMXBean().getThreadCount());
        }
        List<TaskResult> results = new ArrayList<>();
        for (Watch watch : watches) {
            results.add(watch.await());
            peakThreads = Math.max(peakThreads, ManagementFactory.getThreadMXBean().getThreadCount());
        }

        assertThat(results).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
        for (int i = 0; i < runs; i++) {
            assertThat(results.get(i).runId()).isEqualTo(ids.get(i));
            assertThat(results.get(i).apiRequests()).isEqualTo(polls.get(i) + 1);
        }
        assertThat(results.stream().map(TaskResult::prNumber).distinct()).hasSize(runs);
        // The watcher's own threads existed before the first wait: 200 runs add none, bar the HTTP client's.
        assertThat(peakThreads - threadsBefore).isLessThanOrEqualTo(8);
        assertThat(watcherThreads()).isEqualTo(1 + Watcher.DEFAULT_THREADS);
        assertThat(watcher.activeWaits()).isZero();
    }

    private static long watcherThreads() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(t -> t.getThreadName().startsWith("codegen-watch"))
                .count();
    }
}
