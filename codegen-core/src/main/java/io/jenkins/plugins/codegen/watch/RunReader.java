package io.jenkins.plugins.codegen.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.codegen.bridge.AgentRun;
import io.jenkins.plugins.codegen.bridge.PullRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an agent run from the API's JSON the way the bridge and its Java side do together
 * ({@code run_summary} in codegen_bridge.py, then {@code BridgeOutcome.agentRun}): pull requests in
 * the API's order, each one's number the last path segment of its URL when that is numeric, and
 * text from the API cleaned for consoles and pages: one-line fields lose every control character (an
 * escape sequence in a PR title must not drive a terminal), multi-line ones keep line breaks and tabs.
 */
final class RunReader {
    /** More digits than an int holds is no PR number. */
    private static final int MAX_NUMBER_DIGITS = 9;

    private RunReader() {
    }

    static AgentRun read(JsonNode run) {
        List<PullRequest> prs = new ArrayList<>();
        JsonNode list = run.path("github_pull_requests");
        if (list.isArray()) {
            for (JsonNode pr : list) {
                if (pr.isObject()) {
                    String url = textOrNull(pr.get("url"));
                    prs.add(new PullRequest(longOrNull(pr.get("id")), line(url), number(url),
                            line(textOrNull(pr.get("title"))), line(textOrNull(pr.get("head_branch_name")))));
                }
            }
        }
        return new AgentRun(run.path("id").asLong(), line(textOrNull(run.get("status"))),
                line(textOrNull(run.get("web_url"))), line(textOrNull(run.get("created_at"))),
                text(textOrNull(run.get("result"))), text(textOrNull(run.get("summary"))), prs);
    }

    /** The last path segment of the URL when it is a number, as the bridge's {@code _pr_number}. */
    static Integer number(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.length() > MAX_NUMBER_DIGITS || !last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.valueOf(last);
    }

    static String line(String value) {
        return value == null ? null : value.replaceAll("\\p{Cntrl}", "?");
    }

    private static String text(String value) {
        return value == null ? null : value.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "?");
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Long longOrNull(JsonNode node) {
        return node != null && node.canConvertToLong() ? node.asLong() : null;
    }
}
