package io.jenkins.plugins.codegen.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns how a bridge process ended into a {@link BridgeResult} or a typed {@link CodegenException}. */
final class BridgeOutcome {
    /** Exit code of a shell or launcher that could not find the program. */
    private static final int COMMAND_NOT_FOUND = 127;

    private BridgeOutcome() {
    }

    /** What the session saw besides protocol events: stray lines, the end of the bridge's log, a kill. */
    record Diagnostics(List<String> strayLines, String stderr, boolean killed) {
    }

    /** The final event ({@code result} or {@code error}) as a result, or as the typed failure it reports. */
    static BridgeResult from(JsonNode finalEvent, BridgeRequest request, SecretMasker masker, Duration elapsed)
            throws CodegenException {
        if ("error".equals(finalEvent.path("event").asText())) {
            throw error(finalEvent, request, masker);
        }
        return result(finalEvent, request.command(), elapsed);
    }

    static CodegenException pythonNotStarted(String python, IOException e) {
        // "Cannot run program "x" (in directory "/tmp/..."): error=2, No such file or directory": the reason is the end.
        String message = String.valueOf(e.getMessage());
        String reason = message.contains("): ") ? message.substring(message.lastIndexOf("): ") + 3) : message;
        return CodegenException.builder(ErrorType.PYTHON,
                        "Python interpreter '" + python + "' could not be started: " + reason)
                .guidance("Install Python 3.8 or newer on the build agent, or set the Python path to an interpreter "
                        + "that exists there (for example /usr/bin/python3).")
                .retryable(false).cause(e).build();
    }

    private static BridgeResult result(JsonNode event, BridgeCommand command, Duration elapsed) {
        AgentRun run = event.hasNonNull("run") ? agentRun(event.get("run")) : null;
        HealthReport health = null;
        if (event.hasNonNull("organization")) {
            JsonNode org = event.get("organization");
            health = new HealthReport(event.path("user").asText(""), org.path("id").asLong(),
                    org.path("name").asText(""));
        }
        return new BridgeResult(command, run, health, stats(event.path("stats")), elapsed);
    }

    /**
     * Text from the API reaches consoles and build pages: one-line fields lose every control
     * character (an escape sequence in a PR title must not drive a terminal), multi-line ones keep
     * only line breaks and tabs.
     */
    static AgentRun agentRun(JsonNode run) {
        List<PullRequest> prs = new ArrayList<>();
        for (JsonNode pr : run.path("pull_requests")) {
            prs.add(new PullRequest(longOrNull(pr.get("id")), line(pr.get("url")),
                    pr.path("number").canConvertToInt() ? pr.get("number").asInt() : null,
                    line(pr.get("title")), line(pr.get("branch"))));
        }
        return new AgentRun(run.path("id").asLong(), line(run.get("status")), line(run.get("web_url")),
                line(run.get("created_at")), text(run.get("result")), text(run.get("summary")), prs);
    }

    private static String line(JsonNode node) {
        String value = textOrNull(node);
        return value == null ? null : value.replaceAll("\\p{Cntrl}", "?");
    }

