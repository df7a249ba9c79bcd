package io.jenkins.plugins.codegen.testing;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulated Codegen API for a test class ({@code @RegisterExtension static}), with helpers to
 * give each test its own scenario and to count the agent runs that exist.
 */
public final class SimulatorExtension implements BeforeAllCallback, AfterAllCallback {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SimulatorOptions options;
    private LocalBridgeLauncher launcher;
    private SimulatorServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public SimulatorExtension() {
        this(SimulatorOptions.DEFAULT);
    }

    public SimulatorExtension(SimulatorOptions options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        launcher = new LocalBridgeLauncher();
        server = SimulatorServer.start(launcher, TestPython.interpreter(), options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
        launcher.close();
    }

    public SimulatorServer server() {
        return server;
    }

    /** A spec unique to the caller, e.g. {@code unique("fault=429;phase=create")}. */
    public static String unique(String spec) {
        return spec + ";id=" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The base URL that makes every request follow this spec. */
    public String url(String spec) {
        return server.baseUrl(spec);
    }

    /** The agent runs created under this spec, oldest first. */
    public List<Map<String, Object>> runs(String spec) throws IOException, InterruptedException {
        Map<String, Object> body = get("/_sim/runs?spec=" + URLEncoder.encode(spec, StandardCharsets.UTF_8));
        return MAPPER.convertValue(body.get("runs"), new TypeReference<List<Map<String, Object>>>() { });
    }

    /**
     * Every agent run of organization 1, newest first, read as a client reads them: through the
     * API's paginated list endpoint ({@code GET /v1/organizations/1/agent/runs}).
     */
    public List<Map<String, Object>> listedRuns() throws IOException, InterruptedException {
        List<Map<String, Object>> runs = new java.util.ArrayList<>();
        int total;
        do {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/v1/organizations/1/agent/runs?limit=100&skip=" + runs.size()))
                    .header("Authorization", "Bearer test-reader").build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> page = MAPPER.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
            runs.addAll(MAPPER.convertValue(page.get("items"), new TypeReference<List<Map<String, Object>>>() { }));
            total = ((Number) page.get("total")).intValue();
        } while (runs.size() < total);
        return runs;
    }

    /** Makes {@code count} agent runs in organization 1 through the API, as other clients of a busy organization do. */
    public void createRuns(int count) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/v1/organizations/1/agent/run"))
                    .header("Authorization", "Bearer someone-else").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Other work\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("the simulator refused a run: " + response.statusCode() + " " + response.body());
            }
        }
    }

    /** The simulator's request counters. */
    public Map<String, Object> stats() throws IOException, InterruptedException {
        return get("/_sim/stats");
    }

    private Map<String, Object> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return MAPPER.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
    }
}
