package io.jenkins.plugins.codegen.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.history.BuildTasks;
import io.jenkins.plugins.codegen.history.HistoryRow;
import io.jenkins.plugins.codegen.history.TaskKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A job's builds as the history meets them in Jenkins: each one stored as text and parsed only when
 * the reader asks for it (Jenkins loads a build's {@code build.xml} on first access), newest first.
 * Counts the builds it parsed.
 */
final class StoredBuilds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TaskKind[] KINDS = {TaskKind.TASK, TaskKind.TASK, TaskKind.FIX, TaskKind.FOLLOW_UP};
    private final String[] stored;
    int parsed;

    /** {@code count} builds with one task each, as their records would be stored. */
    StoredBuilds(int count) {
        stored = new String[count];
        for (int n = 1; n <= count; n++) {
            boolean opened = n % 3 != 0;
            stored[n - 1] = JSON.createObjectNode().put("number", n)
                    .set("task", JSON.createObjectNode()
                            .put("kind", KINDS[n % KINDS.length].name())
                            .put("status", opened ? "SUCCEEDED" : n % 7 == 0 ? "ABORTED" : "FAILED")
                            .put("title", "Task of build " + n + ": " + "make the checkout page faster ".repeat(3))
                            .put("prUrl", opened ? "https://github.com/acme/webapp/pull/" + n : null)
                            .put("prNumber", opened ? n : null)
                            .put("runId", 100_000L + n)
                            .put("webUrl", "https://codegen.com/agent/trace/" + (100_000 + n))
                            .put("responseTimeMs", 60_000L + n * 17L % 240_000)
                            .put("attempts", 1 + n % 2)
                            .put("errorType", opened ? null : "agent_failed")
                            .put("started", 1_765_000_000_000L + n * 600_000L)
                            .put("prompt", "x".repeat(2_000)))
                    .toString();
        }
    }

    Iterator<BuildTasks> newestFirst() {
        return new Iterator<>() {
            private int next = stored.length;

            @Override
            public boolean hasNext() {
                return next >= 1;
            }

            @Override
            public BuildTasks next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return load(next--);
            }
        };
    }

    private BuildTasks load(int number) {
        parsed++;
        try {
            JsonNode build = JSON.readTree(stored[number - 1]);
            JsonNode task = build.get("task");
            HistoryRow row = new HistoryRow(number, TaskKind.valueOf(task.get("kind").asText()),
                    task.get("status").asText(), task.get("title").asText(), text(task, "prUrl"),
                    task.get("prNumber").isNull() ? null : task.get("prNumber").asInt(), task.get("runId").asLong(),
                    text(task, "webUrl"), task.get("responseTimeMs").asLong(), task.get("attempts").asInt(),
                    text(task, "errorType"), task.get("started").asLong());
            return new BuildTasks(number, null, List.of(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
