package io.jenkins.plugins.codegen.plugin.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jenkins.branch.BranchSource;
import jenkins.scm.impl.mock.MockSCMController;
import jenkins.scm.impl.mock.MockSCMDiscoverBranches;
import jenkins.scm.impl.mock.MockSCMSource;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A multibranch project is one job for budgets: its branch jobs count together, so a budget set on
 * the project holds however many branches (or pull requests) it builds.
 */
@WithJenkins
class CodegenBudgetMultibranchTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
        r.jenkins.setLabelString(CodegenTesting.AGENT_LABEL);
    }

    @Test
    void theBranchJobsOfAMultibranchProjectShareItsBudget() throws Exception {
        try (MockSCMController scm = MockSCMController.create()) {
            scm.createRepository("webapp");
            scm.createBranch("webapp", "master");
            byte[] jenkinsfile = "node('py') { codegenTask(title: 'Add rate limiting', mock: true) }"
                    .getBytes(StandardCharsets.UTF_8);
            scm.addFile("webapp", "master", "pipeline", "Jenkinsfile", jenkinsfile);
            scm.cloneBranch("webapp", "master", "feature");
            WorkflowMultiBranchProject project = BudgetTesting.folder(r, "team-m")
                    .createProject(WorkflowMultiBranchProject.class, "webapp");
            BudgetTesting.limit("team-m/webapp", 1, null);
            project.getSourcesList().add(new BranchSource(new MockSCMSource(scm, "webapp",
                    new MockSCMDiscoverBranches())));

            project.scheduleBuild2(0).getFuture().get();
            r.waitUntilNoActivity();

            List<Result> results = new ArrayList<>();
            for (String branch : List.of("master", "feature")) {
                WorkflowJob job = project.getItem(branch);
                WorkflowRun build = job.getLastBuild();
                results.add(build.getResult());
                if (build.getResult() == Result.FAILURE) {
                    r.assertLogContains("Codegen budget used up: multibranch project team-m/webapp (all its branches "
                            + "and pull requests together) allows 1 agent run per hour, and 1 was started", build);
                }
            }
            assertTrue(results.contains(Result.SUCCESS) && results.contains(Result.FAILURE), results.toString());
            assertEquals(1, BudgetTesting.scope(r, "team-m/webapp").getInt("usedLastHour"));
            assertEquals("multibranch", BudgetTesting.scope(r, "team-m/webapp").getString("kind"));
        }
    }
}
