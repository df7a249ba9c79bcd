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


# ---------------------------------------------------------------------------------------------
# Time, rate windows and runs.


class _Clock(object):
    """Simulated seconds since the simulator started, running `scale` times faster than real time."""

    def __init__(self, scale):
        self.scale = scale
        self._real_start = time.monotonic()
        self._wall_start = time.time()

    def now(self):
        return (time.monotonic() - self._real_start) * self.scale

    def real_seconds(self, simulated):
        return simulated / self.scale

    def iso(self, simulated):
        """ISO 8601 UTC with an explicit offset, which datetime.fromisoformat reads on Python 3.8."""
        stamp = datetime.fromtimestamp(self._wall_start + simulated, timezone.utc)
        return stamp.isoformat()


class _SlidingWindow(object):
    """At most `limit` admissions in any `period` simulated seconds."""

    def __init__(self, limit, period):
        self.limit = limit
        self.period = period
        self._admitted = deque()

    def admit(self, now):
        """None when admitted; otherwise the simulated seconds until a slot frees.

        A refused request leaves no trace, as the real API's refusals do not count against it.
        """
        while self._admitted and self._admitted[0] <= now - self.period:
            self._admitted.popleft()
        if len(self._admitted) < self.limit:
            self._admitted.append(now)
            return None
        return self._admitted[0] + self.period - now


class _Run(object):
    """One agent run, with the bookkeeping benchmarks read (never part of an API answer).

    A run lives in rounds: its creation starts the first, each resume (a follow-up) starts another, in
    which the run is ACTIVE again and ends as its scenario says, counted from the round's start.
    """

    def __init__(self, run_id, scenario, fields, repo, pr_number, created_sim):
        self.id = run_id
        self.scenario = scenario
        self.prompt = fields["prompt"]
        self.images = fields["images"]
        self.metadata = fields["metadata"]
        self.model = fields["model"]
        self.agent_type = fields["agent_type"]
        self.repo = repo
        self.pr_number = pr_number
        self.pr_prompt = self.prompt  # the prompt the current pull request's title comes from
        self.pr_round = 0  # the round that opened the current pull request (0: the creation's)
        self.pr_created_sim = None
        self.earlier_prs = []  # pull requests of earlier rounds, newest first
        self.created_real = time.time()
        self.created_sim = created_sim
        self.gets = 0
        self.logs = 0
        self.resumes = 0
        self.follow_ups = []
        self.round_sim = created_sim
        self.round_reads = 0  # reads (plain or logs) in this round: `polls` counts them
        self.round_steps = 0  # log entries of this round before its end
        self.final_logged = False
        self.log = []  # (kind, step, simulated time): written once, so every read sees the same history
        self.terminal_sim = None
        self.detected_sim = None

    def status(self, now):
        """The status a read at simulated time `now` sees; notes when the run turned terminal."""
        scenario = self.scenario
        statuses = scenario.statuses
        if scenario.instant:
            return self._terminal(self.round_sim)
        if scenario.duration is not None:
            elapsed = now - self.round_sim
            if elapsed >= scenario.duration:
                return self._terminal(self.round_sim + scenario.duration)
            return statuses[int(elapsed / scenario.duration * len(statuses))]
        if self.round_reads >= scenario.polls:
            return self._terminal(now)
        # The create answer and each poll before the last show the next status; the last repeats.
        return statuses[min(max(self.round_reads - 1, 0), len(statuses) - 1)]

    @property
    def terminal(self):
        return self.terminal_sim is not None

    def _terminal(self, when):
        if self.terminal_sim is None:
            self.terminal_sim = when
        return self.scenario.terminal_status

    def grow_log(self, now):
        """Writes the entries due by `now`: one when the round starts, one every LOG_EVERY simulated
        seconds (and, for a run that ends after `polls` reads, one per read before the last) while it
        works, a FINAL_ANSWER when it ends. Call after status(now)."""
        if self.final_logged:
            return
        end = self.terminal_sim if self.terminal else now
        due = 1 + int(max(0.0, end - self.round_sim) / LOG_EVERY)
        if self.scenario.duration is None and not self.scenario.instant:
            due = max(due, 1 + min(self.round_reads, self.scenario.polls - 1))
        while self.round_steps < due:
            kind = "follow_up" if self.round_steps == 0 and self.resumes else "step"
            self._write(kind, min(self.round_sim + self.round_steps * LOG_EVERY, end))
            self.round_steps += 1
        if self.terminal:
            self._write("final", self.terminal_sim)
            self.final_logged = True

    def _write(self, kind, when):
        if self.log:
            when = max(when, self.log[-1][2] + 0.001)  # strictly increasing created_at
        self.log.append((kind, (self.id + len(self.log)) % len(_LOG_STEPS), when))

    def resume(self, prompt, now, pr_number):
        """A follow-up: a new round from `now`, with a new pull request unless `pr_number` is the same."""
        self.resumes += 1
        self.follow_ups.append(prompt)
        self.round_sim = now
        self.round_reads = 0
        self.round_steps = 0
        self.final_logged = False
        self.terminal_sim = None
        self.detected_sim = None
        if pr_number != self.pr_number:
            self.pr_number = pr_number
            self.pr_prompt = prompt
            self.pr_round = self.resumes
            self.pr_created_sim = None


# Log entries come about every LOG_EVERY simulated seconds while a run works.
LOG_EVERY = 20.0
# (message_type, tool_name, thought, tool_input) of the steps a run logs; the run id picks where it
# starts in this list, so runs differ and a run's log is the same on every read.
_LOG_STEPS = (
    ("ACTION", "read_file", "Reading the files the task names to see how they fit together.", {"path": "README.md"}),
    ("PLAN_EVALUATION", None, "Planning the change in small steps, with a test first.", None),
    ("ACTION", "search", "Searching the code for every caller of the function to change.", {"query": "def handle"}),
    ("ACTION", "edit_file", "Editing the module to make the requested change.", {"path": "src/app.py"}),
    ("ACTION", "run_tests", "Running the test suite to check the change.", {"command": "make test"}),
    ("ACTION", "git_commit", "Committing the change with a message that says why.", {"message": "Fix the task"}),
)
_FOLLOW_UP_STEP = ("PLAN_EVALUATION", None, "Reading the follow-up request and planning what to change.", None)


