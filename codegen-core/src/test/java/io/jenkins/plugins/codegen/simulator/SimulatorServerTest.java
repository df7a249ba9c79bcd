package io.jenkins.plugins.codegen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeProcess;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorServerTest {
    private static final String ACCEPTED = "sim-accepted-token-7c1d";

    @Test
    void anAcceptedTokenIsEnforcedAndNeverOnTheCommandLine() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        try (LocalBridgeLauncher local = new LocalBridgeLauncher();
             SimulatorServer simulator = SimulatorServer.start(recording(local, commands), TestPython.interpreter(),
                     SimulatorOptions.DEFAULT.withAcceptedToken(ACCEPTED))) {
            assertThat(statusOfUserCall(simulator.baseUrl(), ACCEPTED)).isEqualTo(200);
            assertThat(statusOfUserCall(simulator.baseUrl(), "some-other-token")).isEqualTo(401);
        }
        assertThat(commands).singleElement().asString().doesNotContain(ACCEPTED);
    }

    private static int statusOfUserCall(String baseUrl, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/users/me"))
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static BridgeLauncher recording(BridgeLauncher delegate, List<List<String>> commands) {
        return new BridgeLauncher() {
            @Override
            public String script(String fileName) throws IOException, InterruptedException {
                return delegate.script(fileName);
            }

            @Override
            public BridgeProcess start(List<String> command, Map<String, String> environment)
                    throws IOException, InterruptedException {
                commands.add(List.copyOf(command));
                return delegate.start(command, environment);
            }

            @Override
            public void close() {
                // The test closes the delegate.
            }
        };
    }
}
