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
     * Looks at the folder every YOUNG_PAUSE while the bridge is young (a command that needs one quick
     * request, a run that is complete at once, ends within milliseconds of its start: the engine learns
     * of it at once, not a poll interval later), every MIN_PAUSE while the bridge talks or has just
     * talked, then backs off by half each quiet look to MAX_PAUSE: a bridge that waits minutes for its
     * agent run costs an agent a few calls a second, not more.
     */
    private static final long YOUNG_PAUSE_MILLIS = 1;
    private static final long YOUNG_NANOS = Duration.ofMillis(100).toNanos();
    private static final long MIN_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 1000;
    private static final long BRISK_NANOS = Duration.ofMillis(100).toNanos();
    private static final long HEARTBEAT_CHECK_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long an aborted bridge has to honour its stop file before it is killed. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(5);

    private final BridgeLauncher launcher;
    private final BridgeFolder folder;
    private final SecretMasker masker;
    private final BridgeListener listener;
    private final PythonBridge.Limits limits;
    private final List<String> killCommand;
    private final EventLog events;
    private final ObjectMapper mapper = new ObjectMapper();
    private final BridgeTraces traces;
    private Long runId;
    private String webUrl;
    private int logSkip;
    private final boolean followUp;
    /** Bytes of events other than the agent's log read so far: what {@link PythonBridge.Limits#maxOutputBytes} caps. */
    private long protocolBytes;
    /** The bridge got as far as its start event: from then on it may send a create. */
    private boolean started;
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
        this.traces = new BridgeTraces(folder, masker);
        this.events = new EventLog(limits.maxLineBytes(), state.eventsOffset());
        this.runId = state.runId();
        this.webUrl = state.webUrl();
        this.logSkip = state.logSkip();
        this.followUp = state.followUp();
        this.started = state.eventsOffset() > 0;
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
        traces.launched(output);
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
                pause = now - started < YOUNG_NANOS ? YOUNG_PAUSE_MILLIS
                        : now - lastActivity < BRISK_NANOS ? MIN_PAUSE_MILLIS
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

    /**
     * Passes the complete new lines on; the number of lines read. The agent's log is as long as its
     * run makes it, so its entries (each bounded by the line limit and cut by the bridge) do not count
     * against the total: only the other events do, which a bridge writes a few of per poll, so that a
     * bridge that runs away still ends the task while no length of run or log can.
     */
    private int drain() throws IOException, InterruptedException {
        List<String> lines = events.poll(folder);
        for (String line : lines) {
            handle(line);
        }
        return lines.size();
    }

    private void handle(String line) throws EventLog.OverLimit {
        if (line.isBlank()) {
            return;
        }
        JsonNode json = parse(line);
        String type = json == null ? null : json.path("event").asText(null);
        if (!"agent_log".equals(type)) {
            protocolBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (protocolBytes > limits.maxOutputBytes()) {
                throw new EventLog.OverLimit("the bridge printed more than " + limits.maxOutputBytes()
                        + " bytes of events besides the agent's log");
            }
        }
        if (type == null) {
            String masked = masker.mask(line);
            traces.stray(masked);
            listener.onEvent(BridgeEvent.output(masked));
            return;
        }
        if (type.equals("result") || type.equals("error")) {
            return; // the final event is read from result.json
        }
        if (type.equals("start")) {
            started = true;
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
                    + " holds no final event." + traces.logNote()).retryable(false).build();
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
        return BridgeOutcome.machineLost(masker.mask(folder.lossReason(e)), e, runId, webUrl);
    }

    private CodegenException overran() {
        kill();
        return BridgeOutcome.overran(runId, webUrl);
    }

    private CodegenException outputFailure(IOException e) {
        kill();
        return BridgeOutcome.outputFailure(e);
    }

    /**
     * Abort: the stop file first (the bridge then ends with an {@code aborted} error within a second),
     * the kill of its process only when it did not. Called with the thread's interrupt cleared, so that
     * calls to an agent can still be made; a second interrupt skips straight to the kill. Then what
     * the bridge wrote up to its end is read, so that a run it created just before (its {@code created}
     * event not read yet, or named only in its {@code aborted} result) is named.
     *
     * @param mayCreate whether the bridge's request could create a run (or send a follow-up)
     */
    BridgeAbortedException abort(InterruptedException cause, boolean mayCreate) {
        if (!stopped()) {
            kill();
        }
        JsonNode result = lastWords();
        JsonNode run = result == null ? null : result.path("run");
        if (runId == null && run != null && run.path("id").canConvertToLong()) {
            runId = run.path("id").asLong();
            webUrl = run.path("web_url").asText(null);
        }
        CreateOutcome outcome;
        if (runId != null) {
            outcome = CreateOutcome.CREATED;
        } else if (result != null && result.hasNonNull("create_outcome")) {
            outcome = BridgeOutcome.createOutcome(result.path("create_outcome").asText(""));
        } else {
            // No word from the bridge: a create may have been sent, unless the bridge never got to its start.
            outcome = mayCreate && started ? CreateOutcome.UNKNOWN : CreateOutcome.NOT_CREATED;
        }
        return new BridgeAbortedException(runId, webUrl, outcome, cause);
    }

    /** Writes the stop file and waits for the bridge's result; false when none came in time. */
    private boolean stopped() {
        try {
            folder.write(BridgeFiles.STOP, new byte[0]);
            long until = System.nanoTime() + ABORT_WAIT.toNanos();
            while (System.nanoTime() - until < 0) {
                if (folder.exists(BridgeFiles.RESULT)) {
                    return true;
                }
                Thread.sleep(50);
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not ask the bridge in " + folder + " to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The events not read yet (passed on as ever) and the final event, if the bridge wrote one; never fails. */
    private JsonNode lastWords() {
        boolean interrupted = Thread.interrupted();
        try {
            byte[] result = folder.read(BridgeFiles.RESULT, 0, limits.maxLineBytes());
            drain();
            return result == null ? null : parse(new String(result, StandardCharsets.UTF_8).strip());
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not read what the bridge in " + folder + " wrote", e);
            return null;
        } catch (InterruptedException e) {
            interrupted = true;
            return null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
        return traces.diagnostics(killed);
    }
}
