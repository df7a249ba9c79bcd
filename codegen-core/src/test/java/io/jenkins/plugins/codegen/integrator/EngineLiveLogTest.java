package io.jenkins.plugins.codegen.integrator;

import static io.jenkins.plugins.codegen.testing.ScriptedBridge.agentLog;
import static io.jenkins.plugins.codegen.testing.ScriptedBridge.completed;
import static io.jenkins.plugins.codegen.testing.ScriptedBridge.created;
import static io.jenkins.plugins.codegen.testing.ScriptedBridge.error;
import static io.jenkins.plugins.codegen.testing.ScriptedBridge.liveLogUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.bridge.BridgeFiles;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.testing.ScriptedBridge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of the live log, with bridges that write the event lines this test gives: the
 * entries reach the listener masked and one line each, the result keeps the last 500, and across a
 * retry and a resume the next bridge skips the entries already reported and, after the logs endpoint
 * failed once, reads plain status.
 */
class EngineLiveLogTest {
    static final String TOKEN = "cg-livelog-token-5e1d7a";

    private final ScriptedBridge bridge = new ScriptedBridge();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        bridge.close();
    }

    static CodegenSettings.Builder settings() {
        // No API is reached: the scripted bridges answer. Time runs 50 times faster for the backoff.
        return CodegenSettings.builder().token(TOKEN).orgId(1L).apiUrl("http://127.0.0.1:9")
                .timeScale(50).requestTimeout(Duration.ofSeconds(60));
    }

    private TaskResult process() throws Exception {
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings().build(), bridge).build()) {
            return engine.processTask(CodegenIntegratorTest.task("Add input validation"),
                    CodegenIntegratorTest.context(), progress::add);
        }
    }

    private List<AgentLogEntry> shownEntries() {
        return progress.stream().filter(p -> p.kind() == Progress.Kind.AGENT_LOG)
                .map(p -> p.agentLog().orElseThrow()).toList();
    }

    @Test
    void entriesReachTheListenerAsOneMaskedLineEachAndTheResultKeepsThem() throws Exception {
        bridge.then(created(7, "created"),
                agentLog(7, 0, "read_file", "Reading src/form.js\nto see\tthe \u001b[31mform"),
                agentLog(7, 1, null, "Using the token " + TOKEN + " would be wrong"),
                completed(7, 5));

        TaskResult result = process();

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(progress).filteredOn(p -> p.kind() == Progress.Kind.AGENT_LOG).extracting(Progress::message)
                .containsExactly("[agent] read_file: Reading src/form.js to see the [31mform",
                        "[agent] ACTION: Using the token **** would be wrong");
        assertThat(result.agentLog()).extracting(AgentLogEntry::index).containsExactly(0, 1);
        assertThat(result.agentLog().get(1).thought()).doesNotContain(TOKEN);
        assertThat(result.toMap()).containsEntry("agentLogEntries", 2).containsEntry("followUpOf", null);
        // The same request count as without the live log: the entries cost nothing extra.
        assertThat(result.apiRequests()).isEqualTo(5);
        assertThat(bridge.requests().get(0).path("live_log").asBoolean()).isTrue();
        assertThat(bridge.requests().get(0).has("log_skip")).isFalse();
    }

    @Test
    void theResultKeepsTheLast500Entries() throws Exception {
        bridge.then(request -> {
            List<String> lines = new ArrayList<>(List.of(created(8, "created")));
            for (int i = 0; i < 620; i++) {
                lines.add(agentLog(8, i, "run_tests", "step " + i));
            }
            lines.add(completed(8, 40));
            return lines;
        });

        TaskResult result = process();

        assertThat(shownEntries()).hasSize(620);
        assertThat(result.agentLog()).hasSize(TaskResult.MAX_AGENT_LOG);
        assertThat(result.agentLog().get(0).index()).isEqualTo(120);
        assertThat(result.agentLog().get(499).index()).isEqualTo(619);
        assertThat(result.toMap()).containsEntry("agentLogEntries", 500);
    }

    @Test
    void aRetrySkipsTheEntriesReportedAndReadsPlainStatusAfterTheLogsEndpointFailed() throws Exception {
        bridge.then(created(9, "created"), agentLog(9, 0, "read_file", "one"), agentLog(9, 1, "edit_file", "two"),
                        liveLogUnavailable(), error("server_error", true, "created", 9L, 6))
                .then(created(9, "resumed"), agentLog(9, 2, "run_tests", "three"), completed(9, 3));

        TaskResult result = process();

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        JsonNode retry = bridge.requests().get(1);
        assertThat(retry.path("resume_run_id").asLong()).isEqualTo(9);
        assertThat(retry.path("log_skip").asInt()).isEqualTo(2);
        assertThat(retry.path("live_log").asBoolean(true)).isFalse();
        assertThat(result.agentLog()).extracting(AgentLogEntry::thought).containsExactly("one", "two", "three");
        assertThat(progress).extracting(Progress::message)
                .contains("The agent's live log is not available (the logs endpoint answered 404 Not Found); "
                        + "following the run's status only");
    }

    @Test
    void aResumeWhoseBridgeIsGoneAttachesSkippingTheEntriesTheStateCounts() throws Exception {
        bridge.then(created(11, "resumed"), agentLog(11, 7, "run_tests", "eight"), completed(11, 2));
        BridgeState kept = new BridgeState(Path.of(System.getProperty("java.io.tmpdir"), "codegen-gone-bridge")
                .toString(), 0, 11L, "https://codegen.com/agent/trace/11", 7, false);

        TaskResult result;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings().build(), bridge).build()) {
            result = engine.resumeTask(CodegenIntegratorTest.task("Add input validation"),
                    CodegenIntegratorTest.context(), progress::add, ClientRequestId.random(), kept);
        }

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(bridge.requests()).hasSize(1);
        assertThat(bridge.requests().get(0).path("resume_run_id").asLong()).isEqualTo(11);
        assertThat(bridge.requests().get(0).path("log_skip").asInt()).isEqualTo(7);
        assertThat(result.agentLog()).extracting(AgentLogEntry::index).containsExactly(7);
    }

    @Test
    void aResumeFollowsTheKeptBridgeAndItsRetryKnowsTheEntriesAndTheMissingLogsEndpointItReported()
            throws Exception {
        // The bridge a restarted controller lost track of: its events are there, and it ended with a retryable error.
        BridgeFolder kept = bridge.newFolder();
        kept.write(BridgeFiles.REQUEST, "{}".getBytes(StandardCharsets.UTF_8));
        kept.write(BridgeFiles.EVENTS, String.join("\n", created(13, "created"), agentLog(13, 0, "read_file", "a"),
                liveLogUnavailable(), agentLog(13, 1, "edit_file", "b"), "").getBytes(StandardCharsets.UTF_8));
        kept.write(BridgeFiles.RESULT, (error("server_error", true, "created", 13L, 4) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        bridge.then(agentLog(13, 2, "run_tests", "c"), completed(13, 2));

        TaskResult result;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings().build(), bridge).build()) {
            result = engine.resumeTask(CodegenIntegratorTest.task("Add input validation"),
                    CodegenIntegratorTest.context(), progress::add, ClientRequestId.random(),
                    new BridgeState(kept.path(), 0, 13L, "https://codegen.com/agent/trace/13"));
        }

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(bridge.requests()).hasSize(1);
        JsonNode attach = bridge.requests().get(0);
        assertThat(attach.path("resume_run_id").asLong()).isEqualTo(13);
        assertThat(attach.path("log_skip").asInt()).isEqualTo(2);
        assertThat(attach.path("live_log").asBoolean(true)).isFalse();
        assertThat(result.agentLog()).extracting(AgentLogEntry::thought).containsExactly("a", "b", "c");
    }

    @Test
    void theStateHandedToTheCallerCountsTheEntriesReportedBeforeTheBridge() throws Exception {
        List<BridgeState> states = new CopyOnWriteArrayList<>();
        bridge.then(created(12, "created"), agentLog(12, 0, "read_file", "a"), error("server_error", true, "created",
                12L, 3)).then(completed(12, 1));

        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings().build(), bridge).build()) {
            engine.processTask(CodegenIntegratorTest.task("Add input validation"), CodegenIntegratorTest.context(),
                    new ProgressListener() {
                        @Override
                        public void onProgress(Progress p) {
                        }

                        @Override
                        public void onBridgeStarted(BridgeState state) {
                            states.add(state);
                        }
                    });
        }

        assertThat(states).extracting(BridgeState::logSkip).containsExactly(0, 1);
        assertThat(states).extracting(BridgeState::followUp).containsOnly(false);
    }
}
