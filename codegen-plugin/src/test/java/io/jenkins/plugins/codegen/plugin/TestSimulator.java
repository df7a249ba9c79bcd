package io.jenkins.plugins.codegen.plugin;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * A simulated Codegen API that the test starts (so that it outlives a controller restart) and that
 * accepts only {@link CodegenTesting#TOKEN}; it counts the agent runs created per scenario.
 */
public final class TestSimulator implements AutoCloseable {
    static final String CREDENTIAL_ID = "codegen-token";
    private final LocalBridgeLauncher launcher = new LocalBridgeLauncher();
    private final SimulatorServer server;

    public TestSimulator() throws Exception {
        server = SimulatorServer.start(launcher, CodegenTesting.python(),
                SimulatorOptions.DEFAULT.withAcceptedToken(CodegenTesting.TOKEN));
    }

    /** Points the global configuration at this simulator, for a scenario, with the token as a Secret text credential. */
    public void configure(String scenario) throws IOException {
        CodegenGlobalConfiguration global = CodegenTesting.configure();
        global.setApiUrl(server.baseUrl(scenario));
        global.setOrgId(1L);
        global.setCredentialsId(CREDENTIAL_ID);
        global.save();
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                CREDENTIAL_ID, "Codegen API token", Secret.fromString(CodegenTesting.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
    }

    /** How many agent runs requests under this scenario created. */
    public int createdRuns(String scenario) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        server.baseUrl() + "/_sim/runs?spec=" + URLEncoder.encode(scenario, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode runs = new ObjectMapper().readTree(response.body()).path("runs");
        return runs.size();
    }

    /** How many follow-ups (resumes) the simulator took, under any scenario. */
    public int resumes() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                server.baseUrl() + "/_sim/stats")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).path("resumes").asInt(-1);
    }

    /** How many requests got the given injected fault so far, counted as they arrive (a slow one before its answer). */
    public int faulted(String fault) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                server.baseUrl() + "/_sim/stats")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).path("faults").path(fault).asInt(0);
    }

    @Override
    public void close() throws Exception {
        server.close();
        launcher.close();
    }
}
