package io.jenkins.plugins.codegen.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Creates agent runs on the simulator, as a {@code codegenTask(wait: false)} elsewhere would have. */
final class SimulatedRuns {
    static final String TOKEN = "cg-watch-test-token-7c1e5a90b2";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SimulatedRuns() {
    }

    /** A new run under the spec of {@code specUrl} (a simulator base URL with {@code /s/<spec>}); its id. */
    static long create(String specUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(specUrl + "/v1/organizations/1/agent/run"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"# Add input validation\\nValidate it.\"}"))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("create failed: " + response.statusCode() + " " + response.body());
        }
        return MAPPER.readTree(response.body()).path("id").asLong();
    }
}
