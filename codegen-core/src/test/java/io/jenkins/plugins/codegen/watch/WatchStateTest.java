package io.jenkins.plugins.codegen.watch;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What survives a controller restart is the state; a wait started from it goes on from the run id. */
class WatchStateTest {
    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static WatchState roundTrip(WatchState state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (WatchState) in.readObject();
        }
    }

    @Test
    void aWaitResumedFromItsSerializedStateEndsWithTheRunsResult() throws Exception {
        String spec = unique("polls=4");
        long runId = SimulatedRuns.create(SIM.url(spec));
        FakeWatchClock clock = new FakeWatchClock();
        WatchState saved;
        try (Watcher before = Watcher.builder().clock(clock).budgets(Budgets.UNLIMITED).build()) {
            Watch first = before.watch(before.stateFor(SIM.url(spec), 1, runId, Duration.ofMinutes(30)),
                    SimulatedRuns.TOKEN, ProgressListener.NONE);
            saved = roundTrip(first.state());
            first.cancel();
        }
        assertThat(saved).isEqualTo(new WatchState(SIM.url(spec), 1, runId, FakeWatchClock.ORIGIN.plus(Duration.ofMinutes(30))));
        assertThat(saved.toString()).doesNotContain(SimulatedRuns.TOKEN);

        try (Watcher after = Watcher.builder().clock(clock).budgets(Budgets.UNLIMITED).build()) {
            TaskResult result = after.await(saved, SimulatedRuns.TOKEN, ProgressListener.NONE);
            assertThat(result.succeeded()).isTrue();
            assertThat(result.runId()).isEqualTo(runId);
        }
    }

    @Test
    void aDeadlineThatPassedWhileDownGivesOneReadThenTheAnswer() throws Exception {
        String spec = unique("polls=100000");
        long runId = SimulatedRuns.create(SIM.url(spec));
        FakeWatchClock clock = new FakeWatchClock();
        try (Watcher watcher = Watcher.builder().clock(clock).budgets(Budgets.UNLIMITED).build()) {
            WatchState late = new WatchState(SIM.url(spec), 1, runId, FakeWatchClock.ORIGIN.minusSeconds(60));
            TaskResult result = watcher.await(late, SimulatedRuns.TOKEN, ProgressListener.NONE);
            assertThat(result.errorType()).isEqualTo(ErrorType.TIMEOUT);
            assertThat(result.apiRequests()).isEqualTo(1);
        }
    }
}
