package io.jenkins.plugins.codegen.plugin.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.codegen.autofix.AutoFixBranches;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.scope.ResolvedSettings;
import io.jenkins.plugins.codegen.scope.SettingValues;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The model of folder and job settings: each value from the step, the job, the nearest folder that
 * sets it, the folders further out or the global configuration, saying where it came from; budgets of
 * every scope at once; the automatic-fix switch from the nearest layer.
 */
@WithJenkins
class ScopeSettingsTest {

    @Test
    void eachValueComesFromTheNearestLayerThatSetsItAndSaysWhere(JenkinsRule j) throws Exception {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        global.setCredentialsId("global-token");
        global.setOrgId(1L);
        global.setBudgetPerDay(500);
        Folder teamA = j.jenkins.createProject(Folder.class, "team-a");
        CodegenFolderProperty outer = new CodegenFolderProperty();
        outer.setOrgId(42L);
        outer.setTimeout(30);
        outer.setBudgetPerHour(10);
        teamA.addProperty(outer);
        Folder sub = teamA.createProject(Folder.class, "sub");
        CodegenFolderProperty inner = new CodegenFolderProperty();
        inner.setTimeout(45);
        sub.addProperty(inner);
        FreeStyleProject job = sub.createProject(FreeStyleProject.class, "webapp");

        ResolvedSettings resolved = ScopeSettings.resolve(job, SettingValues.none());

        assertEquals(List.of("credential global-token from the global configuration",
                "organization 42 from folder team-a",
                "optimization level standard from the global configuration",
                "backend rest from the global configuration",
                "timeout 45 minutes from folder team-a/sub",
                "mock mode off from the global configuration",
                "budget 500 agent runs per day in all of Jenkins (the global configuration)",
                "budget 10 agent runs per hour in folder team-a"),
                resolved.provenance());
        assertEquals(List.of(new BudgetLimits(null, 500), new BudgetLimits(10, null), BudgetLimits.unlimited(),
                BudgetLimits.unlimited()), resolved.budgetRequest().stream().map(b -> b.limits()).toList());

        CodegenJobProperty own = new CodegenJobProperty();
        own.setOrgId(99L);
        job.addProperty(own);
        assertEquals("organization 7 from the step", ScopeSettings.resolve(job,
                SettingValues.builder().orgId(7L).build()).orgId().provenance());
        assertEquals("organization 99 from job team-a/sub/webapp",
                ScopeSettings.resolve(job, null).orgId().provenance());
    }

    @Test
    void automaticFixesFollowTheNearestLayer(JenkinsRule j) throws Exception {
        Folder team = j.jenkins.createProject(Folder.class, "team");
        FreeStyleProject job = team.createProject(FreeStyleProject.class, "app");
        AutoFixRule rule = AutoFixRules.of(job);
        assertFalse(rule.enabled());
        assertEquals("the global configuration", rule.enabledFrom());
        assertEquals(AutoFixBranches.DEFAULT_PATTERNS, rule.branches().patterns());

        CodegenFolderProperty folder = new CodegenFolderProperty();
        folder.setAutoFix(true);
        folder.setAutoFixBranches("release/*, main");
        team.addProperty(folder);
        rule = AutoFixRules.of(job);
        assertTrue(rule.enabled());
        assertEquals("folder team", rule.enabledFrom());
        assertEquals(List.of("release/*", "main"), rule.branches().patterns());

        CodegenJobProperty off = new CodegenJobProperty();
        off.setAutoFix(false);
        job.addProperty(off);
        rule = AutoFixRules.of(job);
        assertFalse(rule.enabled());
        assertEquals("job team/app", rule.enabledFrom());
        assertEquals(List.of("release/*", "main"), rule.branches().patterns(), "branches still from the folder");
        assertEquals(2, CodegenGlobalConfiguration.get().getAutoFixLimits().maxRunning());
    }

    private static <P extends CodegenScopeProperty> P everyField(P property) {
        property.setCredentialsId("team-token");
        property.setOrgId(7L);
        property.setOptimizationLevel("minimal");
        property.setBackend("sdk");
        property.setTimeout(20);
        property.setMock(false);
        property.setBudgetPerHour(0);
        property.setBudgetPerDay(5);
        property.setAutoFix(false);
        property.setAutoFixBranches("main\nrelease/*");
        property.setAutoFixPullRequests(true);
        return property;
    }

    @Test
    void everyFieldSurvivesTheConfigurePagesOfAFolderAndAJob(JenkinsRule j) throws Exception {
        Folder folder = j.jenkins.createProject(Folder.class, "team");
        folder.addProperty(everyField(new CodegenFolderProperty()));
        FreeStyleProject job = folder.createProject(FreeStyleProject.class, "app");
        job.addProperty(everyField(new CodegenJobProperty()));
        FreeStyleProject plain = folder.createProject(FreeStyleProject.class, "plain");

        j.configRoundtrip(folder);
        j.configRoundtrip(job);
        j.configRoundtrip(plain);

        j.assertEqualDataBoundBeans(everyField(new CodegenFolderProperty()),
                folder.getProperties().get(CodegenFolderProperty.class));
        j.assertEqualDataBoundBeans(everyField(new CodegenJobProperty()), job.getProperty(CodegenJobProperty.class));
        assertEquals(null, plain.getProperty(CodegenJobProperty.class), "an untouched form stores no property");
    }

    @Test
    void aValueThatWouldFailEveryTaskIsRefusedWithItsName(JenkinsRule j) {
        CodegenFolderProperty property = new CodegenFolderProperty();
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> property.setBudgetPerHour(20000));
        assertTrue(budget.getMessage().startsWith("budgetPerHour is 20000"), budget.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class, () -> property.setTimeout(0));
        assertTrue(timeout.getMessage().startsWith("timeout "), timeout.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CodegenGlobalConfiguration.get().setBudgetPerDay(-1));
    }
}
