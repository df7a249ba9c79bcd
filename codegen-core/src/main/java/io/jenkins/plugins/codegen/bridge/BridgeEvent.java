package io.jenkins.plugins.codegen.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.util.Optional;

/**
 * One progress line from the bridge ({@code start}, {@code created}, {@code status}, {@code wait},
 * {@code warning}, {@code debug}, ...), or a line that was not part of the protocol ({@code output}).
 */
public final class BridgeEvent {
    private final String type;
    private final JsonNode fields;

    BridgeEvent(String type, JsonNode fields) {
        this.type = type;
        this.fields = fields;
    }

    /** A line of stdout that is not a protocol event, e.g. something a library printed. */
    static BridgeEvent output(String line) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("event", "output");
        node.put("message", line);
        return new BridgeEvent("output", node);
    }

    public String type() {
        return type;
    }

    public Optional<String> text(String field) {
        JsonNode value = fields.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    public Optional<Long> number(String field) {
        JsonNode value = fields.get(field);
        return value != null && value.canConvertToLong() ? Optional.of(value.asLong()) : Optional.empty();
    }

    /** The agent run this event is about, if it names one. */
    public Optional<Long> runId() {
        return number("run_id");
    }

    /** When the bridge wrote it (ISO 8601, UTC). */
    public Optional<String> time() {
        return text("time");
    }

    /** The raw fields, for callers that need more than the accessors give. */
    public JsonNode fields() {
        return fields;
    }

    /** One line for a console. */
    public String describe() {
        String run = runId().map(id -> "Agent run " + id).orElse("Agent run");
        switch (type) {
            case "start":
                return "Bridge started (" + text("backend").orElse("rest") + " backend, Python "
                        + text("python").orElse("?") + ")";
            case "backend":
                return text("reason").map(r -> "Using the REST API: " + r)
                        .orElse("Using the " + text("backend").orElse("?") + " backend");
            case "repository":
                return "Repository " + text("full_name").orElse("?") + " (id " + number("repo_id").orElse(0L) + ")";
            case "created":
                return describeCreated(run);
            case "status":
                return run + ": " + text("previous").orElse("?") + " -> " + text("status").orElse("?");
            case "wait":
                return "The Codegen API asked to slow down; waiting " + text("seconds").orElse("?") + " s";
            case "lookup":
                return "No agent run from the earlier attempt was found; creating one";
            case "debug":
                return "[debug] " + text("message").orElse("");
            case "warning":
                return "Warning: " + text("message").orElse("");
            case "agent_log":
                return AgentLogEntry.fromEvent(this, SecretMasker.none())
                        .map(AgentLogEntry::consoleLine).orElse("[agent] log");
            case "live_log":
                return describeLiveLog();
            default:
                return text("message").orElse(type);
        }
    }

    private String describeCreated(String run) {
        String url = text("web_url").map(u -> ": " + u).orElse("");
        switch (text("how").orElse("created")) {
            case "found":
                return run + " was created by the earlier attempt; following it" + url;
            case "resumed":
                return "Following " + run.toLowerCase(java.util.Locale.ROOT) + url;
            case "followed_up":
                return "Follow-up sent to " + run.toLowerCase(java.util.Locale.ROOT) + "; following it" + url;
            default:
                return run + " created" + url;
        }
    }

    /**
     * A {@code live_log} event with {@code available: false}: the logs endpoint is missing or refused, and
     * the run is read with plain status reads from then on.
     */
    public boolean liveLogUnavailable() {
        return "live_log".equals(type) && fields.path("available").isBoolean() && !fields.get("available").asBoolean();
    }

    private String describeLiveLog() {
        if (!liveLogUnavailable()) {
            return "The agent's live log is available";
        }
        // The bridge's reason names the HTTP status where there was one; a sentence's full stop would end inside.
        String reason = text("reason").map(r -> r.strip().replaceAll("\\.+$", "")).filter(r -> !r.isEmpty())
                .orElse(number("http_status").map(code -> "HTTP " + code).orElse("no reason given"));
        return "The agent's live log is not available (" + reason + "); following the run's status only";
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
