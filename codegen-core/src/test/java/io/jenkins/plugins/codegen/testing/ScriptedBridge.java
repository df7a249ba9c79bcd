package io.jenkins.plugins.codegen.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.bridge.BridgeFiles;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A launcher whose "bridge" is a script of event lines written by the test: each start takes the
 * next script, reads the request the engine wrote, and writes the script's events and its final
 * line (a {@code result} or an {@code error} event) into the folder, as a bridge that ended at once
 * would have. So the engine's side of the protocol is tested with exactly the lines a test gives,
 * whatever the Python bridge emits today. No process is started.
 */
public final class ScriptedBridge implements BridgeLauncher {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LocalBridgeLauncher local = new LocalBridgeLauncher();
    private final Deque<Function<JsonNode, List<String>>> scripts = new ArrayDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    /** The next bridge writes these lines (the last one final). */
    public synchronized ScriptedBridge then(String... lines) {
        List<String> copy = List.of(lines);
        scripts.add(request -> copy);
        return this;
    }

    /** The next bridge writes what the function makes of its request. */
    public synchronized ScriptedBridge then(Function<JsonNode, List<String>> script) {
        scripts.add(script);
        return this;
    }

    /** The requests the engine wrote, one per bridge started, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String script(String fileName) throws IOException, InterruptedException {
        return local.script(fileName);
    }

    @Override
    public BridgeFolder newFolder() throws IOException, InterruptedException {
        return local.newFolder();
    }

    @Override
    public BridgeFolder folder(String path) {
        return local.folder(path);
    }

    @Override
    public synchronized Launched launch(List<String> command, BridgeFolder folder, Duration timeout)
            throws IOException, InterruptedException {
        if (folder.exists(BridgeFiles.PID)) {
            return new Launched(0, ""); // a kill: nothing runs
        }
        byte[] raw = folder.read(BridgeFiles.REQUEST, 0, 1 << 20);
        JsonNode request = MAPPER.readTree(raw);
        requests.add(request);
        if (scripts.isEmpty()) {
            throw new IllegalStateException("no script for bridge " + requests.size() + ": " + request);
        }
        List<String> lines = new ArrayList<>(scripts.removeFirst().apply(request));
        String last = lines.remove(lines.size() - 1);
        folder.write(BridgeFiles.PID, Long.toString(ProcessHandle.current().pid() + 1_000_000).getBytes(
                StandardCharsets.US_ASCII));
        folder.write(BridgeFiles.EVENTS, (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"))
                .getBytes(StandardCharsets.UTF_8));
        folder.write(BridgeFiles.RESULT, (last + "\n").getBytes(StandardCharsets.UTF_8));
        return new Launched(0, "");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        local.close();
    }

    /** An {@code agent_log} event line. */
    public static String agentLog(long runId, int index, String toolName, String thought) {
        return "{\"event\":\"agent_log\",\"run_id\":" + runId + ",\"index\":" + index
                + ",\"created_at\":\"2026-11-30T10:00:" + String.format("%02d", index % 60) + "Z\""
                + ",\"message_type\":\"ACTION\",\"tool_name\":" + json(toolName) + ",\"thought\":" + json(thought) + "}";
    }

    /** A {@code created} event line. */
    public static String created(long runId, String how) {
        return "{\"event\":\"created\",\"run_id\":" + runId + ",\"how\":\"" + how + "\",\"status\":\"ACTIVE\","
                + "\"web_url\":\"https://codegen.com/agent/trace/" + runId + "\"}";
    }

    /** A {@code result} line of a completed run with one pull request. */
    public static String completed(long runId, int requests) {
        return "{\"event\":\"result\",\"run\":{\"id\":" + runId + ",\"status\":\"COMPLETE\","
                + "\"web_url\":\"https://codegen.com/agent/trace/" + runId + "\",\"pull_requests\":[{\"id\":9,"
                + "\"url\":\"https://github.com/acme/webapp/pull/" + (40 + runId) + "\",\"number\":" + (40 + runId)
                + ",\"title\":\"Work\",\"branch\":\"codegen/run-" + runId + "\"}]},\"stats\":{\"requests\":"
                + requests + ",\"by_phase\":{},\"rate_limited\":0}}";
    }

    /** An {@code error} line. */
    public static String error(String type, boolean retryable, String createOutcome, Long runId, int requests) {
        return "{\"event\":\"error\",\"type\":\"" + type + "\",\"message\":\"scripted " + type + "\",\"retryable\":"
                + retryable + ",\"create_outcome\":\"" + createOutcome + "\""
                + (runId == null ? "" : ",\"run\":{\"id\":" + runId + ",\"web_url\":\"https://codegen.com/agent/trace/"
                + runId + "\"}")
                + ",\"stats\":{\"requests\":" + requests + ",\"by_phase\":{},\"rate_limited\":0}}";
    }

    /** The {@code live_log} event of a logs endpoint that answered 404. */
    public static String liveLogUnavailable() {
        return "{\"event\":\"live_log\",\"available\":false,\"http_status\":404,"
                + "\"reason\":\"the logs endpoint answered 404 Not Found\"}";
    }

    private static String json(String value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
