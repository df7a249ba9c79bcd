package io.jenkins.plugins.codegen.simulator;

import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeProcess;
import io.jenkins.plugins.codegen.bridge.BridgeScripts;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The simulated Codegen API, running as a Python process wherever the launcher starts processes,
 * so that mock mode exercises the real bridge against it on the same machine. Closing it stops it;
 * it also stops by itself when its parent goes away (its stdin closes).
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final BridgeProcess process;
    private final String baseUrl;

    private SimulatorServer(BridgeProcess process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts the simulator and waits until it listens. */
    public static SimulatorServer start(BridgeLauncher launcher, String python, SimulatorOptions options)
            throws CodegenException, InterruptedException {
        BridgeProcess process;
        try {
            List<String> command = new ArrayList<>(List.of(python, "-B", launcher.script(BridgeScripts.SIMULATOR)));
            command.addAll(options.arguments());
            Map<String, String> environment = new HashMap<>(options.environment());
            environment.put("PYTHONUNBUFFERED", "1");
            environment.put("PYTHONDONTWRITEBYTECODE", "1");
            process = launcher.start(command, environment);
        } catch (IOException e) {
            throw CodegenException.builder(ErrorType.PYTHON,
                            "Mock mode could not start the simulated Codegen API with '" + python + "': " + e.getMessage())
                    .guidance("Mock mode runs the simulator with the agent's Python; install Python 3.8 or newer or "
                            + "set the Python path.")
                    .retryable(false).cause(e).build();
        }
        String firstLine = readFirstLine(process);
        if (firstLine == null || !firstLine.startsWith("http")) {
            String why = stderrOf(process);
            kill(process);
            throw CodegenException.builder(ErrorType.PYTHON,
                            "The simulated Codegen API did not start" + (why.isEmpty() ? "." : ": " + why))
                    .retryable(false).build();
        }
        return new SimulatorServer(process, firstLine.strip());
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:40123}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The base URL for one scenario spec, e.g. {@code failed;polls=3}: requests there follow that spec. */
    public String baseUrl(String scenarioSpec) {
        return baseUrl + "/s/" + java.net.URLEncoder.encode(scenarioSpec, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        kill(process);
    }

    private static String readFirstLine(BridgeProcess process) throws InterruptedException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return firstLine(process.stdout());
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (bytes.size() > 1000) {
                break;
            }
            bytes.write(b);
        }
        return b == -1 && bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
    }

    private static String stderrOf(BridgeProcess process) {
        try {
            if (process.isAlive()) {
                return "";
            }
            return new String(process.stderr().readNBytes(4000), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void kill(BridgeProcess process) {
        try {
            process.stdin().close();
            process.kill();
        } catch (IOException e) {
            // Already gone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
