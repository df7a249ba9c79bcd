package io.jenkins.plugins.codegen.plugin.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import java.util.List;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The agent's live log: its lines in the console, its entries in the record, on the build page and in the REST API. */
@WithJenkins
class CodegenAgentLogTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
    }

    @Test
    void theConsoleShowsTheAgentsLinesAndTheRecordKeepsItsEntries() throws Exception {
        CodegenTesting.agent(r);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("""
                node('py') {
                  def r = codegenTask(title: 'Add input validation', repository: 'acme/webapp', mock: true)
                  echo "entries=${r.agentLogEntries}"
                }
                """, true));
        WorkflowRun b = r.buildAndAssertStatus(Result.SUCCESS, job);

        String log = JenkinsRule.getLog(b);
        List<String> agentLines = log.lines().filter(l -> l.startsWith("[agent] ")).toList();
        assertFalse(agentLines.isEmpty(), log);
        assertFalse(log.contains("[Codegen] [agent]"), "the agent's lines have no plugin prefix");
        assertTrue(agentLines.stream().allMatch(l -> l.length() <= AgentLogEntry.MAX_LINE), agentLines.toString());

        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        List<AgentLogLine> entries = record.getAgentLog().getEntries();
        assertFalse(entries.isEmpty());
        r.assertLogContains("entries=" + entries.size(), b);
        assertEquals(agentLines.size(), entries.size(), "each line is one entry of the record");
        assertEquals("FINAL_ANSWER", entries.get(entries.size() - 1).getMessageType(), "the run's last entry");
        String buildXml = CodegenTesting.buildXml(b);
        assertTrue(buildXml.contains("<agentLog>"), "the entries are saved in build.xml");
        assertFalse(buildXml.contains("AgentLogEntry"), "as the plugin's own class, not the core's record");
    }

    /** What the agent wrote comes from the API: the page shows it as text, never as markup. */
    @Test
    void theDetailPageListsTheEntriesEscaped() throws Exception {
        FreeStyleBuild b = r.buildAndAssertSuccess(r.createFreeStyleProject());
        CodegenTaskRecord record = CodegenBuildAction.of(b).start("Add input validation", null, true);
        record.agentLog(new AgentLogEntry(0, "2026-01-02T03:04:05Z", "ACTION", "read_file",
                "Reading <script>alert('thought')</script> the form"));
        record.agentLog(new AgentLogEntry(1, "2026-01-02T03:04:25Z", "ACTION", "<img src=x onerror=alert(1)>",
                "Editing <img src=x onerror=alert(2)> now"));
        b.save();

        HtmlPage page = r.createWebClient().goTo(b.getUrl() + "codegen/");
        String html = page.getWebResponse().getContentAsString();
        String text = page.asNormalizedText();
        assertTrue(text.contains("Agent log"), text);
        assertTrue(text.contains("2026-01-02T03:04:05Z"), text);
        assertTrue(text.contains("read_file"), text);
        assertTrue(text.contains("Reading <script>alert('thought')</script> the form"), "shown as text: " + text);
        assertTrue(text.contains("Editing <img src=x onerror=alert(2)> now"), text);
        for (DomElement script : page.getElementsByTagName("script")) {
            assertFalse(script.getTextContent().contains("alert("), "a script from the agent's log runs");
        }
        for (DomElement img : page.getElementsByTagName("img")) {
            assertFalse(img.hasAttribute("onerror"), "an image from the agent's log: " + img.asXml());
        }
        assertFalse(html.contains("<script>alert("), html);
        assertTrue(html.contains("&lt;script"), "escaped");
    }

    @Test
    void theRecordKeepsTheLast500EntriesOnceEachAndSaysHowManyWereDropped() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        FreeStyleBuild b = r.buildAndAssertSuccess(project);
        CodegenTaskRecord record = CodegenBuildAction.of(b).start("A long run", null, true);
        for (int i = 0; i < 510; i++) {
            record.agentLog(new AgentLogEntry(i, null, "ACTION", "run_tests", "Step " + i));
        }
        record.agentLog(new AgentLogEntry(509, null, "ACTION", "run_tests", "Step 509 again"));
        record.agentLog(new AgentLogEntry(3, null, "ACTION", "run_tests", "Step 3 again, after a restart"));
        b.save();

        AgentLogTrail trail = record.getAgentLog();
        assertEquals(500, trail.getEntries().size());
        assertEquals(10, trail.getDropped());
        assertEquals("Step 10", trail.getEntries().get(0).getThought(), "the oldest are dropped");
        assertEquals("Step 509", trail.getEntries().get(499).getThought(), "an entry seen again is not added");

        r.jenkins.reload();
        FreeStyleBuild reloaded = r.jenkins.getItemByFullName(project.getFullName(), FreeStyleProject.class)
                .getBuildByNumber(b.getNumber());
        AgentLogTrail read = CodegenTesting.onlyRecord(reloaded).getAgentLog();
        assertEquals(500, read.getEntries().size(), "build.xml keeps them");
        assertEquals(10, read.getDropped());

        String text = r.createWebClient().goTo(reloaded.getUrl() + "codegen/").asNormalizedText();
        assertTrue(text.contains("Only the last 500 entries of the agent's log are kept: 10 earlier entries were "
                + "dropped."), text);
        String json = r.createWebClient().goTo(reloaded.getUrl() + "codegen/api/json?depth=1", "application/json")
                .getWebResponse().getContentAsString();
        assertTrue(json.contains("\"dropped\":10"), json);
        assertTrue(json.contains("\"thought\":\"Step 509\""), json);
        String buildJson = r.createWebClient().goTo(reloaded.getUrl() + "api/json", "application/json")
                .getWebResponse().getContentAsString();
        assertFalse(buildJson.contains("Step 509"), "the build's own API does not carry the agent's log");
    }
}
