package io.jenkins.plugins.codegen.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.codegen.bridge.AgentLogEntry;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One wait's view of its run's log, read through the API's logs endpoint, which answers the run's
 * status and page with the entries after {@code skip}: reading it instead of the plain run costs no
 * extra request. It knows which entries were seen, whether more are waiting, and whether the endpoint
 * works at all: a 404, 403, 405 or 422, or an answer that is not a logs page, turns it off for the rest
 * of the wait, as the bridge does.
 */
final class LiveLog {
    /** The API's largest page. */
    static final int LIMIT = 100;
    /** Pages read at once after the run ended, to catch up on its last entries, before the final plain read. */
    static final int MAX_CATCH_UP_PAGES = 5;
    /** The answers that say the endpoint is missing or refused to this caller: the plain read works on. */
    private static final Set<Integer> UNAVAILABLE = Set.of(403, 404, 405, 422);

    private final String base;
    private final SecretMasker masker;
    private final ArrayDeque<AgentLogEntry> kept = new ArrayDeque<>();
    private boolean available = true;
    private int skip;
    private boolean moreWaiting;

    /**
     * @param apiUrl the API's base URL, without a trailing slash
     */
    LiveLog(String apiUrl, long orgId, long runId, SecretMasker masker) {
        this.base = apiUrl + "/v1/alpha/organizations/" + orgId + "/agent/run/" + runId + "/logs";
        this.masker = masker;
    }

    boolean available() {
        return available;
    }

    /** From now on the run is read with plain status reads. */
    void disable() {
        available = false;
    }

    /** The next page: the entries after those seen. */
    URI nextPage() {
        return URI.create(base + "?skip=" + skip + "&limit=" + LIMIT + "&reverse=false");
    }

    /** Whether an HTTP status of a logs read means the endpoint is not there for this caller. */
    static boolean unavailable(int httpStatus) {
        return UNAVAILABLE.contains(httpStatus);
    }

    /** Whether the last page was full and more entries wait beyond it. */
    boolean moreWaiting() {
        return moreWaiting;
    }

    /**
     * The new entries of a logs answer, masked and cleaned, in order; null when the answer is not a
     * logs page (no JSON object, or no {@code logs} array), which turns the live log off.
     */
    List<AgentLogEntry> read(JsonNode answer) {
        if (answer == null || !answer.isObject() || !answer.path("logs").isArray()) {
            return null;
        }
        JsonNode logs = answer.get("logs");
        List<AgentLogEntry> entries = new ArrayList<>(logs.size());
        for (int i = 0; i < logs.size(); i++) {
            JsonNode log = logs.get(i);
            if (log.isObject()) {
                entries.add(AgentLogEntry.of(skip + i, AgentLogEntry.text(log.get("created_at")),
                        AgentLogEntry.text(log.get("message_type")), AgentLogEntry.text(log.get("tool_name")),
                        AgentLogEntry.text(log.get("thought")), masker));
            }
        }
        skip += logs.size();
        JsonNode total = answer.path("total_logs");
        moreWaiting = total.canConvertToInt() ? total.asInt() > skip : logs.size() >= LIMIT;
        entries.forEach(this::keep);
        return entries;
    }

    private void keep(AgentLogEntry entry) {
        kept.addLast(entry);
        if (kept.size() > TaskResult.MAX_AGENT_LOG) {
            kept.removeFirst();
        }
    }

    /** The entries seen, at most the last {@value TaskResult#MAX_AGENT_LOG}, for the result. */
    List<AgentLogEntry> entries() {
        return List.copyOf(kept);
    }
}
