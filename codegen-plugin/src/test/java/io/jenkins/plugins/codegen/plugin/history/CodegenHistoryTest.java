package io.jenkins.plugins.codegen.plugin.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A job's Codegen history and trend: the tasks, fixes and follow-ups of its builds, newest first,
 * from what the builds stored, on the job page's charts, the history page and its REST API.
 */
@WithJenkins
class CodegenHistoryTest {
    private static final String TASK_ROWS = "//table[contains(concat(' ', @class, ' '), ' codegen-history ')]/tbody/tr";
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    static TaskResult opened(String title, int pr, long runId, Duration took) {
        return new TaskResult("", title, TaskStatus.SUCCEEDED, "https://github.com/acme/webapp/pull/" + pr, pr,
                "PR of " + title, "codegen/run-" + runId, runId, "https://codegen.com/agent/trace/" + runId,
                "COMPLETE", 1, took, "standard", 100, 100, List.of(), "prompt", null, null, null, false, 3, "rest");
    }

    static TaskResult failed(String title) {
        return TaskOutcomes.failedBeforeStart("", title, null, ErrorType.VALIDATION, "title is missing.",
                "Give the task a title.", null);
    }

    /** A build of the job that records what {@code tasks} does to its Codegen action. */
    private WorkflowRun build(WorkflowJob job, java.util.function.Consumer<CodegenBuildAction> tasks) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(job);
        tasks.accept(CodegenBuildAction.of(b));
        b.save();
        return b;
    }

    private static List<String> cells(DomElement row) {
        List<String> cells = new ArrayList<>();
        row.getElementsByTagName("td").forEach(td -> cells.add(td.asNormalizedText().replace('\u00a0', ' ').strip()));
        return cells;
    }

    @Test
    void tasksFixesAndFollowUpsAcrossBuildsNewestFirstWithoutDeletedBuilds() throws Exception {
        CodegenTesting.configure();
        CodegenTesting.agent(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "webapp");
        job.setDefinition(new CpsFlowDefinition("""
                node('py') {
                  def first = codegenTask(title: 'Add rate limiting', repository: 'acme/webapp', mock: true)
                  codegenTask(mock: true, resume: [runId: first.runId, prompt: 'Address the review'])
                }
                """, true));
        WorkflowRun b1 = r.buildAndAssertSuccess(job); // a task and a follow-up, run for real in mock mode
        job.setDefinition(new CpsFlowDefinition("echo 'built'", true));
        build(job, a -> {
            CodegenTaskRecord fix = a.start("Fix the failing build", null, true);
            fix.markFix();
            fix.finish(failed("Fix the failing build"));
        });
        build(job, a -> a.start("Stopped early", null, true).abort("Aborted. Agent run 7 may still be working.", 7L,
                "https://codegen.com/agent/trace/7"));
        WorkflowRun deleted = build(job, a -> a.start("In a build that was deleted", null, true)
                .finish(opened("In a build that was deleted", 40, 40, Duration.ofSeconds(30))));
        build(job, a -> {
            a.start("Add <img src=x onerror=alert(1)>", null, true).finish(opened("Add <img src=x onerror=alert(1)>",
                    50, 50, Duration.ofSeconds(95)));
            a.start("Unsafe links", null, true).finish(new TaskResult("", "Unsafe links", TaskStatus.SUCCEEDED,
                    "javascript:alert(1)", 51, "x", "b", 51L, "javascript:alert(2)", "COMPLETE", 2,
                    Duration.ofSeconds(5), "standard", 1, 1, List.of(), "p", null, null, null, false, 1, "rest"));
        });
        deleted.delete();

        HtmlPage page = r.createWebClient().goTo("job/webapp/codegen-history/");

        List<DomElement> rows = page.getByXPath(TASK_ROWS);
        List<List<String>> table = rows.stream().map(CodegenHistoryTest::cells).toList();
        assertEquals(6, table.size(), page.asNormalizedText());
        assertEquals(List.of("#5", "task", "Pull request opened", "Unsafe links", "#51", "51"),
                table.get(0).subList(0, 6));
        assertEquals(List.of("#5", "task", "Pull request opened", "Add <img src=x onerror=alert(1)>", "#50", "50",
                "1 min 35 s", "1", ""), table.get(1).subList(0, 9));
        assertEquals(List.of("#3", "task", "Aborted", "Stopped early", "", "7"), table.get(2).subList(0, 6));
        assertEquals("", table.get(2).get(7), "nobody counted the aborted task's attempts");
        assertEquals("aborted", table.get(2).get(8));
        assertEquals(List.of("#2", "fix", "Failed"), table.get(3).subList(0, 3));
        assertEquals("validation", table.get(3).get(8));
        long runId = CodegenBuildAction.of(b1).getTasks().get(0).getRunId();
        assertEquals(List.of("#1", "follow-up", "Pull request opened", "Follow-up of agent run " + runId),
                table.get(4).subList(0, 4));
        assertEquals(List.of("#1", "task", "Pull request opened", "Add rate limiting"), table.get(5).subList(0, 4));
        assertFalse(page.asNormalizedText().contains("In a build that was deleted"), "a deleted build is gone");
        for (HtmlAnchor anchor : page.getAnchors()) {
            assertFalse(anchor.getHrefAttribute().startsWith("javascript:"), anchor.asXml());
        }
        for (DomElement img : page.getElementsByTagName("img")) {
            assertFalse(img.hasAttribute("onerror"), img.asXml());
        }
        assertEquals(r.getURL() + "job/webapp/5/codegen/", page.getFullyQualifiedUrl(
                ((HtmlAnchor) rows.get(0).getElementsByTagName("a").get(0)).getHrefAttribute()).toString());

        List<DomElement> builds = page.getByXPath("//table[contains(@class,'codegen-history-builds')]/tbody/tr");
        List<List<String>> figures = builds.stream().map(CodegenHistoryTest::cells).toList();
        assertEquals(List.of(List.of("#5", "2", "0", "0", "0", "2", "50 s"), List.of("#3", "0", "0", "1", "0", "0", ""),
                List.of("#2", "0", "1", "0", "0", "0", "")), figures.subList(0, 3));
        assertEquals(List.of("#1", "2", "0", "0", "0", "2"), figures.get(3).subList(0, 6));
    }

    /** A job of freestyle-like Pipeline builds, each with one mock task that opened a pull request. */
    private WorkflowJob jobWithOneTaskPerBuild(String name, int builds) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("echo 'built'", true));
        for (int i = 1; i <= builds; i++) {
            int n = i;
            build(job, a -> a.start("Task " + n, null, true).finish(opened("Task " + n, n, n, Duration.ofSeconds(n))));
        }
        return job;
    }

    @Test
    void theRestApiGivesThePageItsBuildsFiguresAndHonoursTree() throws Exception {
        jobWithOneTaskPerBuild("api", 12);

        JSONObject first = r.getJSON("job/api/codegen-history/api/json?size=5").getJSONObject();
        JSONObject last = r.getJSON("job/api/codegen-history/api/json?page=3&size=5").getJSONObject();
        JSONObject tree = r.getJSON("job/api/codegen-history/api/json?start=2&size=2&tree=tasks[build,kind]")
                .getJSONObject();

        JSONArray tasks = first.getJSONArray("tasks");
        assertEquals(5, tasks.size());
        JSONObject newest = tasks.getJSONObject(0);
        assertEquals(12, newest.getInt("build"));
        assertEquals("task", newest.getString("kind"));
        assertEquals("SUCCEEDED", newest.getString("status"));
        assertEquals("https://github.com/acme/webapp/pull/12", newest.getString("prUrl"));
        assertEquals(12, newest.getLong("runId"));
        assertEquals(12_000, newest.getLong("timeMs"));
        assertEquals(1, newest.getInt("attempts"));
        assertTrue(first.getBoolean("hasNext"));
        assertEquals(6, first.getInt("buildsRead"), "the page's five builds and one more");
        assertEquals(5, first.getJSONArray("builds").size());
        assertEquals(1, first.getJSONArray("builds").getJSONObject(0).getInt("pullRequests"));
        assertEquals(12_000, first.getJSONArray("builds").getJSONObject(0).getLong("timeToPullRequestMs"));
        assertEquals(List.of(2, 1), last.getJSONArray("tasks").stream().map(t -> ((JSONObject) t).getInt("build"))
                .toList());
        assertFalse(last.getBoolean("hasNext"));
        assertEquals(10, last.getInt("start"));
        assertEquals(JSONObject.fromObject("{\"_class\":\"" + CodegenHistoryAction.class.getName() + "\",\"tasks\":["
                + "{\"build\":10,\"kind\":\"task\"},{\"build\":9,\"kind\":\"task\"}]}"), tree);
    }

    @Test
    void thePagesLinkToTheirNeighboursAndTheChartsDrawTheTrend() throws Exception {
        WorkflowJob job = jobWithOneTaskPerBuild("paged", 7);
        Run<?, ?> aborted = job.getBuildByNumber(4);
        CodegenBuildAction.of(aborted).start("Stopped", null, true).abort("Aborted.", null, null);
        aborted.save();
        JenkinsRule.WebClient wc = r.createWebClient();

        HtmlPage second = wc.goTo("job/paged/codegen-history/?page=2&size=3");
        HtmlPage third = second.getAnchorByText("Older tasks").click();
        HtmlPage backToSecond = third.getAnchorByText("Newer tasks").click();

        assertEquals(List.of("#4", "#4", "#3"), column(second));
        assertEquals(List.of("#2", "#1"), column(third));
        assertTrue(third.getByXPath("//a[text()='Older tasks']").isEmpty());
        HtmlPage backToFirst = backToSecond.getAnchorByText("Newer tasks").click();
        assertEquals(List.of("#7", "#6", "#5"), column(backToFirst));

        CodegenHistoryAction action = job.getAction(CodegenHistoryAction.class);
        assertNotNull(action, "every job has its history");
        JSONObject outcomes = JSONObject.fromObject(action.getOutcomeChart().getBuildTrendModel());
        assertEquals(JSONArray.fromObject("[1,2,3,4,5,6,7]"), outcomes.getJSONArray("buildNumbers"));
        assertEquals(JSONArray.fromObject("[1,1,1,1,1,1,1]"), series(outcomes, "Succeeded"));
        assertEquals(JSONArray.fromObject("[0,0,0,1,0,0,0]"), series(outcomes, "Aborted"));
        assertEquals(JSONArray.fromObject("[1,1,1,1,1,1,1]"), series(outcomes, "Pull requests opened"));
        JSONObject time = JSONObject.fromObject(action.getTimeChart().getBuildTrendModel());
        assertEquals(JSONArray.fromObject("[1,2,3,4,5,6,7]"), series(time, "Time to pull request (s)"));

        wc.getOptions().setJavaScriptEnabled(false); // the charts are drawn by script; their places are on the page
        HtmlPage jobPage = wc.getPage(job);
        assertEquals(2, jobPage.getByXPath("//div[contains(@class,'echarts-trend')]").size(), jobPage.asXml());
        assertNotNull(jobPage.getAnchorByText("Codegen history"));
    }

    private static List<String> column(HtmlPage page) {
        List<DomElement> rows = page.getByXPath(TASK_ROWS);
        return rows.stream().map(row -> cells(row).get(0)).toList();
    }

    private static JSONArray series(JSONObject model, String name) {
        for (Object s : model.getJSONArray("series")) {
            if (((JSONObject) s).getString("name").equals(name)) {
                return ((JSONObject) s).getJSONArray("data");
            }
        }
        throw new AssertionError("no series " + name + " in " + model);
    }

    @Test
    void aJobWithoutCodegenTasksShowsNoChartNorLink() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "plain");
        job.setDefinition(new CpsFlowDefinition("echo 'built'", true));
        r.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);

        HtmlPage jobPage = wc.getPage(job);

        assertTrue(jobPage.getByXPath("//div[contains(@class,'echarts-trend')]").isEmpty());
        assertTrue(jobPage.getByXPath("//a[contains(@href,'codegen-history')]").isEmpty(), jobPage.asXml());
        assertEquals(r.jenkins.getRootUrl() + "job/plain/", jobPage.getUrl().toString());
        assertEquals(Result.SUCCESS, job.getLastBuild().getResult());
    }
}
