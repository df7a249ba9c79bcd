package io.jenkins.plugins.codegen.simulator;

import io.jenkins.plugins.codegen.bridge.BridgeFiles;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.BridgeLauncher;
import io.jenkins.plugins.codegen.bridge.BridgeScripts;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulated Codegen API, running as a Python process wherever the launcher runs the bridge, so
 * that mock mode exercises the real bridge against it on the same machine. Like the bridge, it
 * talks through a folder (docs/simulator.md): it starts detached and writes its URL to a file, takes
 * an accepted token from an owner-only file it deletes, and stops when a stop file appears or its
 * folder goes. So it needs no stdin or stdout from the launcher, and ends with the task's folder.
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(SimulatorServer.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    /** What the simulator writes once it listens: its base URL. */
    private static final String URL = "url";
    /** What the simulator writes as it ends. */
    private static final String EXITED = "exited";
    /** Ends the simulator by its pid file, from where it runs (inside a container, say). */
    private static final String KILL = "import os, signal, sys; os.kill(int(open(sys.argv[1]).read()), "
            + "signal.SIGTERM)";

    private final BridgeLauncher launcher;
    private final BridgeFolder folder;
    private final String python;
    private final String baseUrl;

    private SimulatorServer(BridgeLauncher launcher, BridgeFolder folder, String python, String baseUrl) {
        this.launcher = launcher;
        this.folder = folder;
        this.python = python;
        this.baseUrl = baseUrl;
    }

    /** Starts the simulator and waits until it listens. */
    public static SimulatorServer start(BridgeLauncher launcher, String python, SimulatorOptions options)
            throws CodegenException, InterruptedException {
        BridgeFolder folder = null;
        try {
            String script = launcher.script(BridgeScripts.SIMULATOR);
            folder = launcher.newFolder();
            if (options.acceptedToken() != null) {
                folder.writePrivate(BridgeFiles.SECRETS, secrets(options.acceptedToken()));
            }
            List<String> command = new ArrayList<>(List.of(python, "-B", script, "--folder", folder.path()));
            command.addAll(options.arguments());
            BridgeLauncher.Launched launched = launcher.launch(command, folder, START_TIMEOUT);
            String url = launched.exitCode() == 0 ? awaitUrl(folder) : null;
            if (url == null || !url.startsWith("http")) {
                String why = (launched.output().strip() + " " + log(folder)).strip();
                stop(launcher, folder, python);
                throw CodegenException.builder(ErrorType.PYTHON,
                                "The simulated Codegen API did not start" + (why.isEmpty() ? "." : ": " + why))
                        .retryable(false).build();
            }
            return new SimulatorServer(launcher, folder, python, url);
        } catch (IOException | RuntimeException e) {
            if (folder != null) {
                stop(launcher, folder, python);
            }
            throw CodegenException.builder(ErrorType.PYTHON,
                            "Mock mode could not start the simulated Codegen API with '" + python + "': " + e.getMessage())
                    .guidance("Mock mode runs the simulator with the agent's Python; install Python 3.8 or newer or "
                            + "set the Python path.")
                    .retryable(false).cause(e).build();
        }
    }

    private static byte[] secrets(String token) {
        // A token of letters, digits and punctuation needs no JSON escaping beyond quotes and backslashes.
        return ("{\"token\":\"" + token.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String awaitUrl(BridgeFolder folder) throws IOException, InterruptedException {
        long until = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - until < 0) {
            byte[] url = folder.read(URL, 0, 1000);
            if (url != null) {
                return new String(url, StandardCharsets.UTF_8).strip();
            }
            Thread.sleep(20);
        }
        return null;
    }

    private static String log(BridgeFolder folder) {
        try {
            byte[] tail = folder.read(BridgeFiles.LOG, -4000, 4000);
            return tail == null ? "" : new String(tail, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
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
        stop(launcher, folder, python);
    }

    /**
     * The stop file, a kill of the recorded pid if the server is still there after a moment, then the
     * folder's removal (which alone would end it too). Never fails: it runs while cleaning up.
     */
    private static void stop(BridgeLauncher launcher, BridgeFolder folder, String python) {
        boolean interrupted = Thread.interrupted();
        try {
            folder.write(BridgeFiles.STOP, new byte[0]);
            long until = System.nanoTime() + STOP_WAIT.toNanos();
            boolean listening = folder.exists(URL);
            while (listening && System.nanoTime() - until < 0 && !folder.exists(EXITED)) {
                Thread.sleep(20);
            }
            byte[] pid = folder.read(BridgeFiles.PID, 0, 32);
            if (listening && pid != null && !folder.exists(EXITED)) {
                launcher.kill(folder, Long.parseLong(new String(pid, StandardCharsets.US_ASCII).strip()),
                        List.of(python, "-c", KILL, folder.path() + "/" + BridgeFiles.PID));
            }
            folder.delete();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not stop the simulator in " + folder, e);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
