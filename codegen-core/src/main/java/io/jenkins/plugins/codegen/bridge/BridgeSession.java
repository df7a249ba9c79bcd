package io.jenkins.plugins.codegen.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One bridge in its folder: follows its events by offset, finishes when its result appears, tells
 * a bridge that died (its heartbeat stopped) or a machine that was lost (the folder cannot be read)
 * from one that is still working, and stops it. Everything it knows is in its {@link #state()}.
 */
final class BridgeSession {
    private static final Logger LOGGER = Logger.getLogger(BridgeSession.class.getName());
    /**
     * Looks at the folder every MIN_PAUSE while the bridge talks or has just talked (a run that is
     * complete at once ends within milliseconds of its start), then backs off by half each quiet
     * look to MAX_PAUSE: a bridge that waits minutes for its agent run costs an agent a few calls a
     * second, not more.
     */
    private static final long MIN_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 1000;
    private static final long BRISK_NANOS = Duration.ofMillis(100).toNanos();
    private static final long HEARTBEAT_CHECK_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long an aborted bridge has to honour its stop file before it is killed. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(5);
    private static final int LOG_TAIL = 8 * 1024;

    private final BridgeLauncher launcher;
    private final BridgeFolder folder;
    private final SecretMasker masker;
    private final BridgeListener listener;
    private final PythonBridge.Limits limits;
    private final List<String> killCommand;
    private final EventLog events;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> strayLines = new ArrayList<>();
    private String launchOutput = "";
    private Long runId;
    private String webUrl;
    private int logSkip;
    private final boolean followUp;
    private boolean killed;
    private boolean died;
    private boolean lost;

    BridgeSession(BridgeLauncher launcher, BridgeFolder folder, BridgeState state, SecretMasker masker,
                  BridgeListener listener, PythonBridge.Limits limits, List<String> killCommand) {
        this.launcher = launcher;
        this.folder = folder;
        this.masker = masker;
        this.listener = listener;
        this.limits = limits;
        this.killCommand = List.copyOf(killCommand);
        this.events = new EventLog(limits.maxLineBytes(), limits.maxOutputBytes(), state.eventsOffset());
        this.runId = state.runId();
        this.webUrl = state.webUrl();
        this.logSkip = state.logSkip();
        this.followUp = state.followUp();
    }

    /** Where the bridge is and how far it was followed. */
    BridgeState state() {
        return new BridgeState(folder.path(), events.offset(), runId, webUrl, logSkip, followUp);
    }

    /** Whether the bridge's heartbeat stopped without a result: its process is gone (or was killed as hung). */
    boolean died() {
        return died;
    }

    /**
     * Whether the bridge's machine could not be reached any more: its bridge may still be running
     * there, so its folder is left for a caller that waits for the machine and follows it again.
     */
    boolean lost() {
        return lost;
    }

    /** What the launcher captured of the start command's own output, for diagnostics. */
    void launched(String output) {
        this.launchOutput = output == null ? "" : output;
    }

    /**
     * Follows the bridge until its result appears, and returns that final event (masked). Events
     * reach the listener as they are read. A deadline, a dead bridge, a lost machine and a runaway
     * bridge each end in their own typed {@link CodegenException}.
     */
    JsonNode follow(long deadlineNanos) throws CodegenException, InterruptedException {
        long started = System.nanoTime();
        byte[] lastBeat = null;
        long lastBeatChange = started;
        long lastBeatCheck = started;
        long pause = MIN_PAUSE_MILLIS;
        long lastActivity = started;
        while (true) {
            try {
                // The result first: it is renamed into place after the last event was flushed, so the
                // events read after seeing it are all there are.
                byte[] result = folder.read(BridgeFiles.RESULT, 0, limits.maxLineBytes());
                int consumed = drain();
                if (result != null) {
                    return finalEvent(result);
                }
                long now = System.nanoTime();
                if (now - deadlineNanos > 0) {
                    throw overran();
                }
                if (now - lastBeatCheck > HEARTBEAT_CHECK_NANOS) {
                    lastBeatCheck = now;
                    byte[] beat = folder.read(BridgeFiles.HEARTBEAT, 0, 64);
                    if (beat != null && !Arrays.equals(beat, lastBeat)) {
                        lastBeat = beat;
                        lastBeatChange = now;
                    } else if (now - lastBeatChange > limits.staleAfter().toNanos()) {
                        return lastLook();
                    }
                }
                if (consumed > 0) {
                    lastActivity = now;
                }
                pause = now - lastActivity < BRISK_NANOS ? MIN_PAUSE_MILLIS
                        : Math.min(pause + pause / 2 + 1, MAX_PAUSE_MILLIS);
                Thread.sleep(Math.max(1, Math.min(pause, (deadlineNanos - now) / 1_000_000 + 1)));
            } catch (EventLog.OverLimit e) {
                throw outputFailure(e);
            } catch (IOException | RuntimeException e) {
                if (interruptedDuring(e)) {
                    throw abortedDuring(e);
                }
                // Remoting reports a lost agent as an IOException (ChannelClosedException) or as a
                // RuntimeException (RequestAbortedException): either way the bridge's machine is gone.
                return resultOrLost(e);
            }
        }
    }

    /**
     * An abort (Ctrl-C, the build's abort button) that lands while a local file is read closes the
     * file and fails the read ({@link ClosedByInterruptException}, the thread's interrupt set again):
     * that is the user stopping the task, not a lost machine. The bridge runs on this very machine
     * when the build runs on the controller or the CLI runs it.
     */
    private static boolean interruptedDuring(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** As any interrupted call would end: with the interrupt consumed, so that the abort can still talk to the bridge. */
    private static InterruptedException abortedDuring(Exception e) {
        Thread.interrupted();
        InterruptedException aborted = new InterruptedException("Interrupted while the bridge's folder was read");
        aborted.initCause(e);
        return aborted;
    }

    /** Passes the complete new lines on; the number of lines read. */
    private int drain() throws IOException, InterruptedException {
        List<String> lines = events.poll(folder);
        for (String line : lines) {
            handle(line);
        }
        return lines.size();
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
            return; // the final event is read from result.json
        }
        if (type.equals("created")) {
            runId = json.path("run_id").canConvertToLong() ? json.path("run_id").asLong() : null;
            webUrl = json.path("web_url").asText(null);
        }
        if (type.equals("agent_log") && json.path("index").canConvertToInt()) {
            logSkip = Math.max(logSkip, json.get("index").asInt() + 1);
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

    private JsonNode finalEvent(byte[] content) throws CodegenException, InterruptedException {
        JsonNode json = parse(new String(content, StandardCharsets.UTF_8).strip());
        String type = json == null ? "" : json.path("event").asText("");
        if (!type.equals("result") && !type.equals("error")) {
            throw CodegenException.builder(ErrorType.PYTHON, "The bridge's " + BridgeFiles.RESULT
                    + " holds no final event." + logNote()).retryable(false).build();
        }
        return json;
    }

    /** The heartbeat stopped: one more look for a result that came just now, else the bridge died. */
    private JsonNode lastLook() throws IOException, InterruptedException, CodegenException {
        byte[] result = folder.read(BridgeFiles.RESULT, 0, limits.maxLineBytes());
        drain();
        if (result != null) {
            return finalEvent(result);
        }
        died = true;
        kill(); // a bridge that hangs without a heartbeat is as good as dead
        throw BridgeOutcome.withoutResult(null, diagnostics(), runId, webUrl);
    }

    /** A finished result is never lost: if the folder can still be read and holds one, it wins. */
    private JsonNode resultOrLost(Exception failure) throws CodegenException, InterruptedException {
        try {
            byte[] result = folder.read(BridgeFiles.RESULT, 0, limits.maxLineBytes());
            if (result != null) {
                return finalEvent(result);
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        throw machineLost(failure);
    }

    /** The bridge's machine cannot be reached: its folder is left, for a caller that follows the bridge again. */
    CodegenException machineLost(Exception e) {
        lost = true;
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + masker.mask(e.getMessage()));
        CodegenException.Builder error = CodegenException.builder(ErrorType.BRIDGE_LOST,
                        "Lost the machine that ran the bridge (" + reason + ").")
                .retryable(false).cause(e);
        if (runId != null) {
            error.runId(runId).webUrl(webUrl).createOutcome(CreateOutcome.CREATED)
                    .guidance("Agent run " + runId + " may still be working" + (webUrl != null ? ": " + webUrl : "")
                            + ". The build agent (or its container) went away while the task ran: check its "
                            + "connection before running the task again.");
        } else {
            error.createOutcome(CreateOutcome.UNKNOWN);
        }
        return error.build();
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

    /**
     * Abort: the stop file first (the bridge then ends with an {@code aborted} error within a second),
     * the kill of its process only when it did not. Called with the thread's interrupt cleared, so that
     * calls to an agent can still be made; a second interrupt skips straight to the kill.
     */
    void abort() {
        try {
            folder.write(BridgeFiles.STOP, new byte[0]);
            long until = System.nanoTime() + ABORT_WAIT.toNanos();
            while (System.nanoTime() - until < 0) {
                if (folder.exists(BridgeFiles.RESULT)) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not ask the bridge in " + folder + " to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** Ends the bridge's process (by the pid it recorded) if it runs; never fails. */
    void kill() {
        killed = true;
        boolean interrupted = Thread.interrupted();
        try {
            byte[] pid = folder.read(BridgeFiles.PID, 0, 32);
            if (pid != null) {
                launcher.kill(folder, Long.parseLong(new String(pid, StandardCharsets.US_ASCII).strip()), killCommand);
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not kill the bridge in " + folder, e);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes the folder. A failure (a lost agent, say) is logged, never put in place of the outcome. */
    void cleanUp() {
        boolean interrupted = Thread.interrupted();
        try {
            folder.delete();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not remove the bridge's folder " + folder + ": " + e);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The stray lines, the start command's output and the end of the bridge's log, masked. */
    BridgeOutcome.Diagnostics diagnostics() {
        return new BridgeOutcome.Diagnostics(List.copyOf(strayLines), masker.mask(logText()), killed);
    }

    private String logNote() {
        String log = masker.mask(logText());
        return log.isEmpty() ? "" : " Its log ends with: " + log;
    }

    private String logText() {
        String log = "";
        boolean interrupted = Thread.interrupted();
        try {
            byte[] tail = folder.read(BridgeFiles.LOG, -LOG_TAIL, LOG_TAIL);
            log = tail == null ? "" : new String(tail, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not read the bridge's log in " + folder, e);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        String text = (launchOutput.strip() + "\n" + log.strip()).strip();
        return text.length() > LOG_TAIL ? "..." + text.substring(text.length() - LOG_TAIL) : text;
    }
}
