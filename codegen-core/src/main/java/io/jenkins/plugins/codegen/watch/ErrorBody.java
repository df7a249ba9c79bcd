package io.jenkins.plugins.codegen.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The human part of an error answer, in any of the API's shapes, as the bridge's
 * {@code _error_detail} reads it: {@code {"message", "status_code"}}, {@code {"detail": "..."}},
 * FastAPI's {@code {"detail": [{"loc", "msg", "type"}]}}, or plain text (a proxy's HTML page is named,
 * not quoted).
 */
final class ErrorBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ITEMS = 5;

    private ErrorBody() {
    }

    /** The detail of an answer's body; empty for a body that is empty or missing (a proxy's 407 to a tunnel). */
    static String detail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        JsonNode data;
        try {
            data = MAPPER.readTree(body);
        } catch (IOException e) {
            data = null;
        }
        if (data == null || data.isMissingNode()) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (text.startsWith("<")) {
                return "the answer was an HTML page (a proxy or gateway error)";
            }
            return cut(text, 200);
        }
        if (data.isObject()) {
            JsonNode detail = truthy(data.get("message")) ? data.get("message") : data.get("detail");
            if (detail != null && detail.isArray()) {
                return items(detail);
            }
            if (detail != null && !detail.isNull()) {
                return cut(detail.isTextual() ? detail.asText() : detail.toString(), 300);
            }
        }
        return cut(data.toString(), 200);
    }

    private static String items(JsonNode detail) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_ITEMS, detail.size()); i++) {
            JsonNode item = detail.get(i);
            if (item.isObject()) {
                List<String> where = new ArrayList<>();
                item.path("loc").forEach(p -> {
                    if (!"body".equals(p.asText())) {
                        where.add(p.asText());
                    }
                });
                String msg = item.path("msg").asText("None");
                parts.add(where.isEmpty() ? msg : String.join(".", where) + ": " + msg);
            } else {
                parts.add(item.asText());
            }
        }
        return String.join("; ", parts);
    }

    /** Python's truth: a missing, null, empty or zero "message" falls through to "detail". */
    private static boolean truthy(JsonNode node) {
        return node != null && !node.isNull() && !(node.isTextual() && node.asText().isEmpty())
                && !(node.isNumber() && node.asDouble() == 0) && !(node.isContainerNode() && node.isEmpty());
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit);
    }
}
