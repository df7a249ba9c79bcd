package io.jenkins.plugins.codegen.plugin.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Item;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The budgets' use in the folder and controller overviews, on their pages and in their REST API:
 * the folder's own budget and those of the jobs inside it the viewer may read, the global budget in
 * the controller's; nothing of a job the viewer may not read.
 */
@WithJenkins
class CodegenBudgetOverviewTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        Jenkins.SYSTEM_READ.setEnabled(true);
        CodegenTesting.configure();
        r.jenkins.setLabelString(CodegenTesting.AGENT_LABEL);
        BudgetTesting.limit("", 100, null);
        Folder teamA = BudgetTesting.folder(r, "team-a");
        BudgetTesting.limit("team-a", 5, 20);
        r.buildAndAssertSuccess(BudgetTesting.mockJob(teamA, "webapp"));
        BudgetTesting.mockJob(teamA, "vault");
        BudgetTesting.limit("team-a/vault", 2, null);
        r.buildAndAssertSuccess(r.jenkins.getItemByFullName("team-a/vault", hudson.model.FreeStyleProject.class));
        BudgetTesting.folder(r, "idle"); // a folder that neither has a budget nor ran anything

        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Jenkins.SYSTEM_READ).everywhere().to("lead")
                .grant(Item.READ).onPaths("team-a", "team-a/webapp").to("lead"));
    }

    @AfterEach
    void tearDown() {
        Jenkins.SYSTEM_READ.setEnabled(false);
    }

    private JSONObject api(String user, String path) throws Exception {
        try (JenkinsRule.WebClient web = r.createWebClient()) {
            String json = web.login(user).goTo(path + "api/json?depth=3", "application/json").getWebResponse()
                    .getContentAsString();
            return JSONObject.fromObject(json);
        }
    }

    private String page(String user, String path) throws Exception {
        try (JenkinsRule.WebClient web = r.createWebClient()) {
            web.getOptions().setThrowExceptionOnScriptError(false);
            return web.login(user).goTo(path).getWebResponse().getContentAsString();
        }
    }

    private static JSONObject budget(JSONArray budgets, String scope) {
        for (int i = 0; i < budgets.size(); i++) {
            if (budgets.getJSONObject(i).getString("name").equals(scope)) {
                return budgets.getJSONObject(i);
            }
        }
        return null;
    }

    private static List<String> names(JSONArray budgets) {
        return budgets.stream().map(b -> ((JSONObject) b).getString("name")).toList();
    }

    @Test
    void aFolderOverviewShowsTheFoldersBudgetAndItsJobsUseAndLimits() throws Exception {
        JSONArray budgets = api("admin", "job/team-a/codegen-overview/").getJSONObject("overview")
                .getJSONArray("budgets");

        assertEquals(List.of("team-a", "team-a/vault", "team-a/webapp"), names(budgets));
        JSONObject folder = budget(budgets, "team-a");
        assertEquals("folder team-a", folder.getString("description"));
        assertEquals(2, folder.getInt("usedLastHour"), folder.toString());
        assertEquals(5, folder.getInt("limitPerHour"));
        assertEquals(3, folder.getInt("leftHour"));
        assertEquals(2, folder.getInt("usedLastDay"));
        assertEquals(20, folder.getInt("limitPerDay"));
        assertTrue(folder.get("hourFreesAt") instanceof net.sf.json.JSONNull, "room left: nothing to wait for");
        JSONObject vault = budget(budgets, "team-a/vault");
        assertEquals(1, vault.getInt("usedLastHour"));
        assertEquals(2, vault.getInt("limitPerHour"));
        assertTrue(vault.get("limitPerDay") instanceof net.sf.json.JSONNull, "no daily limit");
        assertEquals(1, budget(budgets, "team-a/webapp").getInt("usedLastDay"));

        String page = page("admin", "job/team-a/codegen-overview/");
        assertTrue(page.contains("folder team-a") && page.contains("2 of 5 used, 3 left")
                && page.contains("2 of 20 used, 18 left"), page);
        assertTrue(page.contains("job team-a/vault") && page.contains("1 of 2 used, 1 left"), page);
        assertTrue(page.contains("1 used, no limit"), "the job with no budget of its own that ran");
    }

    @Test
    void aFolderWithNoBudgetThatRanNothingStillSaysItHasNoLimit() throws Exception {
        JSONArray budgets = api("admin", "job/idle/codegen-overview/").getJSONObject("overview")
                .getJSONArray("budgets");

        assertEquals(List.of("idle"), names(budgets));
        assertEquals(0, budgets.getJSONObject(0).getInt("usedLastDay"));
        assertTrue(page("admin", "job/idle/codegen-overview/").contains("0 used, no limit"));
    }

    @Test
    void aUserWithoutReadOnAJobSeesNothingOfItsBudget() throws Exception {
        JSONArray budgets = api("lead", "job/team-a/codegen-overview/").getJSONObject("overview")
                .getJSONArray("budgets");
        assertEquals(List.of("team-a", "team-a/webapp"), names(budgets));
        assertFalse(page("lead", "job/team-a/codegen-overview/").contains("vault"));

        JSONObject management = api("lead", "manage/codegen/");
        assertFalse(management.toString().contains("vault"), management.toString());
        assertFalse(page("lead", "manage/codegen/").contains("vault"));
        assertNotNull(budget(BudgetTesting.budgets(r, "admin").getJSONArray("scopes"), "team-a/vault"),
                "the administrator sees it");
    }

    @Test
    void theControllerOverviewShowsTheGlobalBudget() throws Exception {
        JSONArray budgets = api("lead", "manage/codegen/").getJSONObject("overview").getJSONArray("budgets");

        assertEquals(List.of(""), names(budgets));
        JSONObject global = budgets.getJSONObject(0);
        assertEquals("the global budget", global.getString("description"));
        assertEquals(2, global.getInt("usedLastHour"));
        assertEquals(100, global.getInt("limitPerHour"));
        assertEquals(98, global.getInt("leftHour"));
        assertNull(global.opt("failClosed") instanceof JSONObject ? global.get("failClosed") : null);
        String page = page("lead", "manage/codegen/");
        assertTrue(page.contains("href=\"#budgets\""), "the overview points to the budgets section");
        assertTrue(page.contains("the global budget") && page.contains("2 of 100 used, 98 left"), page);
    }
}
