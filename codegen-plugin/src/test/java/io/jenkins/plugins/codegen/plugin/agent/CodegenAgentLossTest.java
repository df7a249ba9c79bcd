package io.jenkins.plugins.codegen.plugin.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.LauncherDecorator;
import hudson.Proc;
import hudson.model.Node;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * What happens to a running task when its agent goes away (the step waits for it, and follows the
 * same bridge once it is back), when the build is aborted before the bridge runs, and to the folders
 * that earlier tasks left behind.
 */
@WithJenkins
class CodegenAgentLossTest {
    private JenkinsRule r;
    private TestSimulator simulator;
    private DumbSlave agent;
    private static final long DEFAULT_AGENT_WAIT = AgentWait.seconds;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        simulator = new TestSimulator();
        agent = CodegenTesting.agentWhoseBridgesOutliveItsConnection(r);
    }

    @AfterEach
    void tearDown() throws Exception {
        AgentWait.seconds = DEFAULT_AGENT_WAIT;
        simulator.close();
    }

    private WorkflowJob pipeline(String step) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('py') {\n  " + step + "\n  echo 'the pipeline went on'\n}", true));
        return job;
    }

    @Test
    void anAgentThatComesBackFinishesTheTaskWithTheSameRun() throws Exception {
        String scenario = "success;duration=25;id=agent-back";
        simulator.configure(scenario);
        WorkflowJob job = pipeline("def r = codegenTask(title: 'A refactoring that outlives a lost connection')\n"
                + "  echo \"status=${r.status} run=${r.runId}\"");
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[Codegen] Agent run 1 created", b);

        agent.toComputer().disconnect(null).get();
        r.waitForMessage("[Codegen] The build agent went away while the task ran; waiting up to 10 minutes for it "
                + "to come back. Agent run 1 may still be working: ", b);
        assertTrue(b.isBuilding(), "the build waits for its agent");
        assertEquals("RUNNING", CodegenTesting.onlyRecord(b).getStatus());
        r.waitOnline(agent);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("status=SUCCEEDED run=1", b);
        r.assertLogContains("the pipeline went on", b);
        r.assertLogContains("[Codegen] Following the task's bridge again (agent run 1)", b);
        r.assertLogNotContains("bridge_lost", b);
        r.assertLogNotContains("with a new bridge", b); // the bridge went on while its agent was away
        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertEquals("SUCCEEDED", record.getStatus());
        assertEquals(1L, record.getRunId());
        assertEquals(1, simulator.createdRuns(scenario), "the simulator counted exactly one create");
        assertEquals(List.of(), CodegenTesting.leftoverBridgeFolders(agent.getWorkspaceFor(job)),
                "the bridge's folder is removed at the end");
    }

    @Test
    void anAgentThatDoesNotComeBackEndsTheStepNamingTheRunThatMayStillBeWorking() throws Exception {
        AgentWait.seconds = 8;
        simulator.configure("success;duration=3600;id=agent-gone");
        WorkflowJob job = pipeline("codegenTask(title: 'A long refactoring')");
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[Codegen] Agent run 1 created", b);

        r.disconnectSlave(agent);
        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));

        r.assertLogContains("[Codegen] The build agent went away while the task ran; waiting up to 8 seconds for "
                + "it to come back.", b);
        r.assertLogContains("[Codegen] The build agent did not come back within 8 seconds.", b);
        r.assertLogContains("[bridge_lost] Lost the machine that ran the bridge (the connection to agent "
                + agent.getNodeName() + " was lost).", b);
        r.assertLogNotContains("hudson.remoting", b); // the connection library's own text says nothing to a user
        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        r.assertLogContains("Agent run 1 may still be working: " + record.getWebUrl(), b);
        assertTrue(record.getWebUrl().startsWith("http://127.0.0.1:"), record.getWebUrl());
        assertEquals("FAILED", record.getStatus());
        assertEquals("bridge_lost", record.getErrorType());
        assertEquals(1L, record.getRunId());
        r.assertLogNotContains("\tat ", b); // no stack trace
        r.assertLogNotContains("the pipeline went on", b);
    }

    @Test
    void anAbortWhileWaitingForTheAgentEndsTheStepAsAborted() throws Exception {
        simulator.configure("success;duration=3600;id=agent-wait-abort");
        WorkflowJob job = pipeline("codegenTask(title: 'A long refactoring', failOnError: false)");
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[Codegen] Agent run 1 created", b);
        r.disconnectSlave(agent);
        r.waitForMessage("[Codegen] The build agent went away while the task ran", b);

        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        r.assertLogContains("[Codegen] Aborted. Agent run 1 may still be working: " + record.getWebUrl(), b);
        assertEquals("ABORTED", record.getStatus());
        assertEquals(1L, record.getRunId());
        r.assertLogNotContains("the pipeline went on", b);
    }

    @Test
    void anAbortWhileTheBridgeStartsEndsAbortedEvenWithFailOnErrorFalse() throws Exception {
        simulator.configure("success");
        WorkflowJob job = pipeline("def r = codegenTask(title: 'Add rate limiting', failOnError: false)\n"
                + "  echo \"status=${r.status}\"");
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        assertTrue(SlowBridgeStart.STARTING.await(60, TimeUnit.SECONDS), "the bridge's start was reached");

        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        r.assertLogNotContains("status=", b);
        r.assertLogContains("[Codegen] Aborted before an agent run was created.", b);
        r.assertLogNotContains("could not be started", b); // the interrupted start is not reported as a failure
        r.assertLogNotContains("the pipeline went on", b);
        assertEquals("ABORTED", CodegenTesting.onlyRecord(b).getStatus());
        assertEquals(0, simulator.createdRuns("success"), "no agent run was created");
    }

    /**
     * Holds the bridge's start command until the build is aborted; the abort's interrupt reaches it
     * as an {@link InterruptedIOException}, as a call to an agent would report it.
     */
    @TestExtension("anAbortWhileTheBridgeStartsEndsAbortedEvenWithFailOnErrorFalse")
    public static final class SlowBridgeStart extends LauncherDecorator {
        static final CountDownLatch STARTING = new CountDownLatch(1);

        @NonNull
        @Override
        public Launcher decorate(@NonNull Launcher launcher, @NonNull Node node) {
            return new Launcher.DecoratedLauncher(launcher) {
                @Override
                public Proc launch(@NonNull ProcStarter starter) throws IOException {
                    if (String.join(" ", starter.cmds()).contains("import codegen_bridge")
                            && !String.join(" ", starter.cmds()).contains("kill")) {
                        STARTING.countDown();
                        try {
                            Thread.sleep(120_000);
                        } catch (InterruptedException e) {
                            throw new InterruptedIOException("the start was interrupted");
                        }
                    }
                    return super.launch(starter);
                }
            };
        }
    }

    /**
     * The agent's connection drops while the bridge's start command runs, after it started the bridge
     * and before it reported back: the step waits for the agent and follows that bridge, instead of
     * failing with "Python could not be started" while the bridge creates its run anyway.
     */
    @Test
    void anAgentLostWhileTheBridgeStartsIsWaitedForAndItsBridgeFollowedWithOneRun() throws Exception {
        String scenario = "success;duration=15;id=lost-at-start";
        simulator.configure(scenario);
        WorkflowJob job = pipeline("def r = codegenTask(title: 'A refactoring whose start loses the agent')\n"
                + "  echo \"status=${r.status} run=${r.runId}\"");
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[Codegen] The build agent went away while the task ran; waiting up to 10 minutes for it "
                + "to come back.", b);
        assertTrue(DisconnectDuringTheStart.DONE.get(), "the connection dropped during the start command");
        r.waitOnline(agent);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("status=SUCCEEDED run=1", b);
        r.assertLogNotContains("could not be started", b);
        r.assertLogContains("the pipeline went on", b);
        assertEquals(1, simulator.createdRuns(scenario), "the simulator counted exactly one create");
        assertEquals("SUCCEEDED", CodegenTesting.onlyRecord(b).getStatus());
    }

    /** Lets the bridge's first start command run, then drops the agent's connection before it reports back. */
    @TestExtension("anAgentLostWhileTheBridgeStartsIsWaitedForAndItsBridgeFollowedWithOneRun")
    public static final class DisconnectDuringTheStart extends LauncherDecorator {
        static final AtomicBoolean DONE = new AtomicBoolean();

        @NonNull
        @Override
        public Launcher decorate(@NonNull Launcher launcher, @NonNull Node node) {
            return new Launcher.DecoratedLauncher(launcher) {
                @Override
                public Proc launch(@NonNull ProcStarter starter) throws IOException {
                    boolean start = String.join(" ", starter.cmds()).contains("codegen_bridge.start");
                    if (!start || !(node instanceof DumbSlave) || !DONE.compareAndSet(false, true)) {
                        return super.launch(starter);
                    }
                    Proc proc = super.launch(starter);
                    try {
                        proc.join(); // the bridge runs, detached, on the agent
                        node.toComputer().disconnect(null).get();
                    } catch (InterruptedException | ExecutionException e) {
                        throw new InterruptedIOException(e.toString());
                    }
                    throw new IOException("hudson.remoting.ChannelClosedException: Remote call on the agent failed. "
                            + "The channel is closing down or has closed down");
                }
            };
        }
    }

    @Test
    void theNextTaskRemovesTheFoldersEarlierTasksLeftBehindButNotALiveOne() throws Exception {
        simulator.configure("success;polls=2");
        WorkflowJob job = pipeline("codegenTask(title: 'Add rate limiting')");
        FilePath workspace = agent.getWorkspaceFor(job);
        assertNotNull(workspace);
        FilePath temp = WorkspaceList.tempDir(workspace);
        assertNotNull(temp);
        // A task whose agent was lost left its folder; another one's bridge still beats (a parallel branch's).
        FilePath stale = temp.child("codegen12345").child("bridge678");
        stale.child("events.jsonl").write("{\"event\":\"start\"}\n", "UTF-8");
        FilePath live = temp.child("codegen99999").child("bridge111");
        live.child("heartbeat").write("7", "UTF-8");
        long old = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
        for (FilePath f : List.of(stale.child("events.jsonl"), stale, stale.getParent(), live.getParent())) {
            assertTrue(new File(f.getRemote()).setLastModified(old));
        }

        r.buildAndAssertSuccess(job);

        assertFalse(temp.child("codegen12345").exists(), "the earlier task's folder is removed");
        assertTrue(temp.child("codegen99999").exists(), "a folder whose bridge still beats is kept");
        assertEquals(List.of("codegen99999"), CodegenTesting.leftoverBridgeFolders(workspace).stream()
                .map(FilePath::getName).toList(), "the task removed its own folder");
    }
}
