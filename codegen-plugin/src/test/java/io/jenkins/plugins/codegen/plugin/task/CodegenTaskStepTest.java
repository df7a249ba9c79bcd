package io.jenkins.plugins.codegen.plugin.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.util.List;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The codegenTask step in Pipelines on an agent, in mock mode: the whole path runs against the simulated API. */
@WithJenkins
class CodegenTaskStepTest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
        agent = CodegenTesting.agent(r);
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }

    @Test
    void scriptedPipelineGetsTheResultAsAMapAndTheBuildRecordsIt() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  def r = codegenTask(title: 'Add input validation to the signup form',
                                      requirements: ['Validate the e-mail address', 'Show errors next to the field'],
                                      repository: 'acme/webapp', taskId: 'PROJ-1', mock: true)
                  echo "PR ${r.prUrl}"
                  echo "status=${r.status} number=${r.prNumber} run=${r.runId} attempts=${r.attempts}"
                  echo "keys=${r.keySet()}"
                }
                """, Result.SUCCESS);

        r.assertLogContains("status=SUCCEEDED", b);
        r.assertLogContains("PR https://github.com/acme/webapp/pull/", b);
        r.assertLogContains("attempts=1", b);
        r.assertLogContains("keys=[taskId, title, status, prUrl, prNumber, prTitle, branch, runId, webUrl, runStatus, "
                + "attempts, responseTimeMs, promptLevel, originalPromptLength, promptLength, promptShed, errorType, "
                + "errorMessage, guidance, retryable, apiRequests, backend, followUpOf, agentLogEntries]", b);
        r.assertLogContains("[Codegen] Task \"Add input validation to the signup form\" (PROJ-1) in mock mode", b);
        r.assertLogContains("[Codegen] Prompt optimized (standard)", b);

        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertEquals("SUCCEEDED", record.getStatus());
        assertEquals("Add input validation to the signup form", record.getTitle());
        assertEquals("PROJ-1", record.getTaskId());
        assertTrue(record.getPrUrl().startsWith("https://github.com/acme/webapp/pull/"));
        assertNotNull(record.getRunId());
        assertNull(record.getWebUrl(), "a simulated run has no page: the simulator is gone after the task");
        assertTrue(record.getPrompt().contains("Validate the e-mail address"));
        assertTrue(record.isMock());

        FilePath workspace = agent.getWorkspaceFor(b.getParent());
        assertNotNull(workspace);
        assertEquals(List.of(), CodegenTesting.leftoverBridgeFolders(workspace), "the bridge's folder is removed");
    }

    @Test
    void declarativePipeline() throws Exception {
        WorkflowRun b = run("""
                pipeline {
                  agent { label 'py' }
                  stages {
                    stage('Codegen') {
                      steps {
                        codegenTask title: 'Fix the login bug', taskType: 'bug_fix', mock: true
                        script {
                          def r = codegenTask(title: 'Second task', mock: true, failOnError: false)
                          echo "second=${r.status}"
                        }
                      }
                    }
                  }
                }
                """, Result.SUCCESS);

        r.assertLogContains("second=SUCCEEDED", b);
        assertEquals(2, b.getAction(CodegenBuildAction.class).getTasks().size());
    }

    /** Words and figures on the build page are separated (Jelly trims the whitespace beside its tags). */
    @Test
    void theBuildPagesKeepTheSpacesBetweenWhatTheyShow() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  codegenTask(title: 'Add input validation', repository: 'acme/webapp', mock: true)
                }
                """, Result.SUCCESS);

        JenkinsRule.WebClient wc = r.createWebClient();
        String summary = text(wc.getPage(b));
        assertTrue(summary.contains("Add input validation: Pull request opened (mock mode)"), summary);
        assertTrue(summary.contains("Pull request: #1 Add input validation on branch codegen/run-1"), summary);
        assertTrue(summary.contains("Agent run: 1 (COMPLETE)"), summary);
        String detail = text(wc.getPage(b, "codegen/"));
        assertTrue(detail.contains("Pull request opened (mock mode)"), detail);
        assertTrue(detail.contains("#1 Add input validation"), detail);
        assertTrue(detail.contains("1 (COMPLETE)"), detail);
        // A simulated run has no page to link to: the simulator is gone.
        assertNull(CodegenTesting.onlyRecord(b).getWebUrl());
    }

    private static String text(HtmlPage page) {
        return page.asNormalizedText().replace('\u00a0', ' ');
    }

    @Test
    void failOnErrorFalseReturnsTheFailureWithoutFailingTheBuild() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  def r = codegenTask(title: 'Refactor the billing module', mock: true, mockScenario: 'failed',
                                      failOnError: false)
                  echo "status=${r.status} type=${r.errorType} retryable=${r.retryable}"
                  echo "guidance=${r.guidance}"
                }
                """, Result.SUCCESS);

        r.assertLogContains("status=FAILED type=task_failed retryable=false", b);
        // The bridge's guidance, which names the run's page, is more useful than the generic one of the type.
        r.assertLogContains("guidance=Open ", b);
        r.assertLogContains("to see what the agent did; adjust the task and run again.", b);
        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertEquals("FAILED", record.getStatus());
        assertEquals("task_failed", record.getErrorType());
        assertNotNull(record.getRunId(), "the failed agent run is still linked");
    }

    @Test
    void aFailureFailsTheStepWithTheErrorTypeAndWhatToDo() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  codegenTask title: 'Refactor the billing module', mock: true, mockScenario: 'failed'
                  echo 'not reached'
                }
                """, Result.FAILURE);

        r.assertLogContains("Codegen task \"Refactor the billing module\" failed: [task_failed]", b);
        r.assertLogContains("What to do: Open ", b);
        r.assertLogContains("to see what the agent did; adjust the task and run again.", b);
        r.assertLogNotContains("not reached", b);
        assertEquals("FAILED", CodegenTesting.onlyRecord(b).getStatus());
    }

    @Test
    void invalidInputNamesTheStepParameterAndSendsNothing() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  codegenTask title: 'Tidy up', complexityScore: 15, priority: 'urgent', branch: 'bad..branch',
                              mock: true
                }
                """, Result.FAILURE);

        r.assertLogContains("codegenTask parameter priority: is 'urgent'. Use one of low, medium, high, critical.", b);
        r.assertLogContains("codegenTask parameter complexityScore: is 15; it must be from 1 to 10", b);
        r.assertLogContains("codegenTask parameter branch:", b);
        r.assertLogContains("nothing was sent to Codegen", b);
        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertEquals("validation", record.getErrorType());
        assertNull(record.getRunId());
    }

    @Test
    void aMissingTitleIsNamed() throws Exception {
        WorkflowRun b = run("node('py') { codegenTask title: '', mock: true }", Result.FAILURE);

        r.assertLogContains("codegenTask parameter title: is missing. Give the task a one-line title", b);
    }

    @Test
    void taskAndContextFilesWithParametersWinning() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  writeFile file: 'ci/task.json', text: '''{"id": "PROJ-7", "type": "feature", "title": "From the file",
                      "requirements": ["Requirement from the file"], "priority": "high"}'''
                  writeFile file: 'ci/context.json', text: '''{"codebase_context": {"repository": "acme/api",
                      "branch": "main"}, "project_context": {"architecture": "microservices", "team": "payments"}}'''
                  def r = codegenTask(taskFile: 'ci/task.json', contextFile: 'ci/context.json',
                                      title: 'From the step', projectContext: ['team=billing', 'region=eu'],
                                      optimizationLevel: 'comprehensive', mock: true)
                  echo "title=${r.title} task=${r.taskId} pr=${r.prUrl}"
                }
                """, Result.SUCCESS);

        r.assertLogContains("title=From the step task=PROJ-7 pr=https://github.com/acme/api/pull/", b);
        String prompt = CodegenTesting.onlyRecord(b).getPrompt();
        assertTrue(prompt.contains("Requirement from the file"), prompt);
        assertTrue(prompt.contains("billing"), prompt);
        assertFalse(prompt.contains("payments"), "the step's fact wins over the file's");
    }

    @Test
    void aProblemInTheTaskFileNamesTheFileEntry() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  writeFile file: 'task.json', text: '{"title": "From the file", "complexityScore": 42}'
                  codegenTask taskFile: 'task.json', mock: true
                }
                """, Result.FAILURE);

        r.assertLogContains("'complexityScore' in task.json: is 42", b);
    }

    @Test
    void aMissingTaskFileIsNamed() throws Exception {
        WorkflowRun b = run("node('py') { codegenTask taskFile: 'nope/task.json', mock: true }", Result.FAILURE);

        r.assertLogContains("codegenTask parameter taskFile 'nope/task.json': does not exist", b);
    }

    @Test
    void listParametersAlsoTakeTextWithOneItemPerLine() throws Exception {
        WorkflowRun b = run("""
                node('py') {
                  def second = 'Show errors next to the field'
                  codegenTask title: 'Validate input', requirements: "Validate the e-mail address\\n${second}", mock: true
                }
                """, Result.SUCCESS);

        String prompt = CodegenTesting.onlyRecord(b).getPrompt();
        assertTrue(prompt.contains("Validate the e-mail address") && prompt.contains("Show errors next to the field"),
                prompt);
    }

    @Test
    void theStepNeedsANode() throws Exception {
        WorkflowRun b = run("codegenTask title: 'x', mock: true", Result.FAILURE);

        r.assertLogContains("Perhaps you forgot to surround the codegenTask step with a step that provides this", b);
        assertNull(b.getAction(CodegenBuildAction.class), "nothing ran");
    }

    @Test
    void globalMockModeNeedsNoCredential() throws Exception {
        CodegenGlobalConfiguration.get().setMock(true);

        WorkflowRun b = run("node('py') { echo \"status=${codegenTask(title: 'Dry run').status}\" }", Result.SUCCESS);

        r.assertLogContains("status=SUCCEEDED", b);
    }
}
