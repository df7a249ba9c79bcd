package io.jenkins.plugins.codegen.plugin.autofix;

import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.awaitAutomaticFixes;
import static io.jenkins.plugins.codegen.plugin.autofix.AutoFixTesting.pageNotes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.slaves.EnvironmentVariablesNodeProperty;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.branch.BranchSource;
import jenkins.scm.impl.mock.MockSCMController;
import jenkins.scm.impl.mock.MockSCMDiscoverBranches;
import jenkins.scm.impl.mock.MockSCMDiscoverChangeRequests;
import jenkins.scm.impl.mock.MockSCMSource;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Automatic fixes of a multibranch project's builds, with scm-api's mock SCM: its branch jobs are
 * fixed on the named branches; its pull-request builds only when pull requests are switched on, and
 * never when the pull request comes from a branch Codegen made. The mock SCM names a pull request's
 * own branch {@code CR-<n>} (as {@code CHANGE_BRANCH}) and gives no {@code GIT_URL} or
 * {@code GIT_COMMIT}; those come from the controller's global variables here. (The mock SCM's
 * change log has no view, so the build pages are not opened here; AutoFixTest opens them.)
 */
@WithJenkins
class AutoFixMultibranchTest {
    private static final String JENKINSFILE = "echo '" + AutoFixTesting.FAILED_TEST + "'\n"
            + "error 'There are test failures.'\n";

    private JenkinsRule r;
    private TestSimulator simulator;
    private MockSCMController scm;
    private Integer changeRequest;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        simulator = new TestSimulator();
        r.jenkins.getGlobalNodeProperties().add(new EnvironmentVariablesNodeProperty(
                new EnvironmentVariablesNodeProperty.Entry("GIT_URL", "https://github.com/acme/webapp.git"),
                new EnvironmentVariablesNodeProperty.Entry("GIT_COMMIT", AutoFixTesting.COMMIT)));
        scm = MockSCMController.create();
        scm.createRepository("webapp");
        scm.createBranch("webapp", "main");
        scm.addFile("webapp", "main", "a failing build", "Jenkinsfile", JENKINSFILE.getBytes(StandardCharsets.UTF_8));
        changeRequest = scm.openChangeRequest("webapp", "main");
    }

    @AfterEach
    void tearDown() throws Exception {
        scm.close();
        simulator.close();
    }

    /** Indexes the project, which builds its branch and its pull request (both fail), and waits for their fixes. */
    private WorkflowMultiBranchProject project(String scenario) throws Exception {
        simulator.configure(scenario);
        CodegenGlobalConfiguration.get().setAutoFix(true);
        WorkflowMultiBranchProject project = r.jenkins.createProject(WorkflowMultiBranchProject.class, "webapp");
        project.getSourcesList().add(new BranchSource(new MockSCMSource(scm, "webapp", new MockSCMDiscoverBranches(),
                new MockSCMDiscoverChangeRequests())));
        project.scheduleBuild2(0).getFuture().get();
        r.waitUntilNoActivity();
        awaitAutomaticFixes(build(project, "main"));
        awaitAutomaticFixes(build(project, pullRequest()));
        return project;
    }

    private String pullRequest() {
        return "CR-" + changeRequest;
    }

    private static WorkflowRun build(WorkflowMultiBranchProject project, String branch) {
        WorkflowJob job = project.getItem(branch);
        WorkflowRun build = job.getBuildByNumber(1);
        assertEquals(Result.FAILURE, build.getResult());
        return build;
    }

    @Test
    void theDefaultBranchIsFixedAndAPullRequestIsNotUnlessPullRequestsAreOn() throws Exception {
        WorkflowMultiBranchProject project = project("success;id=multibranch");

        CodegenTaskRecord fix = CodegenTesting.onlyRecord(build(project, "main"));
        assertTrue(fix.isAutomatic());
        assertEquals("SUCCEEDED", fix.getStatus());
        WorkflowRun pullRequest = build(project, pullRequest());
        assertNull(pullRequest.getAction(CodegenBuildAction.class));
        assertEquals(List.of("Codegen automatic fix skipped: pull request " + changeRequest + " (" + pullRequest()
                + " into main) is a pull-request build, and automatic fixes of pull requests are off."),
                pageNotes(pullRequest));
        assertEquals(1, simulator.createdRuns("success;id=multibranch"));
    }

    /** With pull requests on, the fix of a pull-request build names its own branch and its target, not the job's name. */
    @Test
    void aPullRequestsAutomaticFixNamesItsBranchAndItsTarget() throws Exception {
        CodegenGlobalConfiguration.get().setAutoFixPullRequests(true);

        WorkflowMultiBranchProject project = project("success;id=pull-request");

        String prompt = CodegenTesting.onlyRecord(build(project, pullRequest())).getPrompt();
        assertTrue(prompt.contains("branch " + pullRequest() + ", in a pull request into main, at commit "
                + AutoFixTesting.COMMIT), prompt);
        assertTrue(prompt.contains("open a pull request against " + pullRequest() + "."), prompt);
    }

    /**
     * A pull request from a branch Codegen made is never fixed, even with pull requests on: its
     * source branch ({@code CHANGE_BRANCH}) carries the Codegen prefix, here the mock SCM's {@code CR}.
     */
    @Test
    void aPullRequestFromABranchCodegenMadeIsNotFixed() throws Exception {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        global.setAutoFixPullRequests(true);
        global.setCodegenBranchPrefix("CR");

        WorkflowMultiBranchProject project = project("success;id=codegen-branch");

        WorkflowRun pullRequest = build(project, pullRequest());
        assertNull(pullRequest.getAction(CodegenBuildAction.class), "nothing was sent");
        assertEquals(List.of("Codegen automatic fix skipped: pull request " + changeRequest + " (" + pullRequest()
                + " into main) comes from a branch made by Codegen (prefix 'CR'), and a fix is never asked for a fix."),
                pageNotes(pullRequest));
        assertTrue(CodegenTesting.onlyRecord(build(project, "main")).isAutomatic());
        assertEquals(1, simulator.createdRuns("success;id=codegen-branch"));
    }
}
