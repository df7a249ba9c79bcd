package io.jenkins.plugins.codegen.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one wait reads pages of its run's log: positions, masking, what is still waiting, a bad answer. */
class LiveLogTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOKEN = "cg-watch-livelog-token-3a9f";

    private final LiveLog log = new LiveLog("http://127.0.0.1:1", 1, 5, SecretMasker.of(TOKEN));

    private static ObjectNode page(int from, int count, Integer total) {
        ObjectNode answer = MAPPER.createObjectNode().put("id", 5).put("organization_id", 1).put("status", "ACTIVE");
        ArrayNode logs = answer.putArray("logs");
        for (int i = from; i < from + count; i++) {
            logs.addObject().put("agent_run_id", 5).put("message_type", "ACTION").put("tool_name", "read_file")
                    .put("thought", "step " + i + " with " + TOKEN).putNull("created_at");
        }
        if (total != null) {
            answer.put("total_logs", total);
        }
        return answer;
    }

    @Test
    void pagesFollowOnFromTheEntriesSeenAndAreMasked() {
        assertThat(log.nextPage().toString())
                .isEqualTo("http://127.0.0.1:1/v1/alpha/organizations/1/agent/run/5/logs?skip=0&limit=100&reverse=false");
        List<AgentLogEntry> first = log.read(page(0, 3, 3));
        List<AgentLogEntry> second = log.read(page(3, 2, 5));

        assertThat(first).extracting(AgentLogEntry::index).containsExactly(0, 1, 2);
        assertThat(second).extracting(AgentLogEntry::index).containsExactly(3, 4);
        assertThat(second.get(1).thought()).isEqualTo("step 4 with ****");
        assertThat(log.nextPage().toString()).contains("skip=5&limit=100");
        assertThat(log.moreWaiting()).isFalse();
        assertThat(log.entries()).hasSize(5);
    }

    @Test
    void aFullPageWithMoreBeyondItLeavesEntriesWaiting() {
        log.read(page(0, 100, 250));
        assertThat(log.moreWaiting()).isTrue();
        log.read(page(100, 100, null));
        assertThat(log.moreWaiting()).as("a full page without total_logs").isTrue();
        log.read(page(200, 50, null));
        assertThat(log.moreWaiting()).isFalse();
    }

    @Test
    void theWaitKeepsTheLast500Entries() {
        for (int i = 0; i < 7; i++) {
            log.read(page(i * 100, 100, 700));
        }
        assertThat(log.entries()).hasSize(TaskResult.MAX_AGENT_LOG);
        assertThat(log.entries().get(0).index()).isEqualTo(200);
    }

    @Test
    void anAnswerThatIsNoLogsPageIsRefused() throws Exception {
        assertThat(log.read(null)).isNull();
        assertThat(log.read(MAPPER.readTree("[1, 2]"))).isNull();
        assertThat(log.read(MAPPER.readTree("{\"id\": 5, \"status\": \"ACTIVE\"}"))).isNull();
        assertThat(log.read(MAPPER.readTree("{\"id\": 5, \"logs\": {}}"))).isNull();
    }

    @Test
    void theEndpointCountsAsMissingOn403To422Only() {
        assertThat(List.of(403, 404, 405, 422)).allMatch(LiveLog::unavailable);
        assertThat(List.of(401, 429, 500, 503)).noneMatch(LiveLog::unavailable);
    }
}
