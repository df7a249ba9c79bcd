package io.jenkins.plugins.codegen.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Run;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.fix.CodegenFixPublisher;
import io.jenkins.plugins.codegen.plugin.record.AgentLogLine;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.task.CodegenBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.jvnet.hudson.test.junit.jupiter.WithLocalData;

/**
 * What a Jenkins stored while every class was in {@code io.jenkins.plugins.codegen.plugin} loads
 * after the classes moved into their packages, with every value: the files beside this test were
 * written by that version (the global configuration, a freestyle job with the build step, the fix
 * action and a follow-up, finished freestyle and Pipeline builds with their tasks). Saved again, a
 * file differs from the one loaded only in the class names.
 */
@WithJenkins
class StoredDataTest {
    private static final String OLD = "io.jenkins.plugins.codegen.plugin.";
    /** The old names that stored files hold, and the classes they became. */
    private static final Map<String, String> MOVED = Map.of(
            "CodegenGlobalConfiguration", "config.", "CodegenBuilder", "task.", "CodegenFixPublisher", "fix.",
            "CodegenBuildAction", "record.", "CodegenTaskRecord", "record.", "AgentLogLine", "record.");
    private static final String GLOBAL_FILE = OLD + "CodegenGlobalConfiguration.xml";

    @Test
    @WithLocalData
    void theGlobalConfigurationKeepsItsFileAndEveryValue(JenkinsRule r) throws Exception {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();

        assertEquals("https://codegen.example.com/api", global.getApiUrl());
        assertEquals("codegen-token", global.getCredentialsId());
        assertEquals(4242L, global.getOrgId());
        assertEquals("/opt/python3.12/bin/python3", global.getPythonPath());
        assertEquals(45, global.getTimeout());
        assertEquals(5, global.getMaxRetries());
        assertEquals(3, global.getBaseDelay());
        assertEquals(1.5, global.getBackoffMultiplier());
        assertEquals("minimal", global.getOptimizationLevel());
        assertEquals(6000, global.getMaxPromptLength());
        assertEquals(false, global.isIncludeExamples());
        assertEquals(false, global.isMock());
        assertEquals(7, global.getPollInterval());
        assertEquals("sdk", global.getBackend());
        assertEquals(true, global.isDebugLogging());
        assertEquals(9, global.getMaxFixesPerDay());
        assertEquals("codegen-bot/", global.getCodegenBranchPrefix());

        String stored = read(r, GLOBAL_FILE);
        global.save();
        assertEquals(renamed(stored), read(r, GLOBAL_FILE), "saved again under the same file name");
    }

    @Test
    @WithLocalData
    void aFreestyleJobKeepsItsBuildStepFixActionAndFollowUp(JenkinsRule r) throws Exception {
        FreeStyleProject freestyle = r.jenkins.getItemByFullName("freestyle", FreeStyleProject.class);
        CodegenBuilder step = freestyle.getBuildersList().get(CodegenBuilder.class);
        assertEquals("Add input validation", step.getTitle());
        assertEquals(List.of("src/Signup.jsx", "src/api.js"), step.getExistingFiles());
        assertEquals(false, step.isFailOnError());
        CodegenFixPublisher fix = freestyle.getPublishersList().get(CodegenFixPublisher.class);
        assertEquals(120, fix.getLogLines());
        assertEquals("bot/", fix.getCodegenBranchPrefix());
        assertEquals(true, fix.isAlsoOnUnstable());
        CodegenBuilder followUp = r.jenkins.getItemByFullName("follow-up", FreeStyleProject.class).getBuildersList()
                .get(CodegenBuilder.class);
        assertEquals(1234L, followUp.getResume().getRunId());
        assertEquals("Address the review: rename the helper.", followUp.getResume().getPrompt());

        for (String job : List.of("freestyle", "follow-up", "failing")) {
            String stored = read(r, "jobs/" + job + "/config.xml");
            r.jenkins.getItemByFullName(job, FreeStyleProject.class).save();
            assertEquals(renamed(stored), read(r, "jobs/" + job + "/config.xml"), job + " saved again");
        }
    }

