package io.jenkins.plugins.codegen.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watcher's reading of the logs endpoint against the hand-written summary of the official
 * OpenAPI document (api-shapes/logs-and-resume.json): the path, the page size, and every field it
 * reads, with the types it must cope with (null among them).
 */
class LogsShapeContractTest {
    private static JsonNode shapes() throws Exception {
        try (InputStream in = LogsShapeContractTest.class.getResourceAsStream("/api-shapes/logs-and-resume.json")) {
            assertThat(in).as("the API shapes summary").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> types(JsonNode schema, String field) {
        List<String> types = new ArrayList<>();
        schema.path("properties").path(field).forEach(t -> types.add(t.asText()));
        return types;
    }

    @Test
    void theLogsReadAsksForWhatTheApiDocuments() throws Exception {
        JsonNode logs = shapes().path("endpoints").path("logs");
        LiveLog log = new LiveLog("https://api.codegen.com", 7, 42, io.jenkins.plugins.codegen.secret.SecretMasker.none());

        assertThat(log.nextPage().getPath()).isEqualTo(logs.path("path").asText()
                .replace("{org_id}", "7").replace("{agent_run_id}", "42"));
        assertThat(LiveLog.LIMIT).isEqualTo(logs.path("query").path("limit").path("maximum").asInt());
        assertThat(logs.path("query").path("reverse").path("default").asBoolean(true)).isFalse();
        // Every error the endpoint documents but 429 makes the watcher fall back to plain reads.
        logs.path("errors").forEach(code -> assertThat(LiveLog.unavailable(code.asInt()))
                .as("HTTP %s", code).isEqualTo(code.asInt() != 429));
    }

    @Test
    void theFieldsTheWatcherReadsExistWithTheTypesItHandles() throws Exception {
        JsonNode schemas = shapes().path("schemas");
        JsonNode answer = schemas.path("AgentRunWithLogsResponse");
        JsonNode entry = schemas.path("AgentRunLogResponse");

        assertThat(answer.path("required").toString()).contains("\"logs\"");
        assertThat(types(answer, "logs")).containsExactly("array");
        assertThat(types(answer, "total_logs")).containsExactlyInAnyOrder("integer", "null");
        assertThat(types(answer, "status")).containsExactlyInAnyOrder("string", "null");
        assertThat(types(answer, "web_url")).containsExactlyInAnyOrder("string", "null");
        assertThat(answer.path("properties").has("github_pull_requests"))
                .as("no pull requests in the logs answer: hence the final plain read").isFalse();
        for (String field : List.of("created_at", "message_type", "tool_name", "thought")) {
            assertThat(types(entry, field)).as(field).containsExactlyInAnyOrder("string", "null");
        }
    }
}
