package io.jenkins.plugins.codegen.integrator;

import static io.jenkins.plugins.codegen.testing.ScriptedBridge.agentLog;
import static io.jenkins.plugins.codegen.testing.ScriptedBridge.completed;
import static io.jenkins.plugins.codegen.testing.ScriptedBridge.created;
import static io.jenkins.plugins.codegen.testing.ScriptedBridge.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.testing.ScriptedBridge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A follow-up (resume) is sent once: a bridge that reported it taken is followed by attaches, a
 * refusal may be sent again, and an outcome that is not known is never sent again.
 */
class FollowUpTest {
    private static final FollowUp FOLLOW_UP = new FollowUp(21, "Address the review: rename the helper.");

    private final ScriptedBridge bridge = new ScriptedBridge();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        bridge.close();
    }

    private TaskResult followUp() throws Exception {
        try (CodegenIntegrator engine = CodegenIntegrator.builder(EngineLiveLogTest.settings().build(), bridge).build()) {
            return engine.processFollowUp(FOLLOW_UP, progress::add);
        }
    }

    @Test
    void aFollowUpIsSentAsItIsAndItsResultSaysWhichRunItFollowedUp() throws Exception {
        bridge.then(created(21, "followed_up"), agentLog(21, 12, "edit_file", "Renaming the helper"),
                completed(21, 4));

        TaskResult result = followUp();

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(result.title()).isEqualTo("Follow-up of agent run 21");
        assertThat(result.followUpOf()).isEqualTo(21L);
        assertThat(result.toMap()).containsEntry("followUpOf", 21L).containsEntry("agentLogEntries", 1);
        assertThat(result.prompt()).isEqualTo(FOLLOW_UP.prompt());
        JsonNode request = bridge.requests().get(0);
        assertThat(request.path("command").asText()).isEqualTo("run");
        assertThat(request.path("follow_up_run_id").asLong()).isEqualTo(21);
        assertThat(request.path("prompt").asText()).isEqualTo(FOLLOW_UP.prompt());
        assertThat(request.has("resume_run_id")).isFalse();
        assertThat(request.path("lookup_before_create").asBoolean()).isFalse();
        assertThat(progress).extracting(Progress::message)
                .contains("Follow-up sent to agent run 21; following it: https://codegen.com/agent/trace/21");
    }

    @Test
    void afterTheFollowUpWasTakenARetryAttachesAndSkipsTheEntriesReported() throws Exception {
        bridge.then(created(21, "followed_up"), agentLog(21, 12, "edit_file", "a"), agentLog(21, 13, null, "b"),
                        error("server_error", true, "created", 21L, 5))
                .then(agentLog(21, 14, "run_tests", "c"), completed(21, 2));

        TaskResult result = followUp();

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(bridge.requests()).hasSize(2);
        JsonNode retry = bridge.requests().get(1);
        assertThat(retry.has("follow_up_run_id")).as("the follow-up is not sent twice").isFalse();
        assertThat(retry.path("resume_run_id").asLong()).isEqualTo(21);
        assertThat(retry.path("log_skip").asInt()).isEqualTo(14);
        assertThat(result.agentLog()).extracting(AgentLogEntry::index).containsExactly(12, 13, 14);
    }

    @Test
    void aRetryBeforeAnyNewEntrySkipsTheEntriesTheRunHadBeforeTheFollowUp() throws Exception {
        // The run had 12 entries when the follow-up was taken; none new was reported before the failure.
        String takenWithTwelveEntries = created(21, "followed_up").replace("}", ",\"log_skip\":12}");
        bridge.then(takenWithTwelveEntries, error("server_error", true, "created", 21L, 3))
                .then(agentLog(21, 12, "edit_file", "Renaming the helper"), completed(21, 2));

        TaskResult result = followUp();

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        JsonNode retry = bridge.requests().get(1);
        assertThat(retry.path("resume_run_id").asLong()).isEqualTo(21);
        assertThat(retry.path("log_skip").asInt()).as("the run's older entries are not shown again").isEqualTo(12);
        assertThat(result.agentLog()).extracting(AgentLogEntry::index).containsExactly(12);
    }

    @Test
    void aFollowUpThatWasRefusedIsSentAgain() throws Exception {
        bridge.then(error("rate_limit", true, "not_created", 21L, 2))
                .then(created(21, "followed_up"), completed(21, 3));

        TaskResult result = followUp();

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(bridge.requests()).extracting(r -> r.path("follow_up_run_id").asLong()).containsExactly(21L, 21L);
    }

    @Test
    void anUnknownOutcomeIsNeverSentAgainEvenWhenTheErrorWouldAllowARetry() throws Exception {
        bridge.then(error("network", true, "unknown", 21L, 2));

        TaskResult result = followUp();

        assertThat(bridge.requests()).as("one follow-up sent, never a second").hasSize(1);
        assertThat(result.failed()).isTrue();
        assertThat(result.errorType()).isEqualTo(ErrorType.UNKNOWN);
        assertThat(result.errorMessage()).contains("not known whether the follow-up to agent run 21 was taken")
                .contains("https://codegen.com/agent/trace/21");
        assertThat(result.retryable()).isFalse();
        assertThat(result.followUpOf()).isEqualTo(21L);
    }

    @Test
    void theBridgesOwnUnknownOutcomeEndsTheTask() throws Exception {
        bridge.then(error("timeout", false, "unknown", 21L, 3));

        TaskResult result = followUp();

        assertThat(bridge.requests()).hasSize(1);
        assertThat(result.errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(result.runId()).isEqualTo(21L);
    }

    @Test
    void aResumedFollowUpWhoseBridgeIsGoneBeforeItWasTakenIsNotSentAgain() throws Exception {
        BridgeState kept = new BridgeState(Path.of(System.getProperty("java.io.tmpdir"), "codegen-gone-follow-up")
                .toString(), 0, null, null, 0, true);

        TaskResult result;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(EngineLiveLogTest.settings().build(), bridge).build()) {
            result = engine.resumeFollowUp(FOLLOW_UP, progress::add, kept);
        }

        assertThat(bridge.requests()).isEmpty();
        assertThat(result.failed()).isTrue();
        assertThat(result.errorMessage()).contains("not known whether the follow-up to agent run 21 was taken");
    }

    @Test
    void aResumedFollowUpThatWasTakenAttaches() throws Exception {
        bridge.then(agentLog(21, 3, "run_tests", "d"), completed(21, 2));
        BridgeState kept = new BridgeState(Path.of(System.getProperty("java.io.tmpdir"), "codegen-gone-follow-up")
                .toString(), 0, 21L, "https://codegen.com/agent/trace/21", 3, true);

        TaskResult result;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(EngineLiveLogTest.settings().build(), bridge).build()) {
            result = engine.resumeFollowUp(FOLLOW_UP, progress::add, kept);
        }

        assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
        assertThat(bridge.requests().get(0).has("follow_up_run_id")).isFalse();
        assertThat(bridge.requests().get(0).path("resume_run_id").asLong()).isEqualTo(21);
        assertThat(bridge.requests().get(0).path("log_skip").asInt()).isEqualTo(3);
        assertThat(result.followUpOf()).isEqualTo(21L);
    }

    @Test
    void anInvalidFollowUpNamesItsFieldsAndSendsNothing() throws Exception {
        TaskResult result;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(EngineLiveLogTest.settings().maxPromptLength(2000)
                .build(), bridge).build()) {
            result = engine.processFollowUp(new FollowUp(0, " "), progress::add);
            assertThat(engine.processFollowUp(new FollowUp(5, "x".repeat(2001)), progress::add).errorMessage())
                    .contains("resume.prompt").contains("2,001");
        }

        assertThat(result.errorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(result.errorMessage()).contains("resume.runId").contains("resume.prompt");
        assertThat(bridge.requests()).isEmpty();
    }
}
