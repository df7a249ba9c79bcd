package io.jenkins.plugins.codegen.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.Serializable;
import java.util.Optional;

/**
 * One entry of an agent run's log, as the logs endpoint reports it: what the agent did (a tool, a
 * plan, its final answer) and its thought about it. Every field comes from the API and is untrusted:
 * the constructor makes each one a single line (control characters become spaces, runs of spaces
 * collapse) and cuts the thought at {@value #MAX_THOUGHT} characters, whoever built the entry. Pages
 * still escape what they render.
 *
 * @param index the entry's 0-based position in the run's log
 * @param createdAt when the agent wrote it (ISO 8601, as the API gives it), or null
 * @param messageType e.g. {@code ACTION}, {@code PLAN_EVALUATION}, {@code FINAL_ANSWER}, or null
 * @param toolName e.g. {@code read_file}, or null
 * @param thought the agent's thought, one line, or null
 */
public record AgentLogEntry(int index, String createdAt, String messageType, String toolName, String thought)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The longest thought kept; the bridge cuts at the same length. */
    public static final int MAX_THOUGHT = 1000;
    /** The longest console line. */
    public static final int MAX_LINE = 200;
    /** Short fields (times, types, tool names) are never long in the API; a longer one is not ours to show whole. */
    private static final int MAX_FIELD = 100;
    private static final String CUT = "...";

    public AgentLogEntry {
        index = Math.max(0, index);
        createdAt = clean(createdAt, MAX_FIELD);
        messageType = clean(messageType, MAX_FIELD);
        toolName = clean(toolName, MAX_FIELD);
        thought = clean(thought, MAX_THOUGHT);
    }

    /**
     * The entry an {@code agent_log} event of the bridge carries, masked with the task's secrets
     * (masked before the cut, so that a cut cannot leave part of a secret unmasked).
     */
    public static Optional<AgentLogEntry> fromEvent(BridgeEvent event, SecretMasker masker) {
        if (!"agent_log".equals(event.type())) {
            return Optional.empty();
        }
        JsonNode fields = event.fields();
        int index = fields.path("index").canConvertToInt() ? fields.get("index").asInt() : 0;
        return Optional.of(of(index, text(fields.get("created_at")), text(fields.get("message_type")),
                text(fields.get("tool_name")), text(fields.get("thought")), masker));
    }

    /**
     * An entry from raw API text (the watcher reads the logs endpoint itself), masked before it is
     * cleaned and cut, so that a cut cannot leave part of a secret unmasked.
     */
    public static AgentLogEntry of(int index, String createdAt, String messageType, String toolName, String thought,
                                   SecretMasker masker) {
        return new AgentLogEntry(index, masker.mask(createdAt), masker.mask(messageType), masker.mask(toolName),
                masker.mask(thought));
    }

    /** What the agent used: the tool's name, else the message's type, else {@code log}. */
    public String label() {
        if (toolName != null && !toolName.isBlank()) {
            return toolName;
        }
        return messageType != null && !messageType.isBlank() ? messageType : "log";
    }

    /** {@code [agent] <label>: <thought>}, one line of at most {@value #MAX_LINE} characters. */
    public String consoleLine() {
        return cut("[agent] " + label() + ": " + (thought == null ? "" : thought), MAX_LINE);
    }

    /** A field's text; an object where a string belongs is shown as its JSON text, and cut like any other. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /**
     * One line: blanks ({@link #isBlank}) to spaces, runs of spaces to one, cut. This is the rule of
     * the console for agent text, the reference for the bridge's {@code clean_text}, which must blank
     * the same characters ({@code AgentLogCleaningParityTest} checks every code point).
     */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(Math.min(value.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isBlank(c)) {
                if (!space) {
                    line.append(' ');
                }
                space = true;
            } else {
                line.append(c);
                space = false;
            }
        }
        return cut(line.toString().strip(), max);
    }

    /**
     * Control characters (C0, DEL, C1), Unicode's spaces and line and paragraph separators, and the
     * bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), which reorder what
     * follows on the line as surely as a newline breaks it: text could then read differently on the
     * console from what it is.
     */
    static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)
                || c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - CUT.length();
        // Never split a surrogate pair: half a character would render as garbage.
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }
}
