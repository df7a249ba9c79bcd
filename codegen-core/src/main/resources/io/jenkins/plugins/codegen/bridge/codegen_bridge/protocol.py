#!/usr/bin/env python3
"""Codegen bridge: runs one command against the Codegen API and reports as JSON lines.

Protocol (docs/bridge-protocol.md has the whole of it). The bridge works in a folder of its own:
  request.json   one JSON request: {"protocol": 1, "command": "run" | "status" | "health", "api_url",
                 "org_id", "prompt", "metadata", "client_request_id", "deadline", "request_timeout", ...}
  secrets.json   {"token": ..., "environment": {"HTTPS_PROXY": ...}}, owner-only; read and deleted first
  events.jsonl   JSON lines, appended and flushed: progress events while it works
  result.json    the final "result" or "error" event, written under a temporary name and renamed
  pid            the bridge's process id (written by the starter, which returns at once)
  heartbeat      a counter rewritten every second while the bridge lives
  stop           created by the caller to abort: the bridge ends with an "aborted" error within a second
  lock           locked by the bridge while it lives: the proof, where no command line can be read, that
                 the pid is still the bridge's
  bridge.log     the process's own stdout and stderr, for diagnostics only
The launched command (start) detaches the bridge into a session of its own and returns, so that
nothing depends on the launched process's stdin or stdout, or on the launching call staying open.
main() keeps the stream form (request on stdin, CODEGEN_TOKEN in the environment, events on stdout)
for tests and for running the bridge by hand.

Standard library only; the official SDK (pip install codegen) is imported only for the sdk and auto
backends. Start-up time matters (one process per task): the Java side imports this file as a module
so that its bytecode is cached, heavy modules are imported lazily, JSON and sockets come from the C
modules under `json` and `socket` (their Python layers import `re` and `enum`, which cost more than
the whole request), and the HTTP client is a small one: it also knows whether a request left the
machine, which is what tells a safe retry of a create from a duplicate agent run.
"""
import os
import sys
import time

import _socket
import _thread

PROTOCOL = 1
USER_AGENT = "codegen-jenkins-bridge/1"

EXIT_CODES = {
    "authentication": 10, "permission": 11, "quota": 12, "not_found": 13, "rate_limit": 14,
    "connection": 15, "timeout": 16, "server": 17, "python": 18, "import": 19, "validation": 20,
    "task_failed": 21, "unknown": 22, "aborted": 23, "proxy": 25,
}
RETRYABLE = {"rate_limit", "connection", "timeout", "server"}

SUCCESS_STATUSES = {"COMPLETE", "COMPLETED", "SUCCEEDED", "SUCCESS"}
FAILURE_STATUSES = {"FAILED", "FAILURE", "ERROR", "CANCELLED", "CANCELED", "STOPPED"}
KNOWN_RUNNING_STATUSES = {"ACTIVE", "PENDING", "QUEUED", "RUNNING", "STARTING", "IN_PROGRESS", "EVALUATION"}

# The files of a bridge folder (see the module's docstring).
REQUEST, SECRETS, EVENTS, RESULT = "request.json", "secrets.json", "events.jsonl", "result.json"
PID, HEARTBEAT, STOP, LOG, LOCK = "pid", "heartbeat", "stop", "bridge.log", "lock"
WATCH_INTERVAL = 0.2  # seconds between two looks at the stop file
HEARTBEAT_EVERY = 5  # watch intervals between two heartbeats

RUNS_PAGE_URL = "https://codegen.com/agents"
REPOS_PAGE_URL = "https://codegen.com/repos"
TOKEN_PAGE_URL = "https://codegen.com/token"

# Outcomes of a create request, for the caller's retry decision.
NOT_CREATED, UNKNOWN, CREATED, NOT_APPLICABLE = "not_created", "unknown", "created", "not_applicable"
# Requests that start the agent: sent at most once unless a refusal says they did nothing.
STARTING_PHASES = ("create", "resume")

# The tag lookup: pages of 100 runs read without a window (the run was made moments ago), the most read
# with a window when the runs carry no readable created_at and in any case, and how far the machine's
# clock may be off the API's before a run inside the window is taken for older.
LOOKUP_PAGES, LOOKUP_PAGES_UNDATED, MAX_LOOKUP_PAGES = 3, 100, 1000
LOOKUP_CLOCK_SKEW = 3600.0

# The live log: entries per logs read, extra pages read once the run has ended, what an entry keeps.
LOG_PAGE = 100
LOG_CATCH_UP_PAGES = 5
THOUGHT_LIMIT = 1000
# Logs-read answers that mean "no live log here" (a missing or refused alpha route), not a failure.
LOG_FALLBACK_STATUSES = (403, 404, 405, 422)


def _json_codec():
    """(dumps, dumps_text, loads) on the C accelerator `_json`; the `json` package where that is missing.
    dumps writes ASCII (\\u escapes), for HTTP bodies and the stream form, whose encoding nobody
    declares; dumps_text keeps text as it is, for the folder's files, which are UTF-8."""
    try:
        import _json

        def default(value):
            return str(value)

        def encoder(escape):
            return _json.make_encoder(None, default, escape, None, ":", ",", False, False, True)

        encode = encoder(_json.encode_basestring_ascii)
        encode_text = encoder(_json.encode_basestring)

        class _Context:  # what the C scanner reads from json.JSONDecoder
            strict = True
            object_hook = None
            object_pairs_hook = None
            parse_float = float
            parse_int = int
            parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__

        scan = _json.make_scanner(_Context())

        def dumps(value):
            return "".join(encode(value, 0))

        def dumps_text(value):
            return "".join(encode_text(value, 0))

        def loads(text):
            text = text.strip()
            try:
                value, end = scan(text, 0)
                if end == len(text):
                    return value
            except (StopIteration, SystemError):
                pass  # the C scanner reports errors through json.decoder, which it expects to be loaded
            import json
            return json.loads(text)  # the error path: its ValueError says what is wrong and where

        return dumps, dumps_text, loads
    except (ImportError, AttributeError, TypeError):
        import json
        return (lambda value: json.dumps(value, ensure_ascii=True, separators=(",", ":"), default=str),
                lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str),
                json.loads)


json_dumps, json_dumps_text, json_loads = _json_codec()


class BridgeError(Exception):
    """A failure with everything the caller needs to decide what to do and to tell the user."""

    def __init__(self, error_type, message, http_status=None, retry_after=None, phase=None,
                 create_outcome=NOT_APPLICABLE, retryable=None, guidance=None, run=None):
        Exception.__init__(self, message)
        self.type = error_type
        self.message = message
        self.http_status = http_status
        self.retry_after = retry_after
        self.phase = phase
        self.create_outcome = create_outcome
        self.retryable = (error_type in RETRYABLE) if retryable is None else retryable
        self.guidance = guidance
        self.run = run


class SentState(Exception):
    """Raised by the transport: a failure, and whether the request may have reached the server."""

    def __init__(self, error_type, message, sent):
        Exception.__init__(self, message)
        self.type = error_type
        self.message = message
        self.sent = sent
