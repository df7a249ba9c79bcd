package io.jenkins.plugins.codegen.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrganizationBudgetTest {
    private static OrganizationBudget fresh(double timeScale) {
        return OrganizationBudget.of("http://test/" + UUID.randomUUID(), 1, timeScale);
    }

    @Test
    void theEleventhCreateWaitsForTheWindow() throws InterruptedException {
        // At time scale 300 the one-minute window lasts 200 ms.
        OrganizationBudget budget = fresh(300);
        long started = System.nanoTime();
        for (int i = 0; i < OrganizationBudget.CREATES_PER_WINDOW; i++) {
            budget.awaitCreateSlot();
        }
        budget.awaitCreateSlot();
        long eleventh = System.nanoTime();
        assertThat(Duration.ofNanos(eleventh - started)).isGreaterThanOrEqualTo(Duration.ofMillis(195));
    }

    @Test
    void pollFloorGrowsWithTheTasksSharingTheOrganization() {
        OrganizationBudget budget = fresh(1);
        assertThat(budget.minPollInterval(false)).isZero();
        for (int i = 0; i < 30; i++) {
            budget.enter();
        }
        assertThat(budget.minPollInterval(false)).isEqualTo(Duration.ofSeconds(15));
        budget.leave();
        assertThat(budget.minPollInterval(false)).isEqualTo(Duration.ofMillis(14_500));
    }

    @Test
    void readsOfTheLogArePlannedWithinTheLogsEndpointsSixtyPerMinute() {
        OrganizationBudget budget = fresh(1);
        for (int i = 0; i < 30; i++) {
            budget.enter();
        }
        // 30 tasks reading every 30 s: 60 reads a minute; plain reads every 15 s: 60 per 30 s.
        assertThat(budget.minPollInterval(true)).isEqualTo(Duration.ofSeconds(30));
        assertThat(budget.minPollInterval(false)).isEqualTo(Duration.ofSeconds(15));
        assertThat(OrganizationBudget.unlimited().minPollInterval(true)).isZero();
    }

    @Test
    void organizationsDoNotShareABudget() {
        assertThat(OrganizationBudget.of("http://a", 1, 1)).isSameAs(OrganizationBudget.of("http://a", 1, 1))
                .isNotSameAs(OrganizationBudget.of("http://a", 2, 1));
    }
}
