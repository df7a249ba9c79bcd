package io.jenkins.plugins.codegen.autofix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codegen.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** At most so many fixes run, so many wait, first come first served, each handed out once. */
class AutoFixQueueTest {
    static final Instant START = Instant.parse("2026-03-04T10:00:00Z");

    private final AutoFixQueue queue = AutoFixQueue.inMemory(AutoFixLimits.defaults(), new MutableClock(START));

    @Test
    void twoStartTenWaitInOrderAndTheNextIsRefusedWithAReason() {
        assertThat(queue.submit("webapp", 1)).isInstanceOf(Admission.Start.class);
        assertThat(queue.submit("webapp", 2).message()).isEqualTo("Codegen automatic fix of webapp#2 is starting.");
        for (int build = 3; build <= 12; build++) {
            Admission admission = queue.submit("webapp", build);
            assertThat(admission).isInstanceOfSatisfying(Admission.Queued.class,
                    queued -> assertThat(queued.position()).isEqualTo(queued.entry().build() - 2));
        }
        assertThat(queue.submit("webapp", 3).message()).isEqualTo("Codegen automatic fix of webapp#3 is queued already.");

        Admission refused = queue.submit("api", 7);

        assertThat(refused).isInstanceOf(Admission.Refused.class);
        assertThat(refused.message()).isEqualTo("Codegen automatic fix of api#7 not queued: 2 fixes are running and 10 "
                + "waiting, the most the settings allow (2 running, 10 waiting). This build gets no automatic fix.");
        assertThat(queue.snapshot().running()).extracting(AutoFixEntry::build).containsExactly(1, 2);
        assertThat(queue.snapshot().waiting()).hasSize(10);
    }

    @Test
    void aQueuedFixSaysHowManyRunAndItsPlace() {
        queue.submit("a", 1);
        queue.submit("a", 2);
        assertThat(queue.submit("a", 3).message())
                .isEqualTo("Codegen automatic fix of a#3 is queued: 2 fixes are running, and it is number 1 in line.");
    }

    @Test
    void aFinishedFixHandsItsSlotToTheOldestWaitingOne() {
        queue.submit("a", 1);
        queue.submit("a", 2);
        queue.submit("b", 1);
        queue.submit("c", 1);

        assertThat(queue.finished("a#2")).extracting(AutoFixEntry::id).containsExactly("b#1");
        assertThat(queue.finished("a#1")).extracting(AutoFixEntry::id).containsExactly("c#1");
        assertThat(queue.finished("b#1")).isEmpty();
        assertThat(queue.snapshot().running()).extracting(AutoFixEntry::id).containsExactly("c#1");
    }

    @Test
    void aNewFixDoesNotJumpTheQueue() {
        AutoFixQueue one = AutoFixQueue.inMemory(new AutoFixLimits(1, 5), new MutableClock(START));
        one.submit("a", 1);
        one.submit("a", 2);
        one.setLimits(new AutoFixLimits(3, 5));

        assertThat(one.submit("a", 3)).isInstanceOf(Admission.Queued.class);
        assertThat(one.finished("a#1")).extracting(AutoFixEntry::id).containsExactly("a#2", "a#3");
    }

    @Test
    void onlyAFixHandedOutCanBeMarkedStarted() {
        queue.submit("a", 1);
        queue.submit("a", 2);
        queue.submit("a", 3);
        assertThatThrownBy(() -> queue.started("a#3", "codegen-fix-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> queue.started("zzz#1", "codegen-fix-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWaitingFixCanBeCancelledAndOneHandedOutCannot() {
        queue.submit("a", 1);
        queue.submit("a", 2);
        queue.submit("a", 3);

        assertThat(queue.cancel("a#3")).isTrue();
        assertThat(queue.cancel("a#1")).isFalse();
        assertThat(queue.finished("a#1")).isEmpty();
    }

    @Test
    void fiftyFailuresAtOnceStartTwoQueueTenAndRefuseTheRest() throws Exception {
        int builds = 50;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        List<Future<Admission>> admissions = new ArrayList<>();
        try {
            for (int i = 1; i <= builds; i++) {
                int build = i;
                admissions.add(pool.submit(() -> {
                    go.await();
                    return queue.submit("webapp", build);
                }));
            }
            go.countDown();
            List<Admission> all = new ArrayList<>();
            for (Future<Admission> admission : admissions) {
                all.add(admission.get());
            }
            assertThat(all).filteredOn(Admission.Start.class::isInstance).hasSize(2);
            assertThat(all).filteredOn(Admission.Queued.class::isInstance).hasSize(10);
            assertThat(all).filteredOn(Admission.Refused.class::isInstance).hasSize(38);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new AutoFixLimits(0, 10)).hasMessageContaining("from 1 to 100");
        assertThatThrownBy(() -> new AutoFixLimits(2, -1)).hasMessageContaining("from 0 to 100");
        assertThat(AutoFixLimits.defaults()).isEqualTo(new AutoFixLimits(2, 10));
    }
}
