#!/usr/bin/env python3
"""A simulated Codegen API on loopback, for the bridge's tests, the plugin's mock mode and benchmarks.

It answers the endpoints of https://api.codegen.com that the bridge uses, with the documented JSON
shapes and error bodies, and misbehaves on request: a URL prefix ``/s/<spec>`` chooses how the runs
created through it live (polls or simulated seconds until terminal, outcome, intermediate statuses)
and which faults its requests get (error statuses, dropped connections, broken bodies, slowness).
One server therefore serves many independent tests at once. docs/simulator.md has the details.

Standard library only, Python 3.8+. Importing this module starts nothing.

    python3 codegen_simulator.py --port 0          # prints its base URL, then serves
    with Simulator(scenario="success") as sim: ...  # in-process, sim.base_url
"""

import copy
import json
import math
import os
import random
import re
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections import namedtuple, deque
from datetime import datetime, timezone
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote

# The only token accepted, for a caller that must keep even a test token out of the process list.
TOKEN_VARIABLE = "CODEGEN_SIMULATOR_TOKEN"

__all__ = ["Simulator", "Scenario", "ScenarioError", "SCENARIOS", "main"]

# ---------------------------------------------------------------------------------------------
# The simulated world: one organization, one user, a few repositories.

USER_ID = 7
ORG_NAME = "Acme"
DEFAULT_REPO = "acme/webapp"
# (id, name, description, language, visibility); `--repos N` adds acme/repo-001... from id 1001.
BASE_REPOS = (
    (101, "webapp", "The customer-facing web application.", "TypeScript", "PRIVATE"),
    (102, "api", "The public REST API.", "Python", "PRIVATE"),
    (103, "docs", "The documentation site.", "Markdown", "PUBLIC"),
)
EXTRA_REPO_FIRST_ID = 1001

# The documented error messages, word for word (including the API's spelling of "Alloted").
MESSAGES = {
    401: "Invalid or expired API token.",
    402: "Alloted agent runs for the current billing plan have been reached. "
         "Please upgrade your plan to continue.",
    403: "You do not have access to this organization.",
    404: "Agent run not found.",
    429: "Rate limit exceeded. Please try again later.",
}
NO_REPOS_MESSAGE = "No repos found in the organization. Please add some repos and try again."

# Documented limits per organization: (requests, window in simulated seconds).
CREATE_LIMIT = (10, 60.0)
READ_LIMIT = (60, 30.0)
LOGS_LIMIT = (60, 60.0)  # the alpha logs endpoint's own limit

# outcome -> (terminal status, result, summary). Only "pr" opens a pull request.
OUTCOMES = {
    "pr": ("COMPLETE", None, "Made the requested change and opened a pull request."),
    "no_pr": ("COMPLETE", "The code already does what was asked; no pull request was needed.",
              "No change was needed."),
    "failed": ("FAILED", "The agent could not finish the task: the tests still fail after its change.",
               "The task failed."),
    "error": ("ERROR", "The agent stopped on an internal error.", "The run hit an error."),
    "cancelled": ("CANCELLED", "The run was cancelled before it finished.", "The run was cancelled."),
    "stopped": ("STOPPED", "The run was stopped by a user before it finished.", "The run was stopped."),
}

# Where a fault may be injected; "logs" and "resume" are additions to the phases the bridge names.
PHASES = ("create", "poll", "list", "repos", "health", "logs", "resume", "any")
# Faults answered instead of the request, which is never processed (no run is created).
REPLACING_FAULTS = ("401", "402", "403", "404", "422", "429", "429_no_retry_after",
                    "500", "502", "503", "drop_before")
# Faults applied around a request that is processed normally (a create does create the run).
PROCESSING_FAULTS = ("slow", "drop_after", "malformed", "empty")
FAULT_KINDS = REPLACING_FAULTS + PROCESSING_FAULTS
# What `fault_rate` draws from: the failures a real client meets on the internet.
RANDOM_FAULT_KINDS = ("429", "500", "502", "503", "drop_before", "drop_after", "malformed")
STYLES = ("message", "detail", "fastapi")

# A proxy in front of the API answers with its own page, not JSON: clients must cope.
BAD_GATEWAY_PAGE = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
                    b"</body>\r\n</html>\r\n")
UNAVAILABLE_TEXT = b"upstream connect error or disconnect/reset before headers. reset reason: overflow"

# Scenario names: shortcuts for sets of keys, written in the spec grammar itself.
SCENARIOS = {
    "success": "",
    "no_pr": "outcome=no_pr",
    "failed": "outcome=failed",
    "error": "outcome=error",
    "cancelled": "outcome=cancelled",
    "stopped": "outcome=stopped",
    "instant": "instant=1",
    "unknown_status": "statuses=THINKING",
    "auth_401": "fault=401;times=all",
    "quota_402": "fault=402;times=all",
    "forbidden_403": "fault=403;times=all",
    "not_found_404": "fault=404;times=all",
    "invalid_422": "fault=422;times=all",
    "rate_limited": "fault=429;times=all",
    "rate_limited_no_retry_after": "fault=429_no_retry_after;times=all",
    "server_500": "fault=500;times=all",
    "bad_gateway_502": "fault=502;times=all",
    "unavailable_503": "fault=503;times=all",
    "slow": "fault=slow;times=all",
    "drop_before": "fault=drop_before;times=all",
    "drop_after": "fault=drop_after;times=all",
    "malformed_json": "fault=malformed;times=all",
    "empty_body": "fault=empty;times=all",
}

