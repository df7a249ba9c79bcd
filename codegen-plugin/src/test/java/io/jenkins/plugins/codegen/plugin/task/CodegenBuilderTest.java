package io.jenkins.plugins.codegen.plugin.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.io.StringReader;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step: its form keeps every field, and a build on an agent records the task. */
@WithJenkins
class CodegenBuilderTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
        CodegenTesting.agent(r);
    }

    private static CodegenBuilder everyField() {
        CodegenBuilder step = new CodegenBuilder("Add input validation");
        step.setDescription("The signup form accepts anything.\nIt must not.");
        step.setRequirements(List.of("Validate the e-mail address", "Show errors next to the field"));
        step.setAcceptanceCriteria(List.of("An invalid address is refused"));
        step.setPriority("high");
        step.setComplexityScore(5);
        step.setLanguage("JavaScript");
        step.setFramework("React");
        step.setTestingFramework("Jest");
        step.setAffectedFiles(List.of("src/Signup.jsx"));
        step.setTaskType("feature");
        step.setTaskId("PROJ-12");
        step.setRepository("acme/webapp");
        step.setBranch("main");
        step.setExistingFiles(List.of("src/Signup.jsx", "src/api.js"));
        step.setDependencies(List.of("react@18"));
        step.setArchitecture("single-page application");
        step.setDeployment("static hosting");
        step.setProjectContext(List.of("team=growth"));
        step.setCredentialsId("codegen-token");
        step.setOrgId(42L);
        step.setOptimizationLevel("comprehensive");
        step.setMaxRetries(2);
        step.setTimeout(20);
        step.setMock(true);
        step.setMockScenario("success");
        step.setBackend("rest");
        step.setFailOnError(false);
        return step;
    }

    @Test
    void everyFieldSurvivesAConfigurationRoundTrip() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        project.getBuildersList().add(everyField());

        r.configRoundtrip(project);

        r.assertEqualDataBoundBeans(everyField(), project.getBuildersList().get(CodegenBuilder.class));
    }

    @Test
    void aMinimalStepSurvivesARoundTripWithItsDefaults() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        project.getBuildersList().add(new CodegenBuilder("Fix the login bug"));

        r.configRoundtrip(project);

        CodegenBuilder after = project.getBuildersList().get(CodegenBuilder.class);
        r.assertEqualDataBoundBeans(new CodegenBuilder("Fix the login bug"), after);
        assertTrue(after.isFailOnError());
    }

    @Test
    void aFreestyleBuildOnAnAgentRecordsTheTaskAndExportsItsOutcome() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        project.setAssignedLabel(Label.get(CodegenTesting.AGENT_LABEL));
        CodegenBuilder step = new CodegenBuilder("Add input validation");
        step.setRepository("acme/webapp");
        step.setMock(true);
        project.getBuildersList().add(step);

        FreeStyleBuild b = r.buildAndAssertSuccess(project);

        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertEquals("SUCCEEDED", record.getStatus());
        assertTrue(record.getPrUrl().startsWith("https://github.com/acme/webapp/pull/"), record.getPrUrl());
        assertEquals(record.getPrUrl(), b.getEnvironment(r.createTaskListener()).get("CODEGEN_PR_URL"));
    }

    /**
     * A job whose config.xml has no failOnError element (written by hand, by Job DSL, or saved by an
     * older version): field initializers do not run when XStream loads it, and the default must hold.
     */
    @Test
    void aJobSavedWithoutFailOnErrorStillFailsOnAFailure() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("without-fail-on-error");
        String xml = "<?xml version='1.1' encoding='UTF-8'?>\n<project>\n"
                + "  <assignedNode>" + CodegenTesting.AGENT_LABEL + "</assignedNode>\n"
                + "  <canRoam>false</canRoam>\n  <builders>\n"
                + "    <io.jenkins.plugins.codegen.plugin.CodegenBuilder>\n"
                + "      <title>Refactor billing</title>\n      <mock>true</mock>\n"
                + "      <mockScenario>failed</mockScenario>\n"
                + "    </io.jenkins.plugins.codegen.plugin.CodegenBuilder>\n  </builders>\n</project>\n";
        project.updateByXml(new StreamSource(new StringReader(xml)));
        project = r.jenkins.getItemByFullName("without-fail-on-error", FreeStyleProject.class);

        CodegenBuilder loaded = project.getBuildersList().get(CodegenBuilder.class);
        assertTrue(loaded.isFailOnError(), "failOnError defaults to true also when loaded");
        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, project);
        r.assertLogContains("[task_failed]", b);
    }

    @Test
    void aFailureWithFailOnErrorOffMarksTheBuildUnstable() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        project.setAssignedLabel(Label.get(CodegenTesting.AGENT_LABEL));
        CodegenBuilder step = new CodegenBuilder("Refactor billing");
        step.setMock(true);
        step.setMockScenario("failed");
        step.setFailOnError(false);
        project.getBuildersList().add(step);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.UNSTABLE, project);

        r.assertLogContains("[task_failed]", b);
        assertEquals("FAILED", CodegenTesting.onlyRecord(b).getStatus());
    }
}
