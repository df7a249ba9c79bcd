package io.jenkins.plugins.codegen.plugin.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.Result;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import java.time.Duration;
import java.util.List;
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

/** What the build page and the build's Codegen page show of its tasks: what is known, compactly when there are many. */
@WithJenkins
class CodegenBuildPageTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    private static TaskResult opened(String title, int number, String prUrl, long runId, String webUrl) {
        return new TaskResult("", title, TaskStatus.SUCCEEDED, prUrl, number, "PR of " + title, "codegen/run-" + runId,
                runId, webUrl, "COMPLETE", 1, Duration.ofMillis(8_100), "standard", 1234, 1234, List.of(), "prompt",
                null, null, null, false, 3, "rest");
    }

    private FreeStyleBuild buildWithTasks(int count) throws Exception {
        FreeStyleBuild b = r.buildAndAssertSuccess(r.createFreeStyleProject());
        CodegenBuildAction action = CodegenBuildAction.of(b);
        for (int i = 1; i <= count; i++) {
            String title = "Task " + i + " <img src=x onerror=alert(" + i + ")>";
            action.start(title, null, false).finish(opened(title, i, "https://github.com/acme/webapp/pull/" + i, i,
                    "https://codegen.com/agent/trace/" + i));
        }
        return b;
    }

    @Test
    void manyTasksAreSummarizedInATableOneRowEachEscapedWithOnlyHttpLinks() throws Exception {
        FreeStyleBuild b = buildWithTasks(6);
        CodegenBuildAction action = CodegenBuildAction.of(b);
        action.start("Unsafe links", null, false).finish(opened("Unsafe links", 99, "javascript:alert(1)", 99,
                "javascript:alert(2)"));
        action.start("Still running", null, false).runCreated(100L, "https://codegen.com/agent/trace/100");
        b.save();

        HtmlPage page = r.createWebClient().getPage(b);

        List<DomElement> rows = page.getByXPath("//table[contains(@class,'codegen-summary')]/tbody/tr");
        assertEquals(8, rows.size(), page.asNormalizedText());
        String first = rows.get(0).asNormalizedText();
        assertTrue(first.contains("Task 1 <img src=x onerror=alert(1)>"), "the title is text: " + first);
        assertTrue(first.contains("Pull request opened") && first.contains("#1"), first);
        assertTrue(rows.get(7).asNormalizedText().contains("Running"), rows.get(7).asNormalizedText());
        assertEquals("https://github.com/acme/webapp/pull/1", link(rows.get(0), "#1").getHrefAttribute());
        assertEquals("https://codegen.com/agent/trace/1", link(rows.get(0), "1").getHrefAttribute());
        for (HtmlAnchor anchor : page.getAnchors()) {
            assertFalse(anchor.getHrefAttribute().startsWith("javascript:"), anchor.asXml());
        }
        for (DomElement img : page.getElementsByTagName("img")) {
            assertFalse(img.hasAttribute("onerror"), img.asXml());
        }
        String text = page.asNormalizedText();
        assertFalse(text.contains("Attempts: 1, time:"), "no task's lines of figures in the summary: " + text);
    }

    private static HtmlAnchor link(DomElement row, String text) {
        for (DomElement anchor : row.getElementsByTagName("a")) {
            if (anchor.asNormalizedText().equals(text)) {
                return (HtmlAnchor) anchor;
            }
        }
        throw new AssertionError("no link '" + text + "' in " + row.asXml());
    }

    @Test
    void aFewTasksKeepTheirLinesAndTheFiguresReadWithoutAStraySpace() throws Exception {
        FreeStyleBuild b = buildWithTasks(CodegenBuildAction.LONGEST_DETAILED_SUMMARY);
        b.save();

        String text = r.createWebClient().getPage(b).asNormalizedText();

        assertTrue(text.contains("Attempts: 1, time: 8.1 s; prompt standard, 1,234 characters"), text);
        assertFalse(text.contains(" ; prompt"), text);
        assertTrue(text.contains("Pull request: #5 PR of Task 5"), text);
    }

    @Test
    void anAbortedTaskShowsItsTimeButNotCountsNobodyCounted() throws Exception {
        FreeStyleBuild b = r.buildAndAssertSuccess(r.createFreeStyleProject());
        CodegenTaskRecord aborted = CodegenBuildAction.of(b).start("Stopped early", null, false);
        aborted.abort("Aborted. Agent run 7 may still be working.", 7L, "https://codegen.com/agent/trace/7");
        b.save();

        String detail = r.createWebClient().goTo(b.getUrl() + "codegen/").asNormalizedText();
        String summary = r.createWebClient().getPage(b).asNormalizedText();

        assertFalse(detail.contains("API requests"), detail);
        assertFalse(detail.contains("Attempts"), detail);
        assertTrue(detail.contains("Time"), detail);
        assertTrue(summary.contains("Time: "), summary);
        assertFalse(summary.contains("Attempts: 0"), summary);
    }

    @Test
    void aRunningTaskShowsHowLongItHasRunAndNoAttemptsYet() throws Exception {
        FreeStyleBuild b = r.buildAndAssertSuccess(r.createFreeStyleProject());
        CodegenBuildAction.of(b).start("Still going", null, false);
        b.save();

        String detail = r.createWebClient().goTo(b.getUrl() + "codegen/").asNormalizedText();
        String summary = r.createWebClient().getPage(b).asNormalizedText();

        assertFalse(detail.contains("Attempts"), detail);
        assertTrue(detail.matches("(?s).*Time\\s+\\d+\\.\\d s so far.*"), detail);
        assertTrue(summary.matches("(?s).*Time: \\d+\\.\\d s so far.*"), summary);
    }

    @Test
    void aFailureThatCountedNothingStillSaysSo() throws Exception {
        FreeStyleBuild b = r.buildAndAssertSuccess(r.createFreeStyleProject());
        CodegenBuildAction.of(b).start("Bad input", null, false).finish(TaskOutcomes.failedBeforeStart("", "Bad input",
                null, ErrorType.VALIDATION, "title is missing.", "Give the task a title.", null));
        b.save();

        String detail = r.createWebClient().goTo(b.getUrl() + "codegen/").asNormalizedText();

        assertTrue(detail.matches("(?s).*Attempts\\s+0.*"), "a validation failure made no attempt: " + detail);
    }

    @Test
    void anOverlongTitleIsQuotedByItsStartOnTheConsoleAndThePages() throws Exception {
        CodegenTesting.configure();
        CodegenTesting.agent(r);
        String title = "Add a feature ".repeat(800).strip();
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('py') { codegenTask title: '" + title + "', mock: true }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("title: is 11,199 characters long; at most 200 are allowed", b);
        r.assertLogContains("Codegen task \"" + title.substring(0, 100) + "… (11,199 characters)\" failed", b);
        for (String line : JenkinsRule.getLog(b).split("\\R")) {
            assertTrue(line.length() < 1_000, "a console line quotes the whole title: " + line.length());
        }
        assertTrue(CodegenTesting.onlyRecord(b).getTitle().length() < 130, CodegenTesting.onlyRecord(b).getTitle());
        String detail = r.createWebClient().goTo(b.getUrl() + "codegen/").getWebResponse().getContentAsString();
        assertFalse(detail.contains(title.substring(0, 300)), "the page repeats the whole title");
    }
}
