package io.jenkins.plugins.codegen.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the Python bridge for one request, through files only (docs/bridge-protocol.md): writes the
 * request and an owner-only secrets file into a new {@link BridgeFolder}, launches a command that
 * starts the bridge detached and returns, then follows the folder's events by offset until its
 * result appears. It passes progress events to a listener as they arrive, enforces the deadline,
 * caps what it reads, masks the token, and turns every outcome into a {@link BridgeResult} or a
 * typed {@link CodegenException}. The token and the secret variables (a proxy URL with a password)
 * travel only in the secrets file, which the bridge deletes before anything else: never on a
 * command line, never in an environment that a launcher might copy onto one.
 */
public final class PythonBridge {
    /**
     * The launched command. It sends its own output to the folder's log before anything can fail
     * (so even a Python too old to read the bridge explains itself there), then imports the bridge
     * instead of running it as a script: Python caches an imported module's bytecode (in the
     * launcher's private folder), which halves the start-up time. Nothing else is cached: bytecode
     * writing is switched off once the bridge is loaded. Everything the bridge (and the simulator it
     * may start) creates is its owner's only (umask 077): the folder holds the prompt, the agent's log
     * and the result. argv[1] is the scripts' folder, argv[2] the bridge's.
     */
    static final String START = "import os, sys; os.umask(0o077); f = sys.argv[2]; d = os.open(os.path.join(f, 'bridge.log'), "
            + "os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600); os.dup2(d, 1); os.dup2(d, 2); "
            + "sys.path.insert(0, sys.argv[1]); sys.dont_write_bytecode = False; import codegen_bridge; "
            + "sys.dont_write_bytecode = True; sys.exit(codegen_bridge.start(f))";

    /**
     * How the interpreter starts: isolated ({@code -I}: no PYTHONPATH, no user site-packages, no
     * PYTHON* variables), so that nothing a shared agent's setup puts there runs in the bridge or
     * stands in for a module of its own; and, where the bridge needs nothing beyond the standard
     * library (REST, and every command but an SDK run), without {@code site} ({@code -S}), which is
     * most of an interpreter's start-up time. The SDK backend keeps {@code site}, which finds the
     * SDK in the interpreter's site-packages; the bridge adds PYTHONPATH and the user's site-packages
     * for the SDK's import only, after the standard library (docs/bridge-protocol.md).
     */
    static List<String> interpreterOptions(BridgeRequest request) {
        boolean sdk = request.command() == BridgeCommand.RUN && request.backend() != Backend.REST;
        return sdk ? List.of("-I") : List.of("-I", "-S");
    }

    /** Ends the bridge of a folder by its pid, from the bridge's side (inside a container, say). */
    static final String KILL = "import sys; sys.path.insert(0, sys.argv[1]); import codegen_bridge; "
            + "sys.exit(codegen_bridge.kill(sys.argv[2]))";