def _pr_title(prompt):
    """The first non-empty line of the prompt without Markdown heading marks, as Codegen titles PRs."""
    for line in prompt.splitlines():
        title = line.lstrip("# \t").strip()
        if title:
            return title[:80]
    return "Codegen changes"


# ---------------------------------------------------------------------------------------------
# Answers.


class _Response(object):
    """An answer to send or, when `dropped`, a connection to close without one."""

    def __init__(self, status, body=b"", content_type="application/json", headers=None,
                 on_delivered=None, dropped=False):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = dict(headers or {})
        # Called when the answer goes out intact, i.e. the client is about to see exactly this.
        self.on_delivered = on_delivered
        self.dropped = dropped

    @classmethod
    def json(cls, status, payload, headers=None, on_delivered=None):
        body = json.dumps(payload).encode("utf-8")
        return cls(status, body, headers=headers, on_delivered=on_delivered)

    @classmethod
    def drop(cls):
        return cls(None, dropped=True)


class _Refusal(Exception):
    """Stops handling a request with this answer (a 4xx, mostly)."""

    def __init__(self, response):
        Exception.__init__(self, response.status)
        self.response = response


# For style=fastapi: where the complaint points, per status.
_STYLE_LOCATIONS = {401: ["header", "authorization"], 403: ["path", "org_id"],
                    404: ["path", "agent_run_id"]}


def _error(status, message, style="message"):
    """An error in one of the shapes servers in front of Codegen have been seen to use."""
    if style == "detail":
        body = {"detail": message}
    elif style == "fastapi":
        location = _STYLE_LOCATIONS.get(status, ["body"])
        body = {"detail": [{"loc": location, "msg": message, "type": "value_error"}]}
    else:
        body = {"message": message, "status_code": status}
    return _Response.json(status, body)


def _field_error(location, kind, message):
    return {"loc": list(location), "msg": message, "type": kind}


def _invalid(*errors):
    """FastAPI's 422: every problem found, each with where it is."""
    return _Refusal(_Response.json(422, {"detail": list(errors)}))


