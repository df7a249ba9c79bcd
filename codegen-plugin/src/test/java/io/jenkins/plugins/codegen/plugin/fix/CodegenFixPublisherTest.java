package io.jenkins.plugins.codegen.plugin.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.tasks.Shell;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import org.jvnet.hudson.test.FailureBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.UnstableBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle post-build action: its form keeps every option, and it runs only on a failed build. */
@WithJenkins
class CodegenFixPublisherTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
        CodegenFixStepTest.builtInNodeRunsTheBuilds(r);
    }

    private static CodegenFixPublisher everyOption() {
        CodegenFixPublisher fix = new CodegenFixPublisher();
        fix.setAlsoOnUnstable(true);
        fix.setLogLines(120);
        fix.setRepository("https://github.com/acme/webapp.git");
        fix.setBranch("main");
        fix.setCommit("${GIT_COMMIT}");
        fix.setForce(true);
        fix.setCodegenBranchPrefix("bot/");
        fix.setCredentialsId("codegen-token");
        fix.setOrgId(42L);
        fix.setOptimizationLevel("minimal");
        fix.setMaxRetries(2);
        fix.setTimeout(20);
        fix.setMock(true);
        fix.setMockScenario("success");
        fix.setBackend("rest");
        return fix;
    }

    private static CodegenFixPublisher mockFix() {
        CodegenFixPublisher fix = new CodegenFixPublisher();
        fix.setRepository("acme/webapp");
        fix.setBranch("main");
        fix.setCommit(CodegenFixStepTest.COMMIT);
        fix.setMock(true);
        return fix;
    }

    private FreeStyleProject project() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        project.setAssignedLabel(Label.get(CodegenTesting.AGENT_LABEL));
        return project;
    }

    @Test
    void everyOptionSurvivesAConfigurationRoundTrip() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        project.getPublishersList().add(everyOption());

        r.configRoundtrip(project);

        r.assertEqualDataBoundBeans(everyOption(), project.getPublishersList().get(CodegenFixPublisher.class));
    }

    /**
     * Apart from the other options: a checkbox whose default is checked, which a Jelly engine that reads
     * {@code false ?: true} as true (the emulated one some local test environments use) shows checked.
     */
    @Test
    void failOnErrorOffSurvivesAConfigurationRoundTrip() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        CodegenFixPublisher fix = new CodegenFixPublisher();
        fix.setFailOnError(false);
        project.getPublishersList().add(fix);

        r.configRoundtrip(project);

        assertFalse(project.getPublishersList().get(CodegenFixPublisher.class).isFailOnError());
    }

    @Test
    void aMinimalActionSurvivesARoundTripWithItsDefaults() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        project.getPublishersList().add(new CodegenFixPublisher());

        r.configRoundtrip(project);

        CodegenFixPublisher after = project.getPublishersList().get(CodegenFixPublisher.class);
        r.assertEqualDataBoundBeans(new CodegenFixPublisher(), after);
        assertTrue(after.isFailOnError());
        assertNull(after.getLogLines());
    }

    @Test
    void aFailedBuildGetsAFixAndStaysFailed() throws Exception {
        FreeStyleProject project = project();
        project.getBuildersList().add(new Shell("echo 'FAILED: com.acme.SignupTest.rejectsEmptyEmail'"));
        project.getBuildersList().add(new FailureBuilder());
        project.getPublishersList().add(mockFix());

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, project);

        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertTrue(record.isFix());
        assertEquals("SUCCEEDED", record.getStatus());
        assertTrue(record.getPrUrl().startsWith("https://github.com/acme/webapp/pull/"), record.getPrUrl());
        assertTrue(record.getPrompt().contains("FAILED: com.acme.SignupTest.rejectsEmptyEmail"), record.getPrompt());
    }

    @Test
    void aSuccessfulBuildGetsNoFix() throws Exception {
        FreeStyleProject project = project();
        project.getPublishersList().add(mockFix());

        FreeStyleBuild b = r.buildAndAssertSuccess(project);

        r.assertLogContains("Codegen fix skipped: the build's result is SUCCESS; a fix is asked only for a failed "
                + "build.", b);
        assertNull(b.getAction(CodegenBuildAction.class));
    }

    @Test
    void anUnstableBuildGetsAFixOnlyWhenAsked() throws Exception {
        FreeStyleProject project = project();
        project.getBuildersList().add(new UnstableBuilder());
        CodegenFixPublisher fix = mockFix();
        project.getPublishersList().add(fix);

        FreeStyleBuild skipped = r.buildAndAssertStatus(Result.UNSTABLE, project);
        assertNull(skipped.getAction(CodegenBuildAction.class));

        fix.setAlsoOnUnstable(true);
        FreeStyleBuild fixed = r.buildAndAssertStatus(Result.UNSTABLE, project);
        assertTrue(CodegenTesting.onlyRecord(fixed).isFix());
    }

    @Test
    void aFailedFixWithFailOnErrorOffLeavesTheResultAsItWas() throws Exception {
        FreeStyleProject project = project();
        project.getBuildersList().add(new FailureBuilder());
        CodegenFixPublisher fix = mockFix();
        fix.setMockScenario("failed");
        fix.setFailOnError(false);
        project.getPublishersList().add(fix);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, project);

        r.assertLogContains("the failed fix is recorded; the build's result stays FAILURE.", b);
        assertEquals("FAILED", CodegenTesting.onlyRecord(b).getStatus());
    }
}