    /** The start command only detaches the bridge; a minute covers the slowest agent's interpreter start. */
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);

    private final BridgeLauncher launcher;
    private final String python;
    private final Map<String, String> environment;
    private final Limits limits;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param python the interpreter to run, a name on the PATH or a path
     * @param environment variables for the bridge, e.g. proxy settings; they travel in the secrets
     *     file with the token, so a proxy password never reaches a command line or an environment
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
     * How much the bridge may write (a line; all its events besides the agent's log, which is as
     * long as the run makes it), how long it may outlive its own deadline before it is killed, and
     * how long its heartbeat may stand still before it counts as dead.
     */
    public record Limits(long maxOutputBytes, int maxLineBytes, Duration grace, Duration staleAfter) {
        public static final Limits DEFAULT =
                new Limits(8L * 1024 * 1024, 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(15));

        public Limits(long maxOutputBytes, int maxLineBytes, Duration grace) {
            this(maxOutputBytes, maxLineBytes, grace, DEFAULT.staleAfter());
        }
    }

    /**
     * Runs one request. The thread's interrupt stops the bridge (stop file, then a kill if it does
     * not end within seconds) and surfaces as a {@link BridgeAbortedException} that says what the
     * bridge wrote by its end (the run it created; whether a create's outcome is unknown), or, for a
     * launcher that {@link BridgeLauncher#detached() detached}, as the plain interrupt; everything
     * else ends in a result or a {@link CodegenException}.
     */
    public BridgeResult execute(BridgeRequest request, String token, BridgeListener listener)
            throws CodegenException, InterruptedException {
        SecretMasker masker = SecretMasker.of(token);
        long started = System.nanoTime();
        String scripts = folderOf(installBridge());
        BridgeFolder folder = prepare(request, token);
        BridgeSession session = new BridgeSession(launcher, folder, new BridgeState(folder.path(), 0, null, null,
                request.logSkip(), request.followUpRunId() != null),
                masker, listener, limits, command(List.of("-I", "-S"), KILL, scripts, folder.path()));
        // A caller that detaches (its controller shuts down) leaves the bridge running and its folder in place.
        try {
            launch(session, request, scripts, folder, listener);
            listener.onStarted(session.state());
            return finish(session, request, masker, listener, started);
        } catch (InterruptedException e) {
            if (!launcher.detached()) {
                throw session.abort(e, mayCreate(request));
            }
            throw e;
        } finally {
            // A lost machine's bridge may still run there: its folder is what picks it up again.
            if (!launcher.detached() && !session.lost()) {
                session.cleanUp();
            }
        }
    }

    /**
     * Follows a bridge that an earlier call started and lost track of, from where that call had got
     * to ({@link BridgeListener#onStarted} gave the state), to the same end as {@link #execute}: a
     * result written meanwhile is picked up, a bridge that still runs is followed. Starts nothing
     * and creates nothing.
     *
     * @throws BridgeGoneException when there is no bridge to follow any more: its folder is gone, or
     *     its process died without a result (so that the caller can attach to the run with
     *     {@code resume_run_id})
     */
    public BridgeResult reattach(BridgeState state, BridgeRequest request, String token, BridgeListener listener)
            throws CodegenException, BridgeGoneException, InterruptedException {
        SecretMasker masker = SecretMasker.of(token);
        long started = System.nanoTime();
        BridgeFolder folder;
        String scripts;
        try {
            folder = launcher.folder(state.folder());
            scripts = folderOf(launcher.script(BridgeScripts.BRIDGE));
        } catch (IOException | RuntimeException e) {
            throw folderFailure("Could not reach the bridge's folder", e);
        }
        if (!folderHolds(folder)) {
            throw new BridgeGoneException(CodegenException.builder(ErrorType.PYTHON, "The bridge's folder "
                    + state.folder() + " is gone.").retryable(false).build());
        }
        BridgeSession session = new BridgeSession(launcher, folder, state, masker, listener, limits,
                command(List.of("-I", "-S"), KILL, scripts, folder.path()));
        try {
            return finish(session, request, masker, listener, started);
        } catch (CodegenException e) {
            if (session.died()) {
                throw new BridgeGoneException(e);
            }
            throw e;
        } catch (InterruptedException e) {
            if (!launcher.detached()) {
                throw session.abort(e, mayCreate(request));
            }
            throw e;
        } finally {
            // A lost machine's bridge may still run there: its folder is what picks it up again.
            if (!launcher.detached() && !session.lost()) {
                session.cleanUp();
            }
        }
    }

    /** Whether the folder still holds the request the bridge was started with (a folder that is gone does not). */
    private static boolean folderHolds(BridgeFolder folder) throws CodegenException, InterruptedException {
        try {
            return folder.exists(BridgeFiles.REQUEST) || folder.exists(BridgeFiles.RESULT);
        } catch (IOException | RuntimeException e) {
            throw folderFailure("Could not reach the bridge's folder", e);
        }
    }

    private BridgeResult finish(BridgeSession session, BridgeRequest request, SecretMasker masker,
                                BridgeListener listener, long started) throws CodegenException, InterruptedException {
        JsonNode finalEvent = session.follow(started + realTimeLimit(request).toNanos());
        if (finalEvent.has("stats")) {
            listener.onStats(BridgeOutcome.stats(finalEvent.get("stats")));
        }
        return BridgeOutcome.from(finalEvent, request, masker, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Whether the request could start agent work: a run that is not an attach (a create, or a follow-up). */
    private static boolean mayCreate(BridgeRequest request) {
        return request.command() == BridgeCommand.RUN && request.resumeRunId() == null;
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

    private String installBridge() throws CodegenException, InterruptedException {
        try {
            return launcher.script(BridgeScripts.BRIDGE);
        } catch (IOException | RuntimeException e) {
            throw folderFailure("Could not install the bridge script", e);
        }
    }

    /** A new folder with the request and the secrets in it. */
    private BridgeFolder prepare(BridgeRequest request, String token) throws CodegenException, InterruptedException {
        BridgeFolder folder;
        try {
            folder = launcher.newFolder();
        } catch (IOException | RuntimeException e) {
            throw folderFailure("Could not create the bridge's folder", e);
        }
        try {
            folder.write(BridgeFiles.REQUEST, request.toJson(mapper));
            folder.writePrivate(BridgeFiles.SECRETS, secrets(token));
            return folder;
        } catch (IOException | RuntimeException e) {
            try {
                folder.delete();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw folderFailure("Could not write the bridge's request", e);
        }
    }

    private byte[] secrets(String token) {
        ObjectNode secrets = mapper.createObjectNode();
        secrets.put("token", token == null ? "" : token);
        ObjectNode variables = secrets.putObject("environment");
        environment.forEach(variables::put);
        try {
            return mapper.writeValueAsBytes(secrets);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the bridge's secrets", e);
        }
    }

    private static CodegenException folderFailure(String what, Exception e) {
        return CodegenException.builder(ErrorType.PYTHON, what + ": " + e.getMessage())
                .guidance("Check that the build agent's temporary folder is writable and has free space.")
                .retryable(false).cause(e).build();
    }

    /** Whether the folder cannot be reached any more: its machine is gone, rather than a command failing there. */
    private static boolean unreachable(BridgeFolder folder) throws InterruptedException {
        try {
            folder.exists(BridgeFiles.REQUEST);
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static boolean pidWritten(BridgeFolder folder) throws InterruptedException {
        try {
            return folder.exists(BridgeFiles.PID);
        } catch (IOException | RuntimeException e) {
            return true; // following the folder will tell what became of it
        }
    }

    private List<String> command(List<String> options, String code, String... arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(python);
        command.addAll(options);
        command.add("-c");
        command.add(code);
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Runs the start command; it returns once the bridge runs detached (and has written its pid). A
     * machine that goes away while the command runs may have started the bridge all the same: that is
     * a lost machine, whose bridge the listener is told of so that it can be followed again.
     */
    private void launch(BridgeSession session, BridgeRequest request, String scripts, BridgeFolder folder,
                        BridgeListener listener)
            throws CodegenException, InterruptedException {
        BridgeLauncher.Launched launched;
        try {
            launched = launcher.launch(command(interpreterOptions(request), START, scripts, folder.path()), folder,
                    LAUNCH_TIMEOUT);
        } catch (IOException e) {
            if (unreachable(folder)) {
                listener.onStarted(session.state());
                throw session.machineLost(e);
            }
            throw BridgeOutcome.pythonNotStarted(python, e);
        }
        session.launched(launched.output());
        // The start command writes the pid before it returns 0: without it, no bridge runs.
        if (launched.exitCode() != 0 || !pidWritten(folder)) {
            throw BridgeOutcome.withoutResult(launched.exitCode(), session.diagnostics(), null, null);
        }
    }
}
