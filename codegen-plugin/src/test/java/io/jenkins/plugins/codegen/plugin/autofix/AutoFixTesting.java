package io.jenkins.plugins.codegen.plugin.autofix;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleProject;
import hudson.model.Job;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Run;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenFixSkips;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;

/**
 * Failing jobs whose builds say where their code is (as a Git checkout would: {@code GIT_URL},
 * {@code GIT_BRANCH}, {@code GIT_COMMIT}, here as build parameters) and have no fix step, and ways to
 * wait for the automatic fixes.
 */
final class AutoFixTesting {
    static final String COMMIT = "3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b";
    static final String FAILED_TEST = "FAILED: com.acme.SignupTest.rejectsEmptyEmail expected:<400> but was:<200>";

    private AutoFixTesting() {
    }

    /** The variables of a checkout of acme/webapp at this branch and commit. */
    static ParametersDefinitionProperty checkout(String branch, String commit) {
        return new ParametersDefinitionProperty(
                new StringParameterDefinition("GIT_URL", "https://github.com/acme/webapp.git"),
                new StringParameterDefinition("GIT_BRANCH", "origin/" + branch),
                new StringParameterDefinition("GIT_COMMIT", commit));
    }

    /** A Pipeline that fails its tests and asks for no fix; {@code extra} runs after the failure. */
    static WorkflowJob failingPipeline(JenkinsRule r, String name, String branch, String commit, String extra)
            throws Exception {
        return failingPipeline(r.createProject(WorkflowJob.class, name), branch, commit, extra);
    }

    /** The same Pipeline in a folder, at {@link #COMMIT}. */
    static WorkflowJob failingPipeline(Folder folder, String name, String branch, String extra) throws Exception {
        return failingPipeline(folder.createProject(WorkflowJob.class, name), branch, COMMIT, extra);
    }

    private static WorkflowJob failingPipeline(WorkflowJob job, String branch, String commit, String extra)
            throws Exception {
        job.addProperty(checkout(branch, commit));
        job.setDefinition(new CpsFlowDefinition("""
                catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {
                  echo 'Tests run: 12, Failures: 1'
                  echo '%s'
                  error 'There are test failures.'
                }
                %s
                """.formatted(FAILED_TEST, extra), true));
        return job;
    }

    /** A freestyle job whose one build step prints a failed test and fails. */
    static FreeStyleProject failingFreestyle(JenkinsRule r, String name, String branch) throws Exception {
        FreeStyleProject project = r.createFreeStyleProject(name);
        project.addProperty(checkout(branch, COMMIT));
        project.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) {
                listener.getLogger().println(FAILED_TEST);
                listener.getLogger().println("Build step failed: there are test failures.");
                return false;
            }
        });
        return project;
    }

    /** Until the controller has looked at the end of this failed build and every fix it started has ended. */
    static void awaitAutomaticFixes(Run<?, ?> build) throws InterruptedException {
        while (!AutoFixes.get().idleAfter(build)) {
            Thread.sleep(100);
        }
    }

    /** Until the queue holds nothing and no fix runs (after a restart). */
    static void awaitEmptyQueue() throws InterruptedException {
        while (!AutoFixes.get().idle()) {
            Thread.sleep(100);
        }
    }

    /** Until the build's automatic fix has created (or found) its agent run. */
    static CodegenTaskRecord awaitAgentRun(Run<?, ?> build) throws InterruptedException {
        while (true) {
            CodegenBuildAction action = build.getAction(CodegenBuildAction.class);
            if (action != null) {
                for (CodegenTaskRecord record : action.getTasks()) {
                    if (record.getRunId() != null) {
                        return record;
                    }
                }
            }
            Thread.sleep(100);
        }
    }

    static List<String> pageNotes(Run<?, ?> build) {
        CodegenFixSkips skips = build.getAction(CodegenFixSkips.class);
        return skips == null ? List.of() : skips.getReasons();
    }

    static Job<?, ?> job(JenkinsRule r, String name) {
        return r.jenkins.getItemByFullName(name, Job.class);
    }
}
