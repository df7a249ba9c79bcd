package io.jenkins.plugins.codegen.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python bridge for one request: starts it through a {@link BridgeLauncher}, writes the
 * request, passes progress events to a listener as they arrive, enforces the deadline by killing
 * the process, caps what it reads, and turns every outcome into a {@link BridgeResult} or a typed
 * {@link CodegenException}. The token travels only in the child's environment.
 */
public final class PythonBridge {
    /** Daemon threads that drain the children's output; they never outlive a call by more than a moment. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "codegen-bridge-reader");
        thread.setDaemon(true);
        return thread;
    });

    private static final int STDERR_TAIL = 8 * 1024;

    /**
     * Imports the bridge instead of running it as a script: Python caches an imported module's
     * bytecode (in the launcher's private folder, removed with it), which halves the start-up time.
     * Nothing else is cached: bytecode writing is switched off once the bridge is loaded.
     */
    private static final String START = "import sys; sys.path.insert(0, sys.argv[1]); import codegen_bridge; "
            + "sys.dont_write_bytecode = True; sys.exit(codegen_bridge.main())";

    private final BridgeLauncher launcher;
    private final String python;
    private final Map<String, String> environment;
    private final Limits limits;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param python the interpreter to run, a name on the PATH or a path
     * @param environment extra variables for the child, e.g. proxy settings; never the token
     */
    public PythonBridge(BridgeLauncher launcher, String python, Map<String, String> environment, Limits limits) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.python = Objects.requireNonNull(python, "python");
        this.environment = Map.copyOf(environment);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public PythonBridge(BridgeLauncher launcher, String python) {
        this(launcher, python, Map.of(), Limits.DEFAULT);
    }

    /**
     * How much the bridge may print and how long it may outlive its own deadline before it is killed.
     */
    public record Limits(long maxOutputBytes, int maxLineBytes, Duration grace) {
        public static final Limits DEFAULT = new Limits(8L * 1024 * 1024, 1024 * 1024, Duration.ofSeconds(10));
    }

