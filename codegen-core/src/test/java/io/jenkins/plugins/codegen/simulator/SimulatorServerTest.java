package io.jenkins.plugins.codegen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.testing.CountingLauncher;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SimulatorServerTest {
    private static final String ACCEPTED = "sim-accepted-token-7c1d";

    @Test
    void anAcceptedTokenIsEnforcedAndNeverOnTheCommandLine() throws Exception {
        try (LocalBridgeLauncher local = new LocalBridgeLauncher()) {
            CountingLauncher launcher = new CountingLauncher(local);
            try (SimulatorServer simulator = SimulatorServer.start(launcher, TestPython.interpreter(),
                    SimulatorOptions.DEFAULT.withAcceptedToken(ACCEPTED))) {
                assertThat(statusOfUserCall(simulator.baseUrl(), ACCEPTED)).isEqualTo(200);
                assertThat(statusOfUserCall(simulator.baseUrl(), "some-other-token")).isEqualTo(401);
            }
            assertThat(launcher.launches()).isNotEmpty().allSatisfy(command -> assertThat(command).asString()
                    .doesNotContain(ACCEPTED));
        }
    }

    private static int statusOfUserCall(String baseUrl, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/users/me"))
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
