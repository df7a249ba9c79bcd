package io.jenkins.plugins.codegen.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.budget.BudgetScope;
import io.jenkins.plugins.codegen.budget.ScopeBudget;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.scope.SettingsLayers.FolderLayer;
import io.jenkins.plugins.codegen.scope.SettingsLayers.JobLayer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step > job > nearest folder > outer folder > global, and each value says where it came from. */
class SettingsResolverTest {
    private static final SettingValues GLOBAL = SettingValues.builder().credentialsId("codegen-token").orgId(1L)
            .optimizationLevel(OptimizationLevel.STANDARD).backend(Backend.REST).timeout(Duration.ofMinutes(30))
            .mock(false).build();
    private static final JobLayer WEBAPP = JobLayer.of("team-a/sub/webapp", false, null, null, null);

    private static ResolvedSettings resolve(SettingValues step, JobLayer job, List<FolderLayer> folders) {
        return SettingsResolver.resolve(new SettingsLayers(step, job, folders, GLOBAL, null));
    }

    private static FolderLayer folder(String fullName, SettingValues values) {
        return new FolderLayer(fullName, null, values, null);
    }

    @Test
    void theStepWinsOverEveryFolderAndTheGlobalConfiguration() {
        ResolvedSettings settings = resolve(SettingValues.builder().orgId(7L).build(), WEBAPP,
                List.of(folder("team-a/sub", SettingValues.builder().orgId(42L).build()),
                        folder("team-a", SettingValues.builder().orgId(99L).build())));

        assertThat(settings.orgId().value()).isEqualTo(7L);
        assertThat(settings.orgId().source()).isEqualTo(SettingsSource.step());
        assertThat(settings.orgId().provenance()).isEqualTo("organization 7 from the step");
    }

    @Test
    void theNearestFolderThatSetsAValueWinsOverTheFoldersAroundIt() {
        ResolvedSettings settings = resolve(SettingValues.none(), WEBAPP,
                List.of(folder("team-a/sub", SettingValues.builder().timeout(Duration.ofMinutes(45)).build()),
                        folder("team-a", SettingValues.builder().orgId(42L).timeout(Duration.ofMinutes(10)).build())));

        assertThat(settings.timeout().provenance()).isEqualTo("timeout 45 minutes from folder team-a/sub");
        assertThat(settings.orgId().provenance()).isEqualTo("organization 42 from folder team-a");
        assertThat(settings.credentialsId().provenance()).isEqualTo("credential codegen-token from the global configuration");
    }

    @Test
    void whatNoFolderSetsComesFromTheGlobalConfiguration() {
        ResolvedSettings settings = resolve(SettingValues.none(), WEBAPP, List.of());

        assertThat(settings.provenance()).containsExactly(
                "credential codegen-token from the global configuration",
                "organization 1 from the global configuration",
                "optimization level standard from the global configuration",
                "backend rest from the global configuration",
                "timeout 30 minutes from the global configuration",
                "mock mode off from the global configuration");
    }

    @Test
    void theJobComesBetweenTheStepAndItsFolders() {
        JobLayer job = JobLayer.of("team-a/webapp", false, "Web App", SettingValues.builder().mock(true)
                .backend(Backend.SDK).build(), null);
        ResolvedSettings settings = resolve(SettingValues.builder().backend(Backend.AUTO).build(), job,
                List.of(folder("team-a", SettingValues.builder().mock(false).build())));

        assertThat(settings.mock().provenance()).isEqualTo("mock mode on from job Web App (team-a/webapp)");
        assertThat(settings.backend().provenance()).isEqualTo("backend auto from the step");
    }

    @Test
    void aBranchJobTakesItsMultibranchProjectsSettings() {
        JobLayer project = JobLayer.of("team-a/webapp/PR-12", true, null,
                SettingValues.builder().credentialsId("webapp-token").build(), new BudgetLimits(null, 5));
        ResolvedSettings settings = resolve(SettingValues.none(), project, List.of());

        assertThat(settings.credentialsId().provenance())
                .isEqualTo("credential webapp-token from multibranch project team-a/webapp");
        assertThat(settings.provenance()).contains(
                "budget 5 agent runs per day in multibranch project team-a/webapp, all its branches together");
    }

    @Test
    void aValueNoLayerSetsSaysWhereItWasLookedFor() {
        ResolvedSettings settings = SettingsResolver.resolve(new SettingsLayers(null, WEBAPP,
                List.of(new FolderLayer("team-a", "Team A", null, null)), SettingValues.none(), null));

        assertThat(settings.orgId().isSet()).isFalse();
        assertThat(settings.orgId().provenance()).isEqualTo("no organization set on the step, job team-a/sub/webapp, "
                + "folder Team A (team-a) or the global configuration");
    }

    @Test
    void aBlankCredentialIdIsNotSet() {
        ResolvedSettings settings = resolve(SettingValues.builder().credentialsId("  ").build(), WEBAPP, List.of());
        assertThat(settings.credentialsId().source()).isEqualTo(SettingsSource.global());
    }

    @Test
    void everyScopeCountsWithItsOwnBudgetOutermostFirst() {
        JobLayer job = JobLayer.of("team-a/sub/webapp", false, null, null, new BudgetLimits(2, null));
        ResolvedSettings settings = SettingsResolver.resolve(new SettingsLayers(null, job,
                List.of(new FolderLayer("team-a", "Team A", null, new BudgetLimits(10, 100))), GLOBAL,
                new BudgetLimits(null, 500)));

        assertThat(settings.budgetRequest()).containsExactly(
                new ScopeBudget(BudgetScope.global(), new BudgetLimits(null, 500)),
                new ScopeBudget(BudgetScope.folder("team-a"), new BudgetLimits(10, 100)),
                new ScopeBudget(BudgetScope.folder("team-a/sub"), BudgetLimits.unlimited()),
                new ScopeBudget(BudgetScope.job("team-a/sub/webapp"), new BudgetLimits(2, null)));
        assertThat(settings.provenance()).endsWith(
                "budget 500 agent runs per day in all of Jenkins (the global configuration)",
                "budget 10 agent runs per hour and 100 per day in folder Team A (team-a)",
                "budget 2 agent runs per hour in job team-a/sub/webapp");
    }

    @Test
    void aBudgetOfZeroSaysNothingRuns() {
        ResolvedSettings settings = resolve(SettingValues.none(), WEBAPP,
                List.of(new FolderLayer("team-a", null, null, new BudgetLimits(0, null))));
        assertThat(settings.provenance()).contains("budget 0: no agent runs in folder team-a");
    }

    @Test
    void foldersMustBeTheJobsOwnNearestFirst() {
        assertThatThrownBy(() -> resolve(SettingValues.none(), WEBAPP,
                List.of(folder("team-a", SettingValues.none()), folder("team-a/sub", SettingValues.none()))))
                .hasMessageContaining("folder team-a/sub is not around team-a");
        assertThatThrownBy(() -> resolve(SettingValues.none(), WEBAPP, List.of(folder("team-b", SettingValues.none()))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
