package io.jenkins.plugins.codegen.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the simulator's bookkeeping ({@code /_sim/runs}, {@code /_sim/stats}; docs/simulator.md):
 * the figures the suites report come from the server's side, not from the engine's own account.
 */
final class SimulatorClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param baseUrl the simulator's unprefixed base URL */
    SimulatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One agent run as the simulator recorded it; times are simulated seconds since it started. */
    record Run(long id, String spec, int gets, int logs, double createdSim, Double terminalSim, Double detectedSim,
               JsonNode metadata) {

        Optional<String> metadata(String key) {
            JsonNode value = metadata.path(key);
            return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
        }
    }

    /** The simulator's counters. */
    record Stats(long requests, long rateLimited, double simTime, Map<String, Long> byStatus,
                 Map<String, Long> byPhase, Map<String, Long> faults) {

        long status(String code) {
            return byStatus.getOrDefault(code, 0L);
        }
    }

    List<Run> runs() throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (JsonNode run : get("/_sim/runs").path("runs")) {
            runs.add(new Run(run.path("id").asLong(), run.path("spec").asText(), run.path("gets").asInt(),
                    run.path("logs").asInt(), run.path("created_sim").asDouble(), number(run.path("terminal_sim")),
                    number(run.path("detected_sim")), run.path("metadata")));
        }
        return runs;
    }

    Stats stats() throws IOException, InterruptedException {
        JsonNode stats = get("/_sim/stats");
        return new Stats(stats.path("requests").asLong(), stats.path("rate_limited").asLong(),
                stats.path("sim_time").asDouble(), counts(stats.path("by_status")), counts(stats.path("by_phase")),
                counts(stats.path("faults")));
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new TreeMap<>();
        object.fields().forEachRemaining(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return MAPPER.readTree(response.body());
    }
}