    @Test
    @WithLocalData
    void finishedBuildsKeepTheirTasksOnTheirPages(JenkinsRule r) throws Exception {
        FreeStyleBuild built = r.jenkins.getItemByFullName("freestyle", FreeStyleProject.class).getBuildByNumber(1);
        CodegenTaskRecord task = CodegenTesting.onlyRecord(built);
        assertEquals("SUCCEEDED", task.getStatus());
        assertEquals("https://github.com/acme/webapp/pull/1", task.getPrUrl());
        assertEquals(1L, task.getRunId());
        assertEquals("comprehensive", task.getPromptLevel());
        assertEquals(List.of(), task.getSettingsFrom(), "a record from before settings were traced has none");
        List<AgentLogLine> log = task.getAgentLog().getEntries();
        assertEquals(List.of("PLAN_EVALUATION", "FINAL_ANSWER"), log.stream().map(AgentLogLine::getMessageType).toList());
        assertEquals(task.getPrUrl(), built.getEnvironment(r.createTaskListener()).get("CODEGEN_PR_URL"));
        assertPageShows(r, built, "href=\"https://github.com/acme/webapp/pull/1\"", "Made the requested change");

        FreeStyleBuild fixed = r.jenkins.getItemByFullName("failing", FreeStyleProject.class).getBuildByNumber(1);
        CodegenTaskRecord fix = CodegenTesting.onlyRecord(fixed);
        assertTrue(fix.isFix());
        assertEquals("log:ba6d16f8cb2854fe", fix.getFailureSignature());
        assertPageShows(r, fixed, "Fix the failing build of failing at 0123456");

        WorkflowRun pipeline = r.jenkins.getItemByFullName("pipeline", WorkflowJob.class).getBuildByNumber(1);
        assertEquals("SUCCEEDED", CodegenTesting.onlyRecord(pipeline).getStatus());
        assertPageShows(r, pipeline, "href=\"https://github.com/acme/webapp/pull/1\"");
        List<String> steps = new DepthFirstScanner().allNodes(pipeline.getExecution()).stream()
                .map(FlowNode::getDisplayFunctionName).toList();
        assertTrue(steps.contains("codegenTask"), "the build's step is still known as codegenTask: " + steps);

        for (Run<?, ?> run : List.of(built, fixed)) {
            String stored = read(r, run.getRootDir(), "build.xml");
            run.save();
            String saved = read(r, run.getRootDir(), "build.xml");
            assertEquals(renamed(stored), withoutNewFields(saved), run + " saved again");
        }
    }

    private static void assertPageShows(JenkinsRule r, Run<?, ?> run, String... texts) throws Exception {
        String page = r.createWebClient().goTo(run.getUrl() + "codegen/").getWebResponse().getContentAsString();
        for (String text : texts) {
            assertTrue(page.contains(text), "the build page of " + run + " has " + text + ": " + page);
        }
    }

    /** The stored text with each old class name replaced by the new one. */
    private static String renamed(String stored) {
        String text = stored;
        for (Map.Entry<String, String> moved : MOVED.entrySet()) {
            text = text.replace("<" + OLD + moved.getKey() + ">", "<" + OLD + moved.getValue() + moved.getKey() + ">")
                    .replace("</" + OLD + moved.getKey() + ">", "</" + OLD + moved.getValue() + moved.getKey() + ">");
        }
        return text;
    }

    /**
     * A build saved again by this version also writes the fields that came after the fixtures were
     * made (a record's countsUnknown and automatic, the build's tags, the tags that hold a unit of
     * the budgets); everything else must read as it was stored.
     */
    private static String withoutNewFields(String saved) {
        return saved.replaceAll("(?m)^\\s*<countsUnknown>[a-z]+</countsUnknown>\\n", "")
                .replaceAll("(?m)^\\s*<automatic>false</automatic>\\n", "")
                .replaceAll("(?m)^\\s*<tags/>\\n", "")
                .replaceAll("(?ms)^\\s*<tags>.*?</tags>\\n", "")
                .replaceAll("(?m)^\\s*<budgetedTags/>\\n", "");
    }

    private static String read(JenkinsRule r, String path) throws Exception {
        return read(r, r.jenkins.getRootDir(), path);
    }

    private static String read(JenkinsRule r, File dir, String path) throws Exception {
        return Files.readString(new File(dir, path).toPath(), StandardCharsets.UTF_8);
    }
}