    private static String text(JsonNode node) {
        String value = textOrNull(node);
        return value == null ? null : value.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "?");
    }

    static BridgeStats stats(JsonNode stats) {
        Map<String, Integer> byPhase = new LinkedHashMap<>();
        stats.path("by_phase").fields().forEachRemaining(e -> byPhase.put(e.getKey(), e.getValue().asInt()));
        return new BridgeStats(stats.path("requests").asInt(), byPhase, stats.path("rate_limited").asInt());
    }

    private static CodegenException error(JsonNode event, BridgeRequest request, SecretMasker masker) {
        ErrorType type = ErrorType.fromWireName(event.path("type").asText(null));
        CodegenException.Builder error = CodegenException.builder(type,
                        masker.mask(event.path("message").asText("The bridge reported an error without a message.")))
                .retryable(event.path("retryable").asBoolean(type.isRetryableByDefault()))
                .createOutcome(createOutcome(event.path("create_outcome").asText("")));
        if (event.hasNonNull("guidance")) {
            error.guidance(masker.mask(event.get("guidance").asText()));
        }
        if (event.path("http_status").canConvertToInt()) {
            error.httpStatus(event.get("http_status").asInt());
        }
        if (event.path("retry_after").isNumber()) {
            // The bridge speaks in its own (possibly scaled) seconds; callers wait in real time.
            double seconds = event.get("retry_after").asDouble() / request.timeScale();
            error.retryAfter(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        if (event.hasNonNull("phase")) {
            error.phase(event.get("phase").asText());
        }
        JsonNode run = event.path("run");
        if (run.path("id").canConvertToLong()) {
            error.runId(run.get("id").asLong()).webUrl(textOrNull(run.get("web_url")));
        }
        return error.build();
    }

    static CreateOutcome createOutcome(String wire) {
        try {
            return CreateOutcome.valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return CreateOutcome.NOT_APPLICABLE;
        }
    }

    /**
     * The bridge ended without a final event: say why as precisely as its traces allow. The exit
     * code is the start command's, or null when the bridge itself vanished (its heartbeat stopped).
     */
    static CodegenException withoutResult(Integer exitCode, Diagnostics d, Long runId, String webUrl) {
        String stderr = d.stderr();
        String stderrNote = stderr.isEmpty() ? "" : " Its output ends with: " + lastLines(stderr, 6);
        String code = exitCode == null ? "" : " (exit code " + exitCode + ")";
        CodegenException.Builder error;
        if (exitCode != null && (exitCode == COMMAND_NOT_FOUND || stderr.contains("command not found"))) {
            error = CodegenException.builder(ErrorType.PYTHON,
                    "The Python interpreter was not found on the build agent" + code + "." + stderrNote);
        } else if (stderr.contains("SyntaxError") || stderr.contains("Unknown option: -I")) {
            // Python 2 cannot read the bridge; before 3.4 it cannot even start isolated (-I).
            error = CodegenException.builder(ErrorType.PYTHON,
                            "The Python interpreter could not read the bridge: it is probably older than 3.8."
                                    + stderrNote)
                    .guidance("Point the Python path at Python 3.8 or newer (python3, not python 2).");
        } else if (!d.strayLines().isEmpty()) {
            error = CodegenException.builder(ErrorType.PYTHON,
                    "The bridge wrote events that are not part of its protocol and no result: "
                            + String.join(" | ", d.strayLines()) + code + "." + stderrNote);
        } else if (exitCode == null) {
            error = CodegenException.builder(ErrorType.PYTHON,
                    "The bridge stopped without writing a result: its process ended or hangs (it was killed, "
                            + "or its machine or container restarted)." + stderrNote);
        } else if (d.killed()) {
            error = CodegenException.builder(ErrorType.PYTHON, "The bridge was stopped before it reported a result.");
        } else {
            error = CodegenException.builder(ErrorType.PYTHON,
                    "The bridge ended" + code + " without writing a result." + stderrNote);
        }
        if (runId != null) {
            error.runId(runId).webUrl(webUrl).createOutcome(CreateOutcome.CREATED)
                    .guidance("Agent run " + runId + " may still be working" + (webUrl != null ? ": " + webUrl : "")
                            + ". Open its page to follow it; check the agent's Python and memory before running again.");
        }
        return error.retryable(false).build();
    }

    /** The folder could not be read any more: the machine that runs the bridge went away. */
    static CodegenException machineLost(String reason, Exception e, Long runId, String webUrl) {
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

    /** The bridge outlived its deadline and was stopped. */
    static CodegenException overran(Long runId, String webUrl) {
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

    /** The bridge wrote beyond the limits, or its output broke off. */
    static CodegenException outputFailure(IOException e) {
        return CodegenException.builder(ErrorType.PYTHON, "Reading the bridge's output failed: " + e.getMessage())
                .guidance("The bridge printed more than the plugin accepts or its output broke off. Run with "
                        + "debug logging off, and report this if it persists.")
                .retryable(false).cause(e).build();
    }

    private static String lastLines(String text, int count) {
        String[] lines = text.split("\\R");
        int from = Math.max(0, lines.length - count);
        return String.join(" | ", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Long longOrNull(JsonNode node) {
        return node != null && node.canConvertToLong() ? node.asLong() : null;
    }
}
