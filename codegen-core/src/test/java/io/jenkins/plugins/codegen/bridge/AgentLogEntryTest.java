package io.jenkins.plugins.codegen.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import org.junit.jupiter.api.Test;

/** An agent's log entry is untrusted text: one line, cut, masked, whoever built it. */
class AgentLogEntryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static BridgeEvent event(String json) throws Exception {
        return new BridgeEvent("agent_log", MAPPER.readTree(json));
    }

    @Test
    void controlCharactersBecomeOneSpaceAndTheLineStaysOneLine() {
        AgentLogEntry entry = new AgentLogEntry(3, "2026-11-30T10:00:00Z", "ACTION", "read\nfile",
                "first\r\n\tsecond\u001b[2Jthird\u2028fourth  \u0000 fifth");

        assertThat(entry.toolName()).isEqualTo("read file");
        assertThat(entry.thought()).isEqualTo("first second [2Jthird fourth fifth");
        assertThat(entry.consoleLine()).isEqualTo("[agent] read file: first second [2Jthird fourth fifth")
                .doesNotContain("\n", "\u001b");
    }

    @Test
    void bidirectionalControlsAndUnicodeSpacesBecomeOneSpace() {
        AgentLogEntry entry = new AgentLogEntry(0, null, null, "edit_file",
                "access \u202eresu\u202c if isAdmin \u2066// admins only\u2069\u00a0\u3000{ \u200eend\u061c");

        assertThat(entry.thought()).isEqualTo("access resu if isAdmin // admins only { end");
    }

    @Test
    void theThoughtIsCutAt1000AndTheConsoleLineAt200() {
        AgentLogEntry entry = new AgentLogEntry(0, null, null, "edit_file", "a".repeat(5000));

        assertThat(entry.thought()).hasSize(AgentLogEntry.MAX_THOUGHT).endsWith("...");
        assertThat(entry.consoleLine()).hasSize(AgentLogEntry.MAX_LINE).startsWith("[agent] edit_file: aaa")
                .endsWith("...");
    }

    @Test
    void theLabelIsTheToolElseTheMessageTypeElseLog() {
        assertThat(new AgentLogEntry(0, null, "PLAN_EVALUATION", "run_tests", "t").label()).isEqualTo("run_tests");
        assertThat(new AgentLogEntry(0, null, "PLAN_EVALUATION", "  ", "t").label()).isEqualTo("PLAN_EVALUATION");
        assertThat(new AgentLogEntry(0, null, null, null, null).consoleLine()).isEqualTo("[agent] log: ");
    }

    @Test
    void anEventIsParsedAndMaskedBeforeItIsCut() throws Exception {
        String token = "cg-entry-token-0f9e8d";
        BridgeEvent event = event("{\"event\":\"agent_log\",\"run_id\":4,\"index\":17,\"created_at\":\"2026-11-30T10:01:02Z\","
                + "\"message_type\":\"ACTION\",\"tool_name\":\"run_tests\",\"thought\":\"" + "x".repeat(990) + token
                + "\"}");

        AgentLogEntry entry = AgentLogEntry.fromEvent(event, SecretMasker.of(token)).orElseThrow();

        assertThat(entry.index()).isEqualTo(17);
        assertThat(entry.createdAt()).isEqualTo("2026-11-30T10:01:02Z");
        assertThat(entry.messageType()).isEqualTo("ACTION");
        assertThat(entry.thought()).doesNotContain(token.substring(0, 7)).endsWith("x****");
        assertThat(event.describe()).startsWith("[agent] run_tests: xxx");
    }

    @Test
    void anObjectWhereTextBelongsIsShownAsText() throws Exception {
        BridgeEvent event = event("{\"event\":\"agent_log\",\"index\":2,\"tool_name\":{\"name\":\"x\"},"
                + "\"thought\":null}");

        AgentLogEntry entry = AgentLogEntry.fromEvent(event, SecretMasker.none()).orElseThrow();

        assertThat(entry.index()).isEqualTo(2);
        assertThat(entry.toolName()).isEqualTo("{\"name\":\"x\"}");
        assertThat(entry.thought()).isNull();
    }

    @Test
    void otherEventsCarryNoEntry() throws Exception {
        assertThat(AgentLogEntry.fromEvent(new BridgeEvent("status", MAPPER.readTree("{\"event\":\"status\"}")),
                SecretMasker.none())).isEmpty();
    }

    @Test
    void aLiveLogEventSaysWhetherTheLogIsAvailable() throws Exception {
        BridgeEvent off = new BridgeEvent("live_log", MAPPER.readTree(
                "{\"event\":\"live_log\",\"available\":false,\"http_status\":null,\"reason\":\"not a JSON object\"}"));
        BridgeEvent on = new BridgeEvent("live_log", MAPPER.readTree("{\"event\":\"live_log\",\"available\":true}"));

        assertThat(off.liveLogUnavailable()).isTrue();
        assertThat(off.describe()).isEqualTo("The agent's live log is not available (not a JSON object); following "
                + "the run's status only");
        assertThat(on.liveLogUnavailable()).isFalse();
    }
}