def _spoil(fault, response):
    """Breaks the answer to a request that was processed in full (a created run stays created)."""
    if fault == "drop_after":
        return _Response.drop()
    if fault == "malformed":
        # Cutting a JSON document short never leaves valid JSON; Content-Length stays truthful.
        cut = response.body[:max(1, len(response.body) // 2)]
        return _Response(response.status, cut, response.content_type, response.headers)
    if fault == "empty":
        return _Response(response.status, b"", response.content_type, response.headers)
    return response


# The documented values of `source_type` (ApiAgentRunSourceType); runs made here are all API runs.
SOURCE_TYPES = ("LOCAL", "SLACK", "GITHUB", "GITHUB_CHECK_SUITE", "GITHUB_PR_REVIEW", "LINEAR", "API", "CHAT",
                "JIRA", "CLICKUP", "MONDAY", "SETUP_COMMANDS")


def _one_of(values):
    """FastAPI's wording of an enum's values: 'A', 'B' or 'C'."""
    quoted = ["'%s'" % value for value in values]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _page(items, total, skip, limit):
    return {"items": items, "total": total, "page": skip // limit + 1, "size": limit,
            "pages": (total + limit - 1) // limit}


# ---------------------------------------------------------------------------------------------
# Request parsing.

_Request = namedtuple("_Request", "method target authorization body")
# What an endpoint gets: the scenario, path ids as ints, query values, the raw body.
_Call = namedtuple("_Call", "scenario ids query body")


def _bearer_token(authorization):
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _query_values(query):
    """The last value of each query parameter; an empty value counts as absent (`user_id=`)."""
    values = {}
    for name, given in parse_qs(query, keep_blank_values=True).items():
        if given[-1] != "":
            values[name] = given[-1]
    return values


def _query_int(query, name, default, minimum, maximum=None):
    if name not in query:
        return default
    try:
        value = int(query[name])
    except ValueError:
        raise _invalid(_field_error(("query", name), "int_parsing",
                                    "Input should be a valid integer, unable to parse string as an integer"))
    if value < minimum:
        raise _invalid(_field_error(("query", name), "greater_than_equal",
                                    "Input should be greater than or equal to %d" % minimum))
    if maximum is not None and value > maximum:
        raise _invalid(_field_error(("query", name), "less_than_equal",
                                    "Input should be less than or equal to %d" % maximum))
    return value


def _query_bool(query, name, default):
    """A boolean query parameter as FastAPI reads one."""
    if name not in query:
        return default
    value = query[name].lower()
    if value in ("1", "true", "yes", "on", "t", "y"):
        return True
    if value in ("0", "false", "no", "off", "f", "n"):
        return False
    raise _invalid(_field_error(("query", name), "bool_parsing", "Input should be a valid boolean, unable to "
                                                                  "interpret input"))


def _paging(query):
    return _query_int(query, "skip", 0, 0), _query_int(query, "limit", 100, 1, 100)


def _path_ids(params):
    ids = {}
    for name, value in params.items():
        try:
            ids[name] = int(value)
        except ValueError:
            raise _invalid(_field_error(("path", name), "int_parsing",
                                        "Input should be a valid integer, unable to parse string as an integer"))
    return ids


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


# Optional create fields: (name, accepts, error type, message), checked when not null.
_OPTIONAL_FIELDS = (
    ("images", lambda value: isinstance(value, list), "list_type", "Input should be a valid list"),
    ("metadata", lambda value: isinstance(value, dict), "dict_type", "Input should be a valid dictionary"),
    ("repo_id", _is_int, "int_type", "Input should be a valid integer"),
    ("model", lambda value: isinstance(value, str), "string_type", "Input should be a valid string"),
    ("agent_type", lambda value: value in ("codegen", "claude_code"), "enum",
     "Input should be 'codegen' or 'claude_code'"),
)


def _json_object(body):
    """The request body as a JSON object, or FastAPI's 422 for a missing, broken or other body."""
    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else None
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError both are
        raise _invalid(_field_error(("body", getattr(error, "pos", 0)), "json_invalid", "JSON decode error"))
    if data is None:
        raise _invalid(_field_error(("body",), "missing", "Field required"))
    if not isinstance(data, dict):
        raise _invalid(_field_error(("body",), "model_attributes_type",
                                    "Input should be a valid dictionary or object to extract fields from"))
    return data


def _prompt_errors(data):
    prompt = data.get("prompt")
    if "prompt" not in data:
        return [_field_error(("body", "prompt"), "missing", "Field required")]
    if not isinstance(prompt, str):
        return [_field_error(("body", "prompt"), "string_type", "Input should be a valid string")]
    if not prompt.strip():
        return [_field_error(("body", "prompt"), "string_too_short", "String should have at least 1 character")]
    return []


def _create_fields(body, repos_by_id, org_id):
    """The fields of a create request, or a 422 listing every problem, as FastAPI words them."""
    data = _json_object(body)
    errors = _prompt_errors(data)
    for name, accepts, kind, message in _OPTIONAL_FIELDS:
        value = data.get(name)
        if value is not None and not accepts(value):
            errors.append(_field_error(("body", name), kind, message))
        elif name == "repo_id" and value is not None and value not in repos_by_id:
            errors.append(_field_error(("body", name), "value_error",
                                       "Repository %d is not in organization %d" % (value, org_id)))
    if errors:
        raise _invalid(*errors)
    names = ("prompt", "images", "metadata", "repo_id", "model", "agent_type")
    return dict((name, data.get(name)) for name in names)


def _resume_fields(body):
    """The fields of a ResumeAgentRunInput (agent_run_id, prompt, images), or a 422 listing every problem."""
    data = _json_object(body)
    errors = []
    if "agent_run_id" not in data:
        errors.append(_field_error(("body", "agent_run_id"), "missing", "Field required"))
    elif not _is_int(data["agent_run_id"]):
        errors.append(_field_error(("body", "agent_run_id"), "int_type", "Input should be a valid integer"))
    errors.extend(_prompt_errors(data))
    images = data.get("images")
    if images is not None and not (isinstance(images, list) and all(isinstance(i, str) for i in images)):
        errors.append(_field_error(("body", "images"), "list_type", "Input should be a valid list of strings"))
    if errors:
        raise _invalid(*errors)
    return {"agent_run_id": data["agent_run_id"], "prompt": data["prompt"], "images": images}


def _make_repos(org_id, extra):
    rows = list(BASE_REPOS)
    for index in range(1, extra + 1):
        rows.append((EXTRA_REPO_FIRST_ID + index - 1, "repo-%03d" % index,
                     "A generated repository for paging tests.", "Go", "PRIVATE"))
    return [{"id": repo_id, "name": name, "full_name": "acme/" + name, "description": description,
             "github_id": 700000 + repo_id, "organization_id": org_id, "visibility": visibility,
             "archived": False, "setup_status": "COMPLETED", "language": language}
            for repo_id, name, description, language, visibility in rows]


# ---------------------------------------------------------------------------------------------
# The API itself.


class _Core(object):
    """Everything the simulated API knows and does; the HTTP layer only moves bytes.

    One lock guards all state. It is never held while sleeping or writing to a socket.
    """

    def __init__(self, default_scenario, clock, rate_limits, retry_after, org_id, extra_repos, token,
                 run_links=True, logs_endpoint=True):
        self.base_url = ""
        self.stopping = threading.Event()
        self.clock = clock
        self._default = default_scenario
        self._rate_limits = rate_limits
        self._retry_after = retry_after
        self._org_id = org_id
        self._token = token
        self._run_links = run_links
        self._logs_endpoint = logs_endpoint
        self._repos = _make_repos(org_id, extra_repos)
        self._repos_by_id = dict((repo["id"], repo) for repo in self._repos)
        self._lock = threading.Lock()
        self._forget()

    def _forget(self):
        """Starts over: no runs, counters, random streams or rate windows. The clock runs on."""
        self._runs = {}
        self._next_run_id = 1
        self._next_pr_number = 1
        self._fault_counts = {}
        self._randoms = {}
        self._windows = {}
        self._stats = {"requests": 0, "by_phase": {}, "by_status": {}, "rate_limited": 0,
                       "faults": {}, "auth_failures": 0, "gets": 0, "logs": 0, "resumes": 0}

    # -- entry point ------------------------------------------------------------------------

    def handle(self, request):
        path, _, query = request.target.partition("?")
        if path == "/_sim" or path.startswith("/_sim/"):
            return self._control(request.method, path, query)
        phase, response = self._answer(request, path, query)
        with self._lock:
            self._count(phase, response)
        return response

    def _answer(self, request, path, query):
        """(phase, answer) for one API request."""
        phase = "other"
        try:
            spec, path = _split_scenario(path)
            try:
                scenario = self._default if spec is None else Scenario.parse(spec)
            except ScenarioError as error:
                raise _Refusal(_Response.json(400, {"detail": str(error)}))
            trace = _TRACE_PATH.match(path)
            if trace and request.method == "GET":
                return phase, self._trace_page(trace.group(1))
            route, params = _route(request.method, path)
            if route.phase == "logs" and not (self._logs_endpoint and scenario.logs_endpoint):
                # Switched off, the alpha route is simply missing, as on a server that never had it.
                raise _Refusal(_Response.json(404, {"detail": "Not Found"}))
            phase = route.phase
            return phase, self._api_call(route, params, scenario, request, query)
        except _Refusal as refusal:
            return phase, refusal.response

    def _api_call(self, route, params, scenario, request, query):
        fault = self._pick_fault(scenario, route.phase)
        if fault in REPLACING_FAULTS:
            return self._fault_answer(fault, scenario, route.phase)
        if fault == "slow":
            # Wakes early when the simulator stops, so that stop() never waits for a slow request.
            self.stopping.wait(self.clock.real_seconds(scenario.delay))
        try:
            response = self._process(route, params, scenario, request, query)
        except _Refusal as refusal:
            response = refusal.response
        return _spoil(fault, response)

    def _process(self, route, params, scenario, request, query):
        """What the real API does: authenticate, check the org, throttle, then act."""
        self._authenticate(request.authorization, scenario)
        ids = _path_ids(params)
        if ids.get("org_id", self._org_id) != self._org_id:
            raise _Refusal(_error(403, MESSAGES[403], scenario.style))
        self._throttle(scenario, route.phase)
        return route.action(self, _Call(scenario, ids, _query_values(query), request.body))

    # -- cross-cutting checks ---------------------------------------------------------------

    def _authenticate(self, authorization, scenario):
        token = _bearer_token(authorization)
        if token and (self._token is None or token == self._token):
            return
        with self._lock:
            self._stats["auth_failures"] += 1
        raise _Refusal(_error(401, MESSAGES[401], scenario.style))

    def _throttle(self, scenario, phase):
        if not (self._rate_limits or scenario.ratelimit):
            return
        # A resume starts the agent like a create does, so it counts against the same limit.
        bucket = "create" if phase in ("create", "resume") else "logs" if phase == "logs" else "read"
        with self._lock:
            # Windows are per scenario string, so that tests with their own `id=` never interfere.
            window = self._windows.get((scenario.text, bucket))
            if window is None:
                window = _SlidingWindow(*{"create": CREATE_LIMIT, "logs": LOGS_LIMIT}.get(bucket, READ_LIMIT))
                self._windows[(scenario.text, bucket)] = window
            wait = window.admit(self.clock.now())
            if wait is None:
                return
            self._stats["rate_limited"] += 1
        raise _Refusal(self._too_many(scenario, max(1, int(math.ceil(wait)))))

    def _too_many(self, scenario, retry_after):
        """The documented 429, with Retry-After in whole simulated seconds unless switched off."""
        response = _error(429, MESSAGES[429], scenario.style)
        if retry_after > 0 and self._retry_after and scenario.retry_after != 0:
            response.headers["Retry-After"] = str(retry_after)
        return response

    # -- faults -----------------------------------------------------------------------------

    def _pick_fault(self, scenario, phase):
        with self._lock:
            fault = self._scripted_fault(scenario, phase) or self._random_fault(scenario)
            if fault:
                self._stats["faults"][fault] = self._stats["faults"].get(fault, 0) + 1
        return fault

    def _scripted_fault(self, scenario, phase):
        """The fault for the first `times` requests of the phase under this exact spec."""
        if scenario.fault is None or scenario.phase not in (phase, "any"):
            return None
        key = (scenario.text, scenario.phase)
        used = self._fault_counts.get(key, 0)
        if scenario.times is not None and used >= scenario.times:
            return None
        self._fault_counts[key] = used + 1
        return scenario.fault

    def _random_fault(self, scenario):
        if scenario.fault_rate <= 0:
            return None
        stream = self._randoms.get(scenario.text)
        if stream is None:
            stream = self._randoms[scenario.text] = random.Random(scenario.seed)
        if stream.random() >= scenario.fault_rate:
            return None
        return stream.choice(RANDOM_FAULT_KINDS)

    def _fault_answer(self, fault, scenario, phase):
        if fault == "drop_before":
            return _Response.drop()
        if fault == "500":
            return _Response.json(500, {"detail": "Internal Server Error"})
        if fault == "502":
            return _Response(502, BAD_GATEWAY_PAGE, "text/html")
        if fault == "503":
            return _Response(503, UNAVAILABLE_TEXT, "text/plain")
        if fault == "422":
            return _invalid(_INJECTED_422.get(phase, _INJECTED_422["any"])).response
        if fault == "429":
            return self._too_many(scenario, scenario.retry_after)
        if fault == "429_no_retry_after":
            return self._too_many(scenario, 0)
        status = int(fault)
        if status == 404:
            return _error(404, _NOT_FOUND_MESSAGES.get(phase, "Not Found."), scenario.style)
        return _error(status, MESSAGES[status], scenario.style)

    # -- endpoints --------------------------------------------------------------------------

    def _create_run(self, call):
        fields = _create_fields(call.body, self._repos_by_id, self._org_id)
        repo = self._repos_by_id.get(fields["repo_id"]) or self._repos[0]
        with self._lock:
            now = self.clock.now()
            pr_number = None
            if call.scenario.outcome == "pr":
                pr_number = self._next_pr_number
                self._next_pr_number += 1
            # run_id: mock mode follows up a run it did not make (the simulator starts empty) by making it
            # first under the id the user gave; an id in use is not taken twice.
            run_id = self._next_run_id
            if call.scenario.run_id is not None and call.scenario.run_id not in self._runs:
                run_id = call.scenario.run_id
            run = _Run(run_id, call.scenario, fields, repo, pr_number, now)
            self._next_run_id = max(self._next_run_id, run_id + 1)
            self._runs[run.id] = run
            view = self._run_view(run, now)
        return _Response.json(200, view)

    def _get_run(self, call):
        with self._lock:
            run = self._find_run(call.ids["agent_run_id"], call.scenario)
            now = self.clock.now()
            run.gets += 1
            run.round_reads += 1
            self._stats["gets"] += 1
            view = self._run_view(run, now)
        return self._read_answer(run, now, view)

    def _read_answer(self, run, now, view):
        """A read's answer; one that brings a terminal status notes when the client learnt of it."""
        if not run.terminal:
            return _Response.json(200, view)
        return _Response.json(200, view, on_delivered=lambda: self._detected(run, now))

    def _detected(self, run, when):
        """Notes the first read that brought a terminal status to the client."""
        with self._lock:
            if run.detected_sim is None or when < run.detected_sim:
                run.detected_sim = when

    def _list_runs(self, call):
        skip, limit = _paging(call.query)
        user_id = _query_int(call.query, "user_id", None, -sys.maxsize)
        source_type = call.query.get("source_type")
        if source_type is not None and source_type not in SOURCE_TYPES:
            raise _invalid(_field_error(("query", "source_type"), "enum",
                                        "Input should be %s" % _one_of(SOURCE_TYPES)))
        with self._lock:
            now = self.clock.now()
            chosen = []
            if user_id in (None, USER_ID) and source_type in (None, "API"):
                chosen = sorted(self._runs.values(), key=lambda run: run.id, reverse=True)
            items = [self._run_view(run, now) for run in chosen[skip:skip + limit]]
        return _Response.json(200, _page(items, len(chosen), skip, limit))

    def _list_repos(self, call):
        skip, limit = _paging(call.query)
        return _Response.json(200, _page(self._repos[skip:skip + limit], len(self._repos), skip, limit))

    def _me(self, call):
        return _Response.json(200, {
            "id": USER_ID, "email": "developer@acme.example", "github_user_id": "5550123",
            "github_username": "acme-dev", "avatar_url": "https://avatars.githubusercontent.com/u/5550123",
            "full_name": "Acme Developer", "role": "ADMIN", "is_admin": True})

    def _list_orgs(self, call):
        skip, limit = _paging(call.query)
        orgs = [{"id": self._org_id, "name": ORG_NAME,
                 "settings": {"enable_pr_creation": True, "enable_rules_detection": True}}]
        return _Response.json(200, _page(orgs[skip:skip + limit], len(orgs), skip, limit))

    def _run_logs(self, call):
        skip, limit = _paging(call.query)
        reverse = _query_bool(call.query, "reverse", False)
        with self._lock:
            run = self._find_run(call.ids["agent_run_id"], call.scenario)
            now = self.clock.now()
            run.logs += 1
            run.round_reads += 1
            self._stats["logs"] += 1
            view = self._run_view(run, now)
            entries = [self._log_view(run, entry) for entry in run.log]
        if reverse:
            entries.reverse()
        answer = dict((key, view[key]) for key in
                      ("id", "organization_id", "status", "created_at", "web_url", "result", "metadata"))
        # A Page, except that the API calls its items "logs" and its total "total_logs".
        page = _page(entries[skip:skip + limit], len(entries), skip, limit)
        answer.update(logs=page.pop("items"), total_logs=page.pop("total"), **page)
        return self._read_answer(run, now, answer)

    def _log_view(self, run, entry):
        """An AgentRunLogResponse."""
        kind, step, when = entry
        observation = tool_output = None
        if kind == "final":
            _, result, summary = OUTCOMES[run.scenario.outcome]
            message_type, tool_name, thought, tool_input = "FINAL_ANSWER", None, summary, None
            observation = result or "Opened pull request #%s." % run.pr_number
        else:
            message_type, tool_name, thought, tool_input = _FOLLOW_UP_STEP if kind == "follow_up" else _LOG_STEPS[step]
            if tool_name is not None:
                observation = "Done: %s finished without errors." % tool_name
                tool_output = {"ok": True}
        if run.scenario.log_thought is not None:
            thought = run.scenario.log_thought  # rendering-safety tests: control characters, markup, a token
        return {"agent_run_id": run.id, "created_at": self.clock.iso(when), "tool_name": tool_name,
                "message_type": message_type, "thought": thought, "observation": observation,
                "tool_input": tool_input, "tool_output": tool_output}

    def _resume_run(self, call):
        fields = _resume_fields(call.body)
        with self._lock:
            run = self._find_run(fields["agent_run_id"], call.scenario)
            now = self.clock.now()
            run.status(now)
            run.grow_log(now)  # the round that ends here keeps the history it had
            pr_number = None
            if run.scenario.outcome == "pr":
                pr_number = run.pr_number
                if run.scenario.resume_pr == "new" or pr_number is None:
                    if run.pr_number is not None and run.terminal:
                        run.earlier_prs.insert(0, self._pull_request(run))
                    pr_number = self._next_pr_number
                    self._next_pr_number += 1
            run.resume(fields["prompt"], now, pr_number)
            self._stats["resumes"] += 1
            view = self._run_view(run, now)
        return _Response.json(200, view)

    def _trace_page(self, raw_id):
        """The run's web page: plain HTML, everything echoed escaped, only http(s) links."""
        with self._lock:
            run = self._runs.get(int(raw_id)) if raw_id.isdigit() else None
            if run is None:
                return _Response(404, b"<!DOCTYPE html><title>Not Found</title><h1>Agent run not found</h1>",
                                 "text/html; charset=utf-8")
            view = self._run_view(run, self.clock.now())
        links = "".join(self._pr_link(pr) for pr in view["github_pull_requests"] or ())
        page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Agent run %d</title></head>"
                "<body><h1>Agent run %d</h1><p>Status: %s</p><p>Task: %s</p>%s</body></html>"
                % (run.id, run.id, escape(view["status"]), escape(_pr_title(run.prompt)), links))
        return _Response(200, page.encode("utf-8"), "text/html; charset=utf-8")

    @staticmethod
    def _pr_link(pr):
        title = escape(pr["title"] or "")
        url = pr["url"] or ""
        if url.startswith(("https://", "http://")):
            return "<p>Pull request: <a href=\"%s\">%s</a></p>" % (escape(url), title)
        return "<p>Pull request: %s (%s)</p>" % (title, escape(url))

    # -- views ------------------------------------------------------------------------------

    def _find_run(self, run_id, scenario):
        run = self._runs.get(run_id)
        if run is None:
            raise _Refusal(_error(404, MESSAGES[404], scenario.style))
        return run

    def _run_view(self, run, now):
        """The AgentRunResponse for `run` as seen at simulated time `now`."""
        status = run.status(now)
        run.grow_log(now)
        result = summary = pull_requests = None
        if run.terminal:
            _, result, summary = OUTCOMES[run.scenario.outcome]
            pull_requests = []
            if run.pr_number is not None:
                if run.pr_created_sim is None:
                    run.pr_created_sim = run.terminal_sim
                pull_request = self._pull_request(run)
                pull_requests.append(pull_request)
                result = "Opened pull request #%d: %s" % (run.pr_number, pull_request["title"])
            # Newest first: a follow-up's pull request before the ones of earlier rounds.
            pull_requests.extend(pr for pr in run.earlier_prs if pr["id"] != run.pr_number)
        return {"id": run.id, "organization_id": self._org_id, "status": status,
                "created_at": self.clock.iso(run.created_sim), "web_url": self._web_url(run),
                "result": result, "summary": summary, "source_type": "API",
                "github_pull_requests": pull_requests, "metadata": run.metadata}

    def _pull_request(self, run):
        scenario = run.scenario
        url = scenario.pr_url
        if url is None:
            url = "https://github.com/%s/pull/%d" % (run.repo["full_name"], run.pr_number)
        title = scenario.pr_title if scenario.pr_title is not None else _pr_title(run.pr_prompt)
        created = run.pr_created_sim if run.pr_created_sim is not None else run.terminal_sim
        branch = "codegen/run-%d" % run.id + ("-%d" % run.pr_round if run.pr_round else "")
        return {"id": run.pr_number, "title": title, "url": url,
                "created_at": self.clock.iso(created), "head_branch_name": branch}

    def _web_url(self, run):
        if not self._run_links:
            return None  # mock mode: a link to this short-lived server would be dead on a build page
        return "%s/agent/trace/%d" % (self.base_url, run.id)

    def _record(self, run, now):
        """A run as /_sim/runs shows it: the API's facts plus the timing bookkeeping."""
        status = run.status(now)
        pull_request = self._pull_request(run) if run.terminal and run.pr_number is not None else None
        return {"id": run.id, "spec": run.scenario.text, "status": status, "terminal": run.terminal,
                "outcome": run.scenario.outcome, "gets": run.gets, "logs": run.logs, "resumes": run.resumes,
                "follow_ups": list(run.follow_ups), "log_entries": len(run.log), "prompt": run.prompt,
                "repo_id": run.repo["id"], "model": run.model, "agent_type": run.agent_type,
                "images": run.images, "metadata": run.metadata,
                "pull_request_url": pull_request["url"] if pull_request else None,
                "created_at": self.clock.iso(run.created_sim), "created_real": run.created_real,
                "created_sim": run.created_sim, "terminal_sim": run.terminal_sim,
                "detected_sim": run.detected_sim}

    # -- bookkeeping and control ------------------------------------------------------------

    def _count(self, phase, response):
        stats = self._stats
        status = "dropped" if response.dropped else str(response.status)
        stats["requests"] += 1
        stats["by_phase"][phase] = stats["by_phase"].get(phase, 0) + 1
        stats["by_status"][status] = stats["by_status"].get(status, 0) + 1

    def runs(self, spec=None):
        with self._lock:
            now = self.clock.now()
            return [self._record(run, now) for _, run in sorted(self._runs.items())
                    if spec is None or run.scenario.text == spec]

    def stats(self):
        with self._lock:
            snapshot = copy.deepcopy(self._stats)
            snapshot["runs"] = len(self._runs)
            snapshot["sim_time"] = self.clock.now()
            snapshot["time_scale"] = self.clock.scale
            return snapshot

    def reset(self):
        with self._lock:
            self._forget()

    def _reset_answer(self):
        self.reset()
        return {"ok": True}

    def _control(self, method, path, query):
        """/_sim/...: the simulator's own endpoints, for tests and benchmarks (no token needed)."""
        name = path[len("/_sim/"):]
        actions = {
            "health": ("GET", lambda: {"ok": True}),
            "runs": ("GET", lambda: {"runs": self.runs(_query_values(query).get("spec"))}),
            "stats": ("GET", self.stats),
            "reset": ("POST", self._reset_answer),
        }
        if name not in actions:
            return _Response.json(404, {"detail": "Not Found"})
        wanted, action = actions[name]
        if method != wanted:
            return _Response.json(405, {"detail": "Method Not Allowed"}, headers={"Allow": wanted})
        return _Response.json(200, action())


_INJECTED_422 = {
    "create": _field_error(("body", "prompt"), "missing", "Field required"),
    "resume": _field_error(("body", "prompt"), "missing", "Field required"),
    "any": _field_error(("query", "limit"), "less_than_equal", "Input should be less than or equal to 100"),
}
_NOT_FOUND_MESSAGES = {"create": NO_REPOS_MESSAGE, "poll": MESSAGES[404], "logs": MESSAGES[404],
                       "resume": MESSAGES[404]}


class _Route(namedtuple("_Route", "method pattern phase action")):
    __slots__ = ()

    def match(self, path):
        return self.pattern.match(path)


def _api_route(method, path, phase, action):
    pattern = re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + r"\Z")
    return _Route(method, pattern, phase, action)


_ROUTES = (
    _api_route("POST", "/v1/organizations/{org_id}/agent/run", "create", _Core._create_run),
    _api_route("POST", "/v1/organizations/{org_id}/agent/run/resume", "resume", _Core._resume_run),
    _api_route("GET", "/v1/organizations/{org_id}/agent/run/{agent_run_id}", "poll", _Core._get_run),
    _api_route("GET", "/v1/organizations/{org_id}/agent/runs", "list", _Core._list_runs),
    _api_route("GET", "/v1/organizations/{org_id}/repos", "repos", _Core._list_repos),
    _api_route("GET", "/v1/users/me", "health", _Core._me),
    _api_route("GET", "/v1/organizations", "health", _Core._list_orgs),
    _api_route("GET", "/v1/alpha/organizations/{org_id}/agent/run/{agent_run_id}/logs", "logs",
               _Core._run_logs),
)
_TRACE_PATH = re.compile(r"/agent/trace/([^/]+)\Z")


def _route(method, path):
    """The route and its path parameters, or the 404/405 FastAPI would give."""
    allowed = []
    for route in _ROUTES:
        found = route.match(path)
        if found and route.method == method:
            return route, found.groupdict()
        if found:
            allowed.append(route.method)
    if allowed:
        raise _Refusal(_Response.json(405, {"detail": "Method Not Allowed"}, headers={"Allow": allowed[0]}))
    raise _Refusal(_Response.json(404, {"detail": "Not Found"}))


# ---------------------------------------------------------------------------------------------
# HTTP.


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "codegen-simulator"
    sys_version = ""
    # Headers and body go out in separate writes; with Nagle's algorithm on, a client that keeps the
    # connection alive (the Java watcher) waits for the delayed ACK, about 40 ms per request, which no
    # real server costs it.
    disable_nagle_algorithm = True

    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _dispatch(self):
        started = time.monotonic()
        # Read here, passed on, never stored or logged.
        authorization = self.headers.get("Authorization")
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True  # the rest of the stream cannot be trusted
            response = _Response.json(400, {"detail": "simulator: unreadable request body"})
        else:
            try:
                response = self.server.core.handle(_Request(self.command, self.path, authorization, body))
            except Exception:  # a simulator bug: loud on stderr, yet the client still gets an answer
                traceback.print_exc()
                response = _Response.json(500, {"detail": "simulator: internal error"})
        self._send(response)
        self._log(response, started, authorization)

    def _read_body(self):
        """The whole body, so that a keep-alive connection stays in step even when we refuse."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        return self.rfile.read(length)

    def _read_chunked(self):
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while self.rfile.readline().strip():
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _send(self, response):
        if response.dropped:
            self.close_connection = True
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        if response.on_delivered is not None:
            # Before the first byte leaves: a client that reads the answer and then asks
            # /_sim/runs must find it recorded. Spoiled and dropped answers have no callback.
            response.on_delivered()
        self.end_headers()
        self.wfile.write(response.body)

    def _log(self, response, started, authorization):
        if not self.server.verbose:
            return
        status = "dropped" if response.dropped else str(response.status)
        line = "%s %s -> %s (%.1f ms)" % (self.command, self.path, status,
                                         (time.monotonic() - started) * 1000)
        # Headers are never logged; this also keeps a token out that a client put in the URL.
        token = _bearer_token(authorization)
        if len(token) >= 4:
            line = line.replace(token, "****")
        self.log_message("%s", line)

    def log_request(self, code="-", size="-"):
        pass  # _log writes the one line per request

    def log_message(self, format, *args):
        if self.server.verbose:
            sys.stderr.write("codegen-simulator: %s\n" % (format % args))
            sys.stderr.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops connections when many bridges start at once; the
    # kernel then retries them a second later, which would show up as latency nobody else causes.
    request_queue_size = 256

    def __init__(self, address, core, verbose):
        self.core = core
        self.verbose = verbose
        self._open = set()
        self._open_lock = threading.Lock()
        ThreadingHTTPServer.__init__(self, address, _Handler)

    def server_bind(self):
        # HTTPServer.server_bind resolves the host's FQDN, which can stall for seconds without DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address):
        with self._open_lock:
            self._open.add(request)
        ThreadingHTTPServer.process_request(self, request, client_address)

    def shutdown_request(self, request):
        with self._open_lock:
            self._open.discard(request)
        ThreadingHTTPServer.shutdown_request(self, request)

    def close_connections(self):
        """Ends kept-alive connections, whose threads would otherwise go on serving after stop()."""
        with self._open_lock:
            connections = list(self._open)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], OSError):
            return  # a client that went away, or stop() closing the connection: nothing to report
        ThreadingHTTPServer.handle_error(self, request, client_address)


# ---------------------------------------------------------------------------------------------
# Public interface.


class Simulator(object):
    """The simulated Codegen API, served from a background thread.

        with Simulator(scenario="success", time_scale=50) as sim:
            client = Client(sim.base_url, token="any")        # or sim.base_url + "/s/failed"
            ...
            sim.runs(), sim.stats(), sim.reset()

    `scenario` governs requests without a /s/<spec> prefix; `fault_rate`/`seed` add random faults
    to those same requests. `rate_limits` and `retry_after` apply to every request.
    """

    def __init__(self, scenario="success", time_scale=1.0, rate_limits=False, retry_after=True,
                 fault_rate=0.0, seed=None, org_id=1, extra_repos=0, token=None,
                 host="127.0.0.1", port=0, verbose=False, run_links=True, logs_endpoint=True):
        if not (time_scale > 0 and math.isfinite(time_scale)):
            raise ValueError("time_scale must be a positive number, not %r" % (time_scale,))
        if extra_repos < 0:
            raise ValueError("extra_repos must not be negative")
        if token is not None and not token.strip():
            raise ValueError("token must not be blank")
        spec = scenario or ""
        if fault_rate:
            # The server-wide random faults become keys of the default spec: one mechanism for both.
            spec += ";fault_rate=%r" % (fault_rate,) + (";seed=%d" % seed if seed is not None else "")
        default = Scenario.parse(spec)  # raises ScenarioError (a ValueError) early
        self._core = _Core(default, _Clock(float(time_scale)), rate_limits, retry_after, org_id,
                           extra_repos, token, run_links, logs_endpoint)
        self._address = (host, port)
        self._verbose = verbose
        self._server = None
        self._thread = None

    def start(self):
        if self._server is not None:
            raise RuntimeError("the simulator is already running")
        server = _Server(self._address, self._core, self._verbose)
        host, port = server.server_address[:2]
        self._core.base_url = "http://%s:%d" % (host, port)
        self._core.stopping.clear()
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="codegen-simulator", daemon=True)
        self._server = server
        self._thread.start()
        return self

    def stop(self):
        server, self._server = self._server, None
        if server is None:
            return
        self._core.stopping.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        self._thread.join(5)

    def __enter__(self):
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def base_url(self):
        """http://HOST:PORT, without a trailing slash; empty until started."""
        return self._core.base_url

    def runs(self, spec=None):
        """Every run as /_sim/runs lists it, oldest first; only those created under `spec` if given."""
        return self._core.runs(spec)

    def stats(self):
        return self._core.stats()

    def reset(self):
        self._core.reset()

    @property
    def clock(self):
        """Simulated seconds since start (the unit of every *_sim field)."""
        return self._core.clock.now()


# ---------------------------------------------------------------------------------------------
# Command line.


def _arguments(argv):
    import argparse
    parser = argparse.ArgumentParser(
        prog="codegen_simulator.py",
        description="A simulated Codegen API on loopback. Prints its base URL as the first line of "
                    "stdout, then serves until SIGTERM/SIGINT (or stdin EOF with --exit-on-stdin-close).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (default)")
    parser.add_argument("--scenario", default="success", help="spec for requests without /s/<spec>")
    parser.add_argument("--time-scale", type=float, default=1.0, help="simulated seconds per real second")
    parser.add_argument("--rate-limits", action="store_true", help="enforce the documented rate limits")
    parser.add_argument("--no-retry-after", action="store_true", help="never send Retry-After")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="random fault probability, 0..1")
    parser.add_argument("--seed", type=int, default=None, help="seed for --fault-rate")
    parser.add_argument("--org-id", type=int, default=1)
    parser.add_argument("--no-run-links", action="store_true",
                        help="runs carry no web_url (mock mode: the server is gone when the task ends)")
    parser.add_argument("--no-logs-endpoint", action="store_true",
                        help="answer the alpha logs endpoint with 404 Not Found, as if it did not exist")
    parser.add_argument("--repos", type=int, default=0, help="extra repositories acme/repo-001...")
    parser.add_argument("--token", default=None,
                        help="accept only this token (default: $%s, else any non-empty token)" % TOKEN_VARIABLE)
    parser.add_argument("--exit-on-stdin-close", action="store_true",
                        help="exit when stdin reaches EOF, so that a dead parent never leaves it running")
    parser.add_argument("--folder", default=None,
                        help="talk through this folder instead of stdin/stdout: detach, write url and pid there, "
                             "take the token from secrets.json, stop when a stop file appears or the folder goes")
    parser.add_argument("--foreground", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="one line per request on stderr")
    return parser.parse_args(argv)


