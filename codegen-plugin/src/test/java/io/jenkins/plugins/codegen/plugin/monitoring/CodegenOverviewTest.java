package io.jenkins.plugins.codegen.plugin.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.time.Duration;
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
 * A folder's Codegen overview and the controller's, on their pages and in their REST API: the
 * tasks and fixes the builds recorded, per folder, counting only the jobs the viewer may read.
 */
@WithJenkins
class CodegenOverviewTest {
    private JenkinsRule r;
    private Folder teamA;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        Jenkins.SYSTEM_READ.setEnabled(true);
        teamA = r.jenkins.createProject(Folder.class, "team-a");
        Folder api = teamA.createProject(Folder.class, "api");
        Folder secret = teamA.createProject(Folder.class, "secret");
        // team-a/app: a task with a pull request, a failed task, a fix with a pull request.
        FreeStyleBuild app = r.buildAndAssertSuccess(teamA.createProject(FreeStyleProject.class, "app"));
        record(app, false, "https://github.com/acme/app/pull/1", null);
        record(app, false, null, ErrorType.TIMEOUT);
        record(app, true, "https://github.com/acme/app/pull/2", null);
        // team-a/api/service: one task with a pull request, one mock task (never counted).
        FreeStyleBuild service = r.buildAndAssertSuccess(api.createProject(FreeStyleProject.class, "service"));
        record(service, false, "https://github.com/acme/service/pull/3", null);
        CodegenBuildAction.of(service).start("A dry run", null, true).finish(result(null, null));
        // team-a/secret/vault: a failed fix that only the administrator may see.
        FreeStyleBuild vault = r.buildAndAssertSuccess(secret.createProject(FreeStyleProject.class, "vault"));
        record(vault, true, null, ErrorType.TASK_FAILED);
        // A job at the top of the controller, in no folder.
        record(r.buildAndAssertSuccess(r.createFreeStyleProject("top")), false, null, ErrorType.VALIDATION);

        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Jenkins.SYSTEM_READ).everywhere().to("lead")
                .grant(Item.READ).onPaths("team-a", "team-a/app", "team-a/api", "team-a/api/service", "top")
                .to("lead"));
    }

    @AfterEach
    void tearDown() {
        Jenkins.SYSTEM_READ.setEnabled(false);
    }

    private static void record(FreeStyleBuild build, boolean fix, String prUrl, ErrorType error) throws Exception {
        CodegenTaskRecord record = CodegenBuildAction.of(build).start("Task", null, false);
        if (fix) {
            record.markFix();
        }
        record.finish(result(prUrl, error));
        build.save();
    }

    private static TaskResult result(String prUrl, ErrorType error) {
        return new TaskResult("", "", error == null ? TaskStatus.SUCCEEDED : TaskStatus.FAILED, prUrl, null, null,
                null, 7L, null, null, 1, Duration.ofSeconds(1), null, 0, 0, List.of(), null, error,
                error == null ? null : "It failed", null, false, 1, "rest");
    }

    private JSONObject overview(String user, String path) throws Exception {
        String json = r.createWebClient().login(user).goTo(path + "api/json", "application/json")
                .getWebResponse().getContentAsString();
        return JSONObject.fromObject(json).getJSONObject("overview");
    }

    @Test
    void aFolderCountsItsJobsAndSubfoldersWithARowPerSubfolder() throws Exception {
        JSONObject overview = overview("admin", "job/team-a/codegen-overview/");

        assertEquals("team-a", overview.getString("scope"));
        JSONObject week = overview.getJSONObject("last7Days");
        assertEquals(3, week.getInt("tasks"), week.toString());
        assertEquals(2, week.getInt("fixes"));
        assertEquals(3, week.getInt("succeeded"));
        assertEquals(2, week.getInt("failed"));
        assertEquals(0.6, week.getDouble("successRate"), 1e-9);
        assertEquals(3, week.getInt("pullRequests"));
        assertEquals(week, overview.getJSONObject("last30Days"));
        JSONArray folders = overview.getJSONArray("folders");
        assertEquals(List.of("team-a/api", "team-a/secret"),
                folders.stream().map(f -> ((JSONObject) f).getString("folder")).toList());
        assertEquals(1, folders.getJSONObject(0).getJSONObject("last7Days").getInt("tasks"));
        assertEquals(List.of("team-a"), overview.getJSONArray("budgets").stream()
                .map(b -> ((JSONObject) b).getString("name")).toList(), "the folder's own budget, even with no limit");
    }

    @Test
    void readingStopsAtAJobsFirstBuildOlderThanThirtyDays() throws Exception {
        FreeStyleProject job = teamA.createProject(FreeStyleProject.class, "old");
        record(r.buildAndAssertSuccess(job), false, null, null); // #1: before the old one, so never read
        FreeStyleBuild old = r.buildAndAssertSuccess(job);
        record(old, false, null, null); // #2: its record says "now", but the build started 31 days ago
        startedDaysAgo(old, 31);
        record(r.buildAndAssertSuccess(job), false, "https://github.com/acme/app/pull/4", null); // #3

        JSONObject month = overview("admin", "job/team-a/codegen-overview/").getJSONObject("last30Days");

        assertEquals(4, month.getInt("tasks"), "team-a's three and build #3's; reading stopped at build #2");
    }

    private static void startedDaysAgo(FreeStyleBuild build, int days) throws Exception {
        long then = System.currentTimeMillis() - Duration.ofDays(days).toMillis();
        for (String name : List.of("timestamp", "startTime")) {
            java.lang.reflect.Field field = hudson.model.Run.class.getDeclaredField(name);
            field.setAccessible(true);
            field.setLong(build, then);
        }
    }

    @Test
    void thePageShowsTheTableAndTheChartAndTheFolderPageLinksToIt() throws Exception {
        String page = r.createWebClient().login("admin").goTo("job/team-a/codegen-overview/")
                .getWebResponse().getContentAsString();

        assertTrue(page.contains("All of team-a"), page);
        assertTrue(page.contains(">api</a>"), "a subfolder is named below the folder");
        assertTrue(page.contains("href=\"/jenkins/job/team-a/job/api/codegen-overview/\""), page);
        assertTrue(page.contains("60 %"), "the success rate of the last 7 days");
        assertTrue(page.contains("codegen-overview-chart") && page.contains("echarts"), "the chart and its library");
        String folderPage = r.createWebClient().login("admin").goTo("job/team-a/").getWebResponse()
                .getContentAsString();
        assertTrue(folderPage.contains("codegen-overview"), "the folder's page links to its overview");
    }

    @Test
    void aJobTheUserMayNotReadCountsNowhereForThem() throws Exception {
        JSONObject folder = overview("lead", "job/team-a/codegen-overview/");
        JSONObject week = folder.getJSONObject("last7Days");
        assertEquals(3, week.getInt("tasks"));
        assertEquals(1, week.getInt("fixes"), "the secret folder's fix is not counted");
        assertEquals(1, week.getInt("failed"));
        assertEquals(List.of("team-a/api"), folder.getJSONArray("folders").stream()
                .map(f -> ((JSONObject) f).getString("folder")).toList());

        JSONObject controller = overview("lead", "manage/codegen/");
        assertEquals(4, controller.getJSONObject("last30Days").getInt("tasks"), "team-a's three and the top job's");
        assertEquals(1, controller.getJSONObject("last30Days").getInt("fixes"));
        String page = r.createWebClient().login("lead").goTo("manage/codegen/").getWebResponse().getContentAsString();
        assertFalse(page.contains("team-a/secret"), "no row for a folder the user cannot read");

        JSONObject all = overview("admin", "manage/codegen/");
        assertEquals(4, all.getJSONObject("last30Days").getInt("tasks"));
        assertEquals(2, all.getJSONObject("last30Days").getInt("fixes"));
        assertEquals(List.of("team-a", "team-a/api", "team-a/secret"), all.getJSONArray("folders").stream()
                .map(f -> ((JSONObject) f).getString("folder")).toList());
    }
}
