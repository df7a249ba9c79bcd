package io.jenkins.plugins.codegen.watch;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watcher reads a working run through its log, against the loopback simulator: the agent's
 * entries reach the listener as they come, at no extra read while the run works; a simulator without
 * the logs endpoint makes it fall back, once, to plain reads.
 */
class WatcherLiveLogTest {
    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    @RegisterExtension
    static final SimulatorExtension NO_LOGS = new SimulatorExtension(SimulatorOptions.DEFAULT.withoutLogsEndpoint());

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

    private TaskResult await(SimulatorExtension sim, String spec, long runId) throws Exception {
        return watcher.await(watcher.stateFor(sim.url(spec), 1, runId, Duration.ofMinutes(30)), SimulatedRuns.TOKEN,
                progress::add);
    }

    private List<Progress> of(Progress.Kind kind) {
        return progress.stream().filter(p -> p.kind() == kind).toList();
    }

    @Test
    void theAgentsEntriesReachTheListenerInOrderAndTheResultKeepsThem() throws Exception {
        String spec = unique("polls=4");
        long runId = SimulatedRuns.create(SIM.url(spec));

        TaskResult result = await(SIM, spec, runId);

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        List<AgentLogEntry> shown = of(Progress.Kind.AGENT_LOG).stream().map(p -> p.agentLog().orElseThrow()).toList();
        Map<String, Object> run = SIM.runs(spec).get(0);
        assertThat(shown).hasSize((Integer) run.get("log_entries")).isEqualTo(result.agentLog());
        assertThat(shown).extracting(AgentLogEntry::index).isSorted().doesNotHaveDuplicates().startsWith(0);
        assertThat(shown.get(shown.size() - 1).messageType()).isEqualTo("FINAL_ANSWER");
        assertThat(of(Progress.Kind.AGENT_LOG)).allSatisfy(p -> {
            assertThat(p.message()).startsWith("[agent] ").isEqualTo(p.agentLog().orElseThrow().consoleLine());
            assertThat(p.runId()).isEqualTo(runId);
        });
        // The entries came while the run worked, not all at its end: some before the status changed to COMPLETE.
        int firstEntry = progress.indexOf(of(Progress.Kind.AGENT_LOG).get(0));
        int end = progress.indexOf(of(Progress.Kind.STATUS).get(of(Progress.Kind.STATUS).size() - 1));
        assertThat(firstEntry).isLessThan(end);
        assertThat(result.toMap()).containsEntry("agentLogEntries", shown.size());
        assertThat(run.get("logs")).isEqualTo(4);
        assertThat(run.get("gets")).isEqualTo(1);
    }

    @Test
    void withoutTheLogsEndpointTheWaitFallsBackOnceToPlainReadsAndLosesNoPoll() throws Exception {
        String spec = unique("polls=4");
        long runId = SimulatedRuns.create(NO_LOGS.url(spec));

        TaskResult result = await(NO_LOGS, spec, runId);

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(result.prUrl()).isNotNull();
        assertThat(of(Progress.Kind.BRIDGE)).extracting(Progress::message).containsExactly(
                "The agent's live log is not available (the logs endpoint answered HTTP 404); following the run's "
                        + "status only");
        assertThat(of(Progress.Kind.AGENT_LOG)).isEmpty();
        assertThat(result.agentLog()).isEmpty();
        Map<String, Object> run = NO_LOGS.runs(spec).get(0);
        assertThat(run.get("gets")).isEqualTo(4);
        assertThat(run.get("logs")).isEqualTo(0);
        // The refused logs read, then the four plain reads: the first of them at once, in the same poll.
        assertThat(result.apiRequests()).isEqualTo(5);
        assertThat(clock.seconds()).isEqualTo(15.0);
    }

    @Test
    void aLiveLogCostsTheSameReadsAsPlainPollingPlusTheFinalPlainRead() throws Exception {
        String spec = unique("polls=6");
        long withLog = SimulatedRuns.create(SIM.url(spec));
        TaskResult live = await(SIM, spec, withLog);
        double liveSeconds = clock.seconds();
        String plainSpec = unique("polls=6;logs_endpoint=false");
        long without = SimulatedRuns.create(SIM.url(plainSpec));
        FakeWatchClock plainClock = new FakeWatchClock();
        TaskResult plain;
        try (Watcher plainWatcher = Watcher.builder().clock(plainClock).budgets(Budgets.UNLIMITED).build()) {
            plain = plainWatcher.await(plainWatcher.stateFor(SIM.url(plainSpec), 1, without, Duration.ofMinutes(30)),
                    SimulatedRuns.TOKEN, p -> { });
        }

        assertThat(live.succeeded()).isTrue();
        assertThat(plain.succeeded()).isTrue();
        Map<String, Object> liveRun = SIM.runs(spec).get(0);
        Map<String, Object> plainRun = SIM.runs(plainSpec).get(0);
        // The status reads are the same: six, of the log in one case and plain in the other; then one plain read.
        assertThat((Integer) liveRun.get("logs") + (Integer) liveRun.get("gets")).isEqualTo(7);
        assertThat(plainRun.get("gets")).isEqualTo(6);
        assertThat(live.apiRequests()).isEqualTo(7);
        // Nor does the poll go faster: new entries do not reset the adaptive interval.
        assertThat(liveSeconds).isEqualTo(plainClock.seconds());
    }
}