def _watch_stdin(stop):
    """Sets `stop` at EOF on stdin. Anything written to stdin is read and ignored."""
    def watch():
        try:
            descriptor = sys.stdin.fileno()
            while os.read(descriptor, 4096):
                pass
        except (AttributeError, OSError, ValueError):
            pass  # no usable stdin counts as closed
        stop.set()
    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


# The files of the folder form (--folder), as the bridge's folder names them.
FOLDER_URL, FOLDER_PID, FOLDER_STOP, FOLDER_SECRETS, FOLDER_LOG = "url", "pid", "stop", "secrets.json", "bridge.log"
FOLDER_EXITED = "exited"


def _write_atomically(path, text):
    with open(path + ".tmp", "w") as out:
        out.write(text)
    os.replace(path + ".tmp", path)


def _take_token(folder):
    """The accepted token from secrets.json, and the file gone at once (it is owner-only while it lives)."""
    path = os.path.join(folder, FOLDER_SECRETS)
    try:
        with open(path) as source:
            text = source.read()
    except OSError:
        return None
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
    try:
        token = json.loads(text).get("token")
    except (ValueError, AttributeError):
        return None
    return token if isinstance(token, str) and token else None


def _detach(folder, argv):
    """Runs the simulator detached from the launching call (new session; DETACHED_PROCESS on Windows),
    writes its pid and returns in the launching process; returns None in the detached one."""
    if os.name == "nt":
        import subprocess
        detached = 0x00000008 | 0x00000200  # DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
        with open(os.path.join(folder, FOLDER_LOG), "ab") as log:
            child = subprocess.Popen([sys.executable, "-B", os.path.abspath(__file__)] + list(argv) + ["--foreground"],
                                     cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                     creationflags=detached, close_fds=True)
        _write_atomically(os.path.join(folder, FOLDER_PID), str(child.pid))
        return 0
    pid = os.fork()
    if pid:
        _write_atomically(os.path.join(folder, FOLDER_PID), str(pid))
        return 0
    os.setsid()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    return None


