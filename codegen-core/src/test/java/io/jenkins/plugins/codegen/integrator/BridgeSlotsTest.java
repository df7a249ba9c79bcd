package io.jenkins.plugins.codegen.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BridgeSlotsTest {

    @Test
    void aCallerWaitsWhileItsLimitIsReachedAndStartsWhenASlotIsReleased() throws Exception {
        BridgeSlots slots = new BridgeSlots();
        slots.acquire(2);
        slots.acquire(2);
        CountDownLatch acquired = new CountDownLatch(1);
        Thread third = new Thread(() -> {
            try {
                slots.acquire(2);
                acquired.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third.start();

        assertThat(acquired.await(200, TimeUnit.MILLISECONDS)).isFalse();
        slots.release();
        assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(slots.running()).isEqualTo(2);
        third.join();
    }

    @Test
    void aHigherLimitStartsBesideALowerOne() throws Exception {
        BridgeSlots slots = new BridgeSlots();
        slots.acquire(1);

        slots.acquire(3);

        assertThat(slots.running()).isEqualTo(2);
    }

    @Test
    void anInterruptedWaitTakesNoSlot() throws Exception {
        BridgeSlots slots = new BridgeSlots();
        slots.acquire(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                slots.acquire(1);
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join(10_000);

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        slots.release();
        assertThat(slots.running()).isZero();
    }
}
