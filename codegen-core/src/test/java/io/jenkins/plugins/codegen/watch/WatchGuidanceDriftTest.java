package io.jenkins.plugins.codegen.watch;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.bridge.BridgeCommand;
import io.jenkins.plugins.codegen.bridge.BridgeRequest;
import io.jenkins.plugins.codegen.bridge.BridgeResult;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.bridge.PullRequest;
import io.jenkins.plugins.codegen.bridge.PythonBridge;
import io.jenkins.plugins.codegen.bridge.BridgeListener;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bridge and the watcher follow the same run under the same simulator scenario and must say the
 * same thing: the error type, the message of an HTTP failure, the guidance (part of which exists only
 * in codegen_bridge.py, reproduced in {@link WatchGuidance}), and the pull request as read. When one
 * of them changes its words, this test names the scenario where they parted.
 */
class WatchGuidanceDriftTest {
    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static LocalBridgeLauncher launcher;
    private static Watcher watcher;

    @BeforeAll
    static void start() {
        launcher = new LocalBridgeLauncher();
        watcher = Watcher.builder().clock(new FakeWatchClock()).budgets(Budgets.UNLIMITED).build();
    }

    @AfterAll
    static void stop() throws Exception {
        watcher.close();
        launcher.close();
    }

    /** The bridge following an existing run (resume_run_id), as the engine's retry after a created run does. */
    private static BridgeRequest follow(String watchSpec, long runId, Duration deadline) {
        return BridgeRequest.builder(BridgeCommand.RUN, SIM.url(watchSpec), 1).resumeRunId(runId)
                .prompt("unused when resuming").deadline(deadline).requestTimeout(Duration.ofSeconds(5))
                .poll(new BridgeRequest.PollSettings(Duration.ofMillis(10), Duration.ofMillis(50), 0.1, Duration.ZERO))
                .build();
    }

    private static TaskResult watch(String watchSpec, long runId, Duration deadline) throws Exception {
        return watcher.await(watcher.stateFor(SIM.url(watchSpec), 1, runId, deadline), SimulatedRuns.TOKEN,
                ProgressListener.NONE);
    }

    private static CodegenException bridgeFailure(long runId, String watchSpec, Duration bridgeDeadline) {
        return catchThrowableOfType(CodegenException.class, () -> new PythonBridge(launcher, TestPython.interpreter())
                .execute(follow(watchSpec, runId, bridgeDeadline), SimulatedRuns.TOKEN, BridgeListener.NONE));
    }

    private static void assertSameFailure(String createSpec, String watchSpec) throws Exception {
        assertSameFailure(createSpec, watchSpec, Duration.ofSeconds(20), Duration.ofMinutes(30));
    }

    private static void assertSameFailure(String createSpec, String watchSpec, Duration bridgeDeadline,
                                          Duration watchDeadline) throws Exception {
        long runId = SimulatedRuns.create(SIM.url(createSpec));
        CodegenException bridge = bridgeFailure(runId, watchSpec, bridgeDeadline);
        assertThat(bridge).as("the bridge fails under " + watchSpec).isNotNull();
        TaskResult watched = watch(watchSpec, runId, watchDeadline);

        assertThat(watched.errorType()).as(watchSpec).isEqualTo(bridge.getErrorType());
        assertThat(watched.guidance()).as(watchSpec).isEqualTo(bridge.getGuidance());
        if (bridge.getHttpStatus().isPresent()) {
            assertThat(watched.errorMessage()).as(watchSpec).isEqualTo(bridge.getMessage());
        }
    }

    @Test
    void httpFailuresOfAStatusReadAreTypedWordedAndGuidedAlike() throws Exception {
        for (String fault : new String[] {"401", "402", "403", "404", "422"}) {
            assertSameFailure(unique("polls=5"), unique("fault=" + fault + ";phase=poll;times=all"));
        }
        for (String style : new String[] {"detail", "fastapi"}) {
            assertSameFailure(unique("polls=5"), unique("fault=401;phase=poll;times=all;style=" + style));
        }
    }

    @Test
    void aFailedRunIsGuidedAlike() throws Exception {
        for (String outcome : new String[] {"failed", "error", "cancelled", "stopped"}) {
            String spec = unique(outcome + ";polls=2");
            assertSameFailure(spec, spec);
        }
    }

    @Test
    void aRunOutlivingTheDeadlineIsGuidedAlike() throws Exception {
        String spec = unique("polls=100000");
        assertSameFailure(spec, spec, Duration.ofMillis(300), Duration.ofMinutes(10));
    }

    @Test
    void aRateLimitBeyondTheDeadlineIsGuidedAlike() throws Exception {
        assertSameFailure(unique("polls=5"), unique("fault=429;phase=poll;retry_after=3600;times=all"));
    }

    @Test
    void thePullRequestIsReadAlikeEvenWhenTheApiSendsControlCharacters() throws Exception {
        for (String spec : new String[] {"polls=2", "pr_title=Fix \u001b[31mred\u0007 text", "no_pr",
                "pr_url=https://github.com/acme/webapp/pull/77/", "pr_url=https://github.com/acme/webapp/pull/x7"}) {
            String unique = unique(spec);
            long runId = SimulatedRuns.create(SIM.url(unique));
            BridgeResult bridge = new PythonBridge(launcher, TestPython.interpreter())
                    .execute(follow(unique, runId, Duration.ofSeconds(20)), SimulatedRuns.TOKEN, BridgeListener.NONE);
            TaskResult watched = watch(unique, runId, Duration.ofMinutes(30));

            AgentRun run = bridge.agentRun().orElseThrow();
            PullRequest pr = bridge.pullRequest().orElse(null);
            assertThat(watched.runStatus()).as(spec).isEqualTo(run.status());
            assertThat(watched.webUrl()).as(spec).isEqualTo(run.webUrl());
            assertThat(watched.prUrl()).as(spec).isEqualTo(pr == null ? null : pr.url());
            assertThat(watched.prNumber()).as(spec).isEqualTo(pr == null ? null : pr.number());
            assertThat(watched.prTitle()).as(spec).isEqualTo(pr == null ? null : pr.title());
            assertThat(watched.branch()).as(spec).isEqualTo(pr == null ? null : pr.branch());
        }
    }
}
