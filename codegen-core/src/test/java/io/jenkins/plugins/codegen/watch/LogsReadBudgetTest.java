package io.jenkins.plugins.codegen.watch;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.OrganizationBudget;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The logs endpoint allows 60 requests per 60 seconds (the API contract's summary,
 * api-shapes/logs-and-resume.json), half the rate of the run endpoint. Many runs followed at once
 * share their organization's budget, so that together they stay within it instead of meeting 429s.
 */
class LogsReadBudgetTest {
    private static final int RUNS = 12;
    private static final long WINDOW = Duration.ofSeconds(60).toNanos();

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    /** The most requests in any 60 seconds, as a sliding-window limit counts them. */
    private static int busiestMinute(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int most = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (sorted.get(first) <= sorted.get(last) - WINDOW) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    @Test
    void manyRunsFollowedAtOnceReadTheirLogsAtMostSixtyTimesAMinute() throws Exception {
        FakeWatchClock clock = new FakeWatchClock();
        List<Long> logsReads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allStarted = new CountDownLatch(1);
        // Called for every request the watcher's client sends: it notes the logs reads on the watcher's clock,
        // and holds the first ones until every wait has joined the budget, as waits of a busy controller have.
        ProxySelector recorder = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                try {
                    allStarted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (uri.getPath().endsWith("/logs")) {
                    logsReads.add(clock.nanoTime());
                }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        };
        OrganizationBudget shared = OrganizationBudget.of("http://budget-test/" + UUID.randomUUID(), 1, 1.0);
        List<Watch> watches = new ArrayList<>();
        try (Watcher watcher = Watcher.builder().clock(clock).budgets((api, org) -> shared).proxy(recorder, null)
                .build()) {
            for (int i = 0; i < RUNS; i++) {
                String spec = unique("polls=100000");
                long runId = SimulatedRuns.create(SIM.url(spec));
                watches.add(watcher.watch(watcher.stateFor(SIM.url(spec), 1, runId, Duration.ofMinutes(5)),
                        SimulatedRuns.TOKEN, ProgressListener.NONE));
            }
            allStarted.countDown();
            for (Watch watch : watches) {
                TaskResult result = watch.await();
                assertThat(result.errorType()).as(result.errorMessage()).isEqualTo(ErrorType.TIMEOUT);
            }
        }

        assertThat(logsReads).as("the runs were followed through their logs").hasSizeGreaterThan(RUNS * 4);
        assertThat(busiestMinute(logsReads)).isLessThanOrEqualTo(60);
    }
}