# ---------------------------------------------------------------------------------------------
# Scenario specs: "name;key=value;..." (percent-decoded first).


class ScenarioError(ValueError):
    """A spec the simulator does not understand; answered with 400 so that test mistakes are loud."""


def _choice(allowed):
    def convert(key, raw):
        if raw not in allowed:
            raise _bad_value(key, raw)
        return raw
    return convert


def _integer(minimum):
    def convert(key, raw):
        try:
            value = int(raw)
        except ValueError:
            raise _bad_value(key, raw)
        if value < minimum:
            raise _bad_value(key, raw)
        return value
    return convert


def _seconds(key, raw):
    try:
        value = float(raw)
    except ValueError:
        raise _bad_value(key, raw)
    if not math.isfinite(value) or value < 0:
        raise _bad_value(key, raw)
    return value


def _probability(key, raw):
    value = _seconds(key, raw)
    if value > 1:
        raise _bad_value(key, raw)
    return value


def _flag(key, raw):
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise _bad_value(key, raw)


def _times(key, raw):
    # None stands for "every matching request".
    return None if raw == "all" else _integer(0)(key, raw)


_STATUS_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def _statuses(key, raw):
    names = tuple(name.strip() for name in raw.split(","))
    if not all(_STATUS_NAME.match(name) for name in names):
        raise _bad_value(key, raw)
    return names


def _text(key, raw):
    return raw


def _bad_value(key, raw):
    return ScenarioError("simulator: bad value %r for scenario key '%s'" % (raw, key))


# Every key with its default and its parser; the order is the order of the Scenario fields.
_KEYS = (
    ("outcome", "pr", _choice(tuple(OUTCOMES))),
    ("polls", 1, _integer(1)),
    ("duration", None, _seconds),
    ("instant", False, _flag),
    ("statuses", ("ACTIVE",), _statuses),
    ("fault", None, _choice(FAULT_KINDS)),
    ("phase", "any", _choice(PHASES)),
    ("times", 1, _times),
    ("retry_after", 2, _integer(0)),
    ("delay", 5.0, _seconds),
    ("style", "message", _choice(STYLES)),
    ("id", None, _text),
    ("pr_title", None, _text),
    ("pr_url", None, _text),
    ("fault_rate", 0.0, _probability),
    ("seed", None, _integer(-sys.maxsize)),
    ("ratelimit", False, _flag),
    ("logs_endpoint", True, _flag),
    ("resume_pr", "new", _choice(("new", "same"))),
    ("log_thought", None, _text),
    ("run_id", None, _integer(1)),
)
_PARSERS = dict((key, parser) for key, _, parser in _KEYS)


class Scenario(namedtuple("_ScenarioFields", ("text",) + tuple(key for key, _, _ in _KEYS))):
    """A parsed spec: how runs created under it live and which faults its requests get.

    The fields are the keys of the grammar; `text` is the decoded spec, which also names the fault
    counters, the random stream and the rate windows this scenario owns.
    """

    __slots__ = ()

    @classmethod
    def parse(cls, spec):
        text = unquote(spec or "")
        values = dict((key, default) for key, default, _ in _KEYS)
        for key, raw in _spec_pairs(text):
            values[key] = _PARSERS[key](key, raw)
        return cls(text=text, **values)

    @property
    def terminal_status(self):
        return OUTCOMES[self.outcome][0]


def _spec_pairs(text):
    """(key, raw value) pairs in order; a leading bare name expands to the pairs it stands for."""
    elements = [element for element in text.split(";") if element.strip()]
    for index, element in enumerate(elements):
        if "=" not in element:
            name = element.strip()
            if index > 0:
                raise ScenarioError("simulator: scenario element '%s' must be key=value" % name)
            if name not in SCENARIOS:
                raise ScenarioError("simulator: unknown scenario name '%s'" % name)
            for pair in _spec_pairs(SCENARIOS[name]):
                yield pair
            continue
        key, _, raw = element.partition("=")
        key = key.strip()
        if key not in _PARSERS:
            raise ScenarioError("simulator: unknown scenario key '%s'" % key)
        yield key, raw


def _split_scenario(path):
    """'/s/<spec>/rest' -> ('<spec>', '/rest'); any other path -> (None, path).

    The spec is one raw path segment, split off before decoding so that an encoded '/' (%2F) in a
    value such as pr_url stays inside it.
    """
    if not path.startswith("/s/"):
        return None, path
    spec, _, rest = path[len("/s/"):].partition("/")
    return spec, "/" + rest
