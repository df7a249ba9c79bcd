package io.jenkins.plugins.codegen.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent run whose log is long and not in English: 10,000 entries of 1,000 Chinese characters
 * each, served by a small fake of the API to the real bridge, followed by the engine with its
 * default limits: no length of log ends the task (PythonBridgeTest: a bridge that runs away with
 * other events still does).
 */
class LongLiveLogTest {
    private static final String TOKEN = "cg-long-log-token-8d1f4a";
    private static final int ENTRIES = 10_000;
    private static final String THOUGHT = "正在修改表单验证逻辑，确保空的电子邮件地址被拒绝并在字段旁显示错误。"
            .repeat(40).substring(0, 1000);
    private static final Pattern SKIP = Pattern.compile("skip=(\\d+)&limit=(\\d+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpServer api;
    private final LocalBridgeLauncher launcher = new LocalBridgeLauncher();

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", this::answer);
        api.start();
    }

    @AfterEach
    void stop() throws Exception {
        api.stop(0);
        launcher.close();
    }

    /** One run, 7, whose log grows to ENTRIES entries; it is complete once the last of them was read. */
    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        ObjectNode body = MAPPER.createObjectNode().put("id", 7).put("web_url", "https://codegen.com/agent/trace/7");
        if (path.endsWith("/logs")) {
            Matcher page = SKIP.matcher(exchange.getRequestURI().getQuery());
            page.find();
            int skip = Integer.parseInt(page.group(1));
            int end = Math.min(ENTRIES, skip + Integer.parseInt(page.group(2)));
            body.put("status", end >= ENTRIES ? "COMPLETE" : "ACTIVE").put("total_logs", ENTRIES);
            ArrayNode logs = body.putArray("logs");
            for (int i = skip; i < end; i++) {
                logs.addObject().put("created_at", "2026-11-30T10:00:00Z").put("message_type", "ACTION")
                        .put("tool_name", "edit_file").put("thought", THOUGHT);
            }
        } else if (path.endsWith("/agent/run/7")) {
            body.put("status", "COMPLETE").putArray("github_pull_requests").addObject().put("id", 1)
                    .put("url", "https://github.com/acme/webapp/pull/12").put("title", "Validate the form");
        } else {
            body.put("status", "ACTIVE");
        }
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private BridgeRequest request() {
        return BridgeRequest.builder(BridgeCommand.RUN, "http://127.0.0.1:" + api.getAddress().getPort(), 1)
                .prompt("# Validate the form").clientRequestId("long-log").deadline(Duration.ofMinutes(5))
                .requestTimeout(Duration.ofSeconds(30))
                .poll(new BridgeRequest.PollSettings(Duration.ofMillis(5), Duration.ofMillis(5), 0, Duration.ZERO))
                .build();
    }

    @Test
    void tenThousandLongEntriesInChineseDoNotEndTheTask() throws Exception {
        List<BridgeEvent> logged = new CopyOnWriteArrayList<>();
        BridgeResult result = new PythonBridge(launcher, TestPython.interpreter()).execute(request(), TOKEN, event -> {
            if (event.type().equals("agent_log")) {
                logged.add(event);
            }
        });
        assertThat(result.pullRequest()).hasValueSatisfying(pr -> assertThat(pr.number()).isEqualTo(12));
        assertThat(logged).hasSize(ENTRIES);
        assertThat(logged.get(ENTRIES - 1).fields().path("index").asInt()).isEqualTo(ENTRIES - 1);
        assertThat(logged).allSatisfy(event -> assertThat(event.text("thought")).contains(THOUGHT));
    }
}