    /**
     * Runs one request. The thread's interrupt kills the bridge at once and surfaces as
     * {@link InterruptedException}; everything else ends in a result or a {@link CodegenException}.
     */
    public BridgeResult execute(BridgeRequest request, String token, BridgeListener listener)
            throws CodegenException, InterruptedException {
        SecretMasker masker = SecretMasker.of(token);
        long started = System.nanoTime();
        BridgeProcess process = start(request, token);
        Session session = new Session(process, masker, listener);
        try {
            session.send(request.toJson(mapper));
            session.read(started + realTimeLimit(request).toNanos());
            int exitCode = session.exitCode();
            if (session.finalEvent != null && session.finalEvent.has("stats")) {
                listener.onStats(BridgeOutcome.stats(session.finalEvent.get("stats")));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return BridgeOutcome.from(session.finalEvent, exitCode, session.diagnostics(), request, masker, elapsed);
        } catch (InterruptedException e) {
            session.kill();
            throw e;
        } catch (CodegenException e) {
            session.kill();
            throw e;
        } finally {
            session.close();
        }
    }

    /** The folder of a script path, whichever separator the agent's platform uses. */
    static String folderOf(String script) {
        int cut = Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\'));
        return cut <= 0 ? "." : script.substring(0, cut);
    }

    /** The bridge's own deadline (converted to real time) plus one request's timeout and a grace. */
    private Duration realTimeLimit(BridgeRequest request) {
        double scale = request.timeScale();
        long bridgeMillis = (long) ((request.deadline().toMillis() + request.requestTimeout().toMillis()) / scale);
        return Duration.ofMillis(bridgeMillis).plus(limits.grace());
    }

    private BridgeProcess start(BridgeRequest request, String token) throws CodegenException, InterruptedException {
        String script;
        try {
            script = launcher.script(BridgeScripts.BRIDGE);
        } catch (IOException e) {
            throw CodegenException.builder(ErrorType.PYTHON, "Could not install the bridge script: " + e.getMessage())
                    .guidance("Check that the build agent's temporary folder is writable and has free space.")
                    .cause(e).build();
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("CODEGEN_TOKEN", token == null ? "" : token);
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONUNBUFFERED", "1");
        // Empty means unset: an inherited PYTHONDONTWRITEBYTECODE would stop the bridge's bytecode cache.
        env.put("PYTHONDONTWRITEBYTECODE", "");
        env.put("CODEGEN_BACKEND", request.backend().wireName());
        try {
            return launcher.start(List.of(python, "-c", START, folderOf(script)), env);
        } catch (IOException e) {
            throw BridgeOutcome.pythonNotStarted(python, e);
        }
    }

    /** One running bridge: its streams, the reader threads, and what they found. */
    private final class Session {
        private final BridgeProcess process;
        private final SecretMasker masker;
        private final BridgeListener listener;
        private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
        private final StderrTail stderr;
        private final List<String> strayLines = new ArrayList<>();
        private JsonNode finalEvent;
        private Long runId;
        private String webUrl;
        private boolean killed;

        Session(BridgeProcess process, SecretMasker masker, BridgeListener listener) {
            this.process = process;
            this.masker = masker;
            this.listener = listener;
            this.stderr = new StderrTail(process.stderr(), STDERR_TAIL);
            READERS.execute(stderr);
            READERS.execute(this::pumpStdout);
        }

        void send(byte[] request) {
            try (OutputStream in = process.stdin()) {
                in.write(request);
            } catch (IOException e) {
                // The bridge died before reading its request; what it printed explains why.
            }
        }

        private void pumpStdout() {
            try (InputStream out = process.stdout()) {
                BoundedLineReader reader = new BoundedLineReader(out, limits.maxLineBytes(), limits.maxOutputBytes());
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
                lines.add(Eof.INSTANCE);
            } catch (IOException e) {
                lines.add(e);
            }
        }

        void read(long deadlineNanos) throws CodegenException, InterruptedException {
            while (true) {
                long remaining = deadlineNanos - System.nanoTime();
                Object item = remaining > 0 ? lines.poll(remaining, TimeUnit.NANOSECONDS) : null;
                if (item == null) {
                    throw overran();
                }
                if (item == Eof.INSTANCE) {
                    return;
                }
                if (item instanceof IOException e) {
                    throw outputFailure(e);
                }
                handle((String) item);
            }
        }

        private void handle(String line) {
            if (line.isBlank()) {
                return;
            }
            JsonNode json = parse(line);
            String type = json == null ? null : json.path("event").asText(null);
            if (type == null) {
                String masked = masker.mask(line);
                if (strayLines.size() < 5) {
                    strayLines.add(masked.length() > 200 ? masked.substring(0, 200) + "..." : masked);
                }
                listener.onEvent(BridgeEvent.output(masked));
                return;
            }
            if (type.equals("result") || type.equals("error")) {
                if (finalEvent == null) {
                    finalEvent = json;
                }
                return;
            }
            if (type.equals("created")) {
                runId = json.path("run_id").canConvertToLong() ? json.path("run_id").asLong() : null;
                webUrl = json.path("web_url").asText(null);
            }
            listener.onEvent(new BridgeEvent(type, json));
        }

        private JsonNode parse(String line) {
            try {
                JsonNode node = mapper.readTree(masker.mask(line));
                return node != null && node.isObject() ? node : null;
            } catch (IOException e) {
                return null;
            }
        }

        private CodegenException overran() {
            kill();
            CodegenException.Builder error = CodegenException.builder(ErrorType.TIMEOUT,
                            "The bridge did not finish within its deadline and was stopped.")
                    .retryable(false);
            if (runId != null) {
                error.runId(runId).webUrl(webUrl).createOutcome(CreateOutcome.CREATED)
                        .guidance("Agent run " + runId + " may still be working"
                                + (webUrl != null ? ": " + webUrl : "") + ". Raise the timeout to wait longer.");
            }
            return error.build();
        }

        private CodegenException outputFailure(IOException e) {
            kill();
            return CodegenException.builder(ErrorType.PYTHON, "Reading the bridge's output failed: " + e.getMessage())
                    .guidance("The bridge printed more than the plugin accepts or its output broke off. Run with "
                            + "debug logging off, and report this if it persists.")
                    .retryable(false).cause(e).build();
        }

        int exitCode() throws InterruptedException, CodegenException {
            try {
                return process.waitFor();
            } catch (IOException e) {
                throw CodegenException.builder(ErrorType.PYTHON, "Lost track of the bridge process: " + e.getMessage())
                        .cause(e).build();
            }
        }

        BridgeOutcome.Diagnostics diagnostics() throws InterruptedException {
            stderr.awaitEnd(Duration.ofSeconds(2));
            return new BridgeOutcome.Diagnostics(List.copyOf(strayLines), masker.mask(stderr.text()), killed);
        }

        void kill() {
            killed = true;
            try {
                process.kill();
            } catch (IOException e) {
                // Nothing more can be done; the launcher's close removes what it installed.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() {
            try {
                if (process.isAlive()) {
                    kill();
                }
            } catch (IOException e) {
                kill();
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
    }

    private enum Eof { INSTANCE }
}