def _in_folder(args, argv):
    """The folder form: for launchers that give a process no stdin and hand back no stdout. A bad
    option fails here, with exit code 2, before the detach; the server starts after it."""
    folder = os.path.abspath(args.folder)
    log = os.open(os.path.join(folder, FOLDER_LOG), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)  # before the detach: the launching call's output pipe must not stay open in the server
    os.dup2(log, 2)
    if not args.foreground:
        token = _take_token(folder)
        if token is not None:
            os.environ[TOKEN_VARIABLE] = token  # for the detached server: never on its command line
    try:
        simulator = _simulator(args)
    except (ValueError, OSError) as error:
        sys.stderr.write("codegen_simulator: %s\n" % error)
        return 2
    if not args.foreground and _detach(folder, argv) is not None:
        return 0
    try:
        simulator.start()
        _write_atomically(os.path.join(folder, FOLDER_URL), simulator.base_url + "\n")
        stop = os.path.join(folder, FOLDER_STOP)
        while os.path.isdir(folder) and not os.path.exists(stop):
            time.sleep(0.1)
        simulator.stop()
        try:
            open(os.path.join(folder, FOLDER_EXITED), "w").close()
        except OSError:
            pass  # the folder is gone: nobody waits for this
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _simulator(args):
    """The simulator the options describe, not started yet."""
    return Simulator(scenario=args.scenario, time_scale=args.time_scale,
                     rate_limits=args.rate_limits, retry_after=not args.no_retry_after,
                     fault_rate=args.fault_rate, seed=args.seed, org_id=args.org_id,
                     extra_repos=args.repos, token=args.token or os.environ.get(TOKEN_VARIABLE) or None,
                     host=args.host, port=args.port, run_links=not args.no_run_links, verbose=args.verbose,
                     logs_endpoint=not args.no_logs_endpoint)


def main(argv=None):
    import signal
    argv = sys.argv[1:] if argv is None else argv
    args = _arguments(argv)
    if args.folder:
        return _in_folder(args, argv)
    try:
        simulator = _simulator(args).start()
    except (ValueError, OSError) as error:
        sys.stderr.write("codegen_simulator: %s\n" % error)
        return 2
    stop = threading.Event()
    signalled = []

    def on_signal(signum, frame):
        signalled.append(signum)  # no locks in a signal handler: the loop below polls this

    # Before the URL goes out: a caller may signal as soon as it has read it.
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    sys.stdout.write(simulator.base_url + "\n")
    sys.stdout.flush()
    if args.exit_on_stdin_close:
        _watch_stdin(stop)
    while not signalled and not stop.wait(0.1):
        pass
    simulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
