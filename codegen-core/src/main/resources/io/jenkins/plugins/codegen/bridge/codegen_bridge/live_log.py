# Part of codegen_bridge (modules.txt): the run's live log, cleaned of secrets and invisible characters.
# --------------------------------------------------------------------------------------------
# The live log: the agent's work as it happens, through the alpha logs endpoint
# --------------------------------------------------------------------------------------------

class LiveLog:
    """Reads a run through the logs endpoint, which answers the run's status together with its log
    entries, and reports each entry not seen before as an `agent_log` event. Where the endpoint is
    missing or refused it falls back, once and for good, and the caller reads plain runs instead."""

    def __init__(self, api, events, request, token):
        self.api = api
        self.events = events
        self.debug = request.debug
        self.enabled = request.live_log
        self.seen = request.log_skip  # entries of this run already reported, by this bridge or an earlier one
        self.secret = token if token and len(token) >= 4 else None
        self.last_page = 0

    def read(self, run_id):
        """The logs answer with the entries after those seen, each reported; None when there is no live
        log (switched off, or just fallen back: the caller then reads the run plainly at once)."""
        answer = self._answer(run_id, self.seen, LOG_PAGE)
        if answer is not None:
            self.last_page = len(answer["logs"])
            self._report(run_id, answer["logs"])
        return answer

    def peek(self, run_id):
        """One entry's worth of the logs answer, reporting nothing: the run's status and total_logs."""
        return self._answer(run_id, 0, 1)

    def more(self, answer):
        """Whether entries remain after those seen (a full page without a total says maybe)."""
        total = answer.get("total_logs")
        if isinstance(total, int) and not isinstance(total, bool):
            return total > self.seen
        return self.last_page >= LOG_PAGE

    def _answer(self, run_id, skip, limit):
        if not self.enabled:
            return None
        try:
            answer = self.api.run_logs(run_id, skip, limit)
        except BridgeError as e:
            if e.http_status in LOG_FALLBACK_STATUSES:
                self._fall_back(e.http_status, "the logs endpoint answered HTTP %d (%s)" % (e.http_status, e.message))
                return None
            raise
        if not isinstance(answer, dict) or not isinstance(answer.get("logs"), list):
            self._fall_back(None, "the logs endpoint answered without a list of log entries")
            return None
        return answer

    def _fall_back(self, http_status, reason):
        self.enabled = False
        self.events.emit("live_log", available=False, http_status=http_status, reason=reason + ".")
        if self.debug:
            self.events.emit("debug", message="live log unavailable: %s; reading the run with plain GETs from "
                                              "now on" % reason)

    def _report(self, run_id, entries):
        for entry in entries:
            if isinstance(entry, dict):
                self.events.emit("agent_log", run_id=run_id, index=self.seen,
                                 created_at=self._clean(entry.get("created_at")),
                                 message_type=self._clean(entry.get("message_type")),
                                 tool_name=self._clean(entry.get("tool_name")),
                                 thought=self._clean(entry.get("thought"), THOUGHT_LIMIT))
            self.seen += 1

    def _clean(self, value, limit=None):
        return clean_text(value, self.secret, limit)


# Besides C0 and C1: Unicode's spaces, line and paragraph separators, and the bidirectional controls,
# which reorder or break a console line as surely as a newline does. The engine's rule
# (AgentLogEntry.isBlank) is the reference; AgentLogCleaningParityTest checks every code point.
_INVISIBLE = frozenset(chr(c) for c in [0xA0, 0x61C, 0x1680, 0x200E, 0x200F, 0x205F, 0x3000] + list(range(0x2000, 0x200B))
                       + list(range(0x2028, 0x2030)) + list(range(0x2066, 0x206A)))


def clean_text(value, secret=None, limit=None):
    """Untrusted text made one console line: control characters become spaces, runs of spaces one,
    the token masked, cut at `limit` characters (ending with '...'). None stays None."""
    if value is None:
        return None
    text = value if isinstance(value, str) else json_dumps(value)
    text = "".join(" " if (ord(c) < 32 or 127 <= ord(c) < 160 or c in _INVISIBLE) else c for c in text)
    text = " ".join(part for part in text.split(" ") if part)
    if secret:
        text = text.replace(secret, "****")  # before the cut, so that no part of the token survives it
    if limit is not None and len(text) > limit:
        text = text[:limit - 3] + "..."
    return text


def _follow_up_took(before_status, before_total, after_status, after_total):
    """Whether a read after a follow-up of unknown outcome shows it taken: the run works again, or
    its log grew."""
    if status_kind(before_status) != "running" and status_kind(after_status) == "running":
        return True
    return before_total is not None and after_total is not None and after_total > before_total


def _int_or_none(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None
