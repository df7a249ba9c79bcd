package io.jenkins.plugins.codegen.plugin.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Launcher;
import hudson.LauncherDecorator;
import hudson.Proc;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Node;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.task.CodegenBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The bridge runs through launchers that behave like Kubernetes' {@code container {}} (the process
 * gets no stdin and its stdout never comes back) and like Docker Pipeline's {@code docker.inside}
 * (every variable of the process becomes a command-line argument, which the agent's process list
 * shows): a Pipeline step and a freestyle step succeed through both, against a simulated API that
 * accepts only the real token, and no command line carries the token.
 */
@WithJenkins
class CodegenLaunchersTest {
    /** Every command line the docker-like launcher ran, as {@code ps} on the agent host would show it. */
    static final List<String> COMMAND_LINES = new CopyOnWriteArrayList<>();
    private static final String SCENARIO = "success;polls=2";

    private JenkinsRule r;
    private TestSimulator simulator;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        COMMAND_LINES.clear();
        simulator = new TestSimulator();
        simulator.configure(SCENARIO);
        CodegenTesting.agent(r);
    }

    @AfterEach
    void tearDown() throws Exception {
        simulator.close();
    }

    private void pipelineAndFreestyleSucceed() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('py') {\n"
                + "  def r = codegenTask(title: 'Add rate limiting')\n"
                + "  echo \"status=${r.status}\"\n"
                + "}", true));
        WorkflowRun pipeline = r.buildAndAssertSuccess(job);
        r.assertLogContains("status=SUCCEEDED", pipeline);
        r.assertLogNotContains(CodegenTesting.TOKEN, pipeline);

        FreeStyleProject project = r.createFreeStyleProject();
        project.setAssignedLabel(Label.get(CodegenTesting.AGENT_LABEL));
        project.getBuildersList().add(new CodegenBuilder("Add rate limiting"));
        FreeStyleBuild freestyle = r.buildAndAssertSuccess(project);
        assertEquals("SUCCEEDED", CodegenTesting.onlyRecord(freestyle).getStatus());
        r.assertLogNotContains(CodegenTesting.TOKEN, freestyle);
    }

    @Test
    void throughAContainerLauncherThatGivesNoStdinAndHandsBackNoStdout() throws Exception {
        pipelineAndFreestyleSucceed();
        assertTrue(ContainerLike.launches > 0, "the tasks' commands went through the container-like launcher");
    }

    @Test
    void throughADockerInsideLauncherThatPutsTheEnvironmentOnTheCommandLine() throws Exception {
        pipelineAndFreestyleSucceed();
        assertTrue(COMMAND_LINES.stream().anyMatch(line -> line.contains("codegen_bridge")),
                "the bridge started through the docker-like launcher: " + COMMAND_LINES);
        assertTrue(COMMAND_LINES.stream().anyMatch(line -> line.contains("--env ")),
                "the launcher did put variables on the command line: " + COMMAND_LINES);
        for (String line : COMMAND_LINES) {
            assertFalse(line.contains(CodegenTesting.TOKEN), "a command line carries the token: " + line);
        }
    }

    /**
     * Like kubernetes' {@code ContainerExecDecorator}: the process reads an empty stdin (the exec
     * session's, not the caller's) and its output goes elsewhere, never to the caller's stream.
     */
    @TestExtension("throughAContainerLauncherThatGivesNoStdinAndHandsBackNoStdout")
    public static final class ContainerLike extends LauncherDecorator {
        static volatile int launches;

        @NonNull
        @Override
        public Launcher decorate(@NonNull Launcher launcher, @NonNull Node node) {
            return new Launcher.DecoratedLauncher(launcher) {
                @Override
                public Proc launch(@NonNull ProcStarter starter) throws IOException {
                    launches++;
                    starter.stdin(InputStream.nullInputStream());
                    starter.stdout(OutputStream.nullOutputStream());
                    return super.launch(starter);
                }
            };
        }
    }

    /**
     * Like docker-workflow's {@code WithContainerStep} decorator: {@code docker exec} without
     * {@code -i} (no stdin), with every variable of the process as a {@code --env NAME=value}
     * argument; it records each command line it builds. Here {@code env} stands in for
     * {@code docker exec}, so that the command still runs.
     */
    @TestExtension("throughADockerInsideLauncherThatPutsTheEnvironmentOnTheCommandLine")
    public static final class DockerInsideLike extends LauncherDecorator {
        @NonNull
        @Override
        public Launcher decorate(@NonNull Launcher launcher, @NonNull Node node) {
            return new Launcher.DecoratedLauncher(launcher) {
                @Override
                public Proc launch(@NonNull ProcStarter starter) throws IOException {
                    List<String> shown = new ArrayList<>(List.of("docker", "exec"));
                    List<String> command = new ArrayList<>(List.of("env"));
                    String[] envs = starter.envs();
                    for (String variable : envs == null ? new String[0] : envs) {
                        shown.add("--env " + variable);
                        command.add(variable);
                    }
                    shown.add("container");
                    shown.addAll(starter.cmds());
                    command.addAll(starter.cmds());
                    COMMAND_LINES.add(String.join(" ", shown));
                    starter.stdin(InputStream.nullInputStream());
                    starter.cmds(command);
                    return super.launch(starter);
                }
            };
        }
    }
}
