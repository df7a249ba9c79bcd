# Part of codegen_bridge (modules.txt): the request, read and checked.
# --------------------------------------------------------------------------------------------
# Request
# --------------------------------------------------------------------------------------------

class Request:
    """The validated request. Anything wrong is a validation error naming the field."""

    def __init__(self, raw, env):
        if not isinstance(raw, dict):
            raise _invalid("request", "is not a JSON object")
        self.raw = raw
        protocol = raw.get("protocol", PROTOCOL)
        if protocol != PROTOCOL:
            raise _invalid("protocol", "is %r; this bridge speaks protocol %d" % (protocol, PROTOCOL),
                           "use the bridge script that came with the plugin")
        self.command = raw.get("command")
        if self.command not in ("run", "status", "health"):
            raise _invalid("command", "is %r" % (self.command,), "use run, status or health")
        self.api_url = _required_str(raw, "api_url").rstrip("/")
        if not (self.api_url.startswith("https://") or self.api_url.startswith("http://")):
            raise _invalid("api_url", "is not an http(s) URL", "set the API URL to https://api.codegen.com")
        self.org_id = _positive_int(raw, "org_id", required=True)
        backend = raw.get("backend") or env.get("CODEGEN_BACKEND") or "rest"
        self.backend = str(backend).strip().lower()
        if self.backend not in ("rest", "sdk", "auto"):
            raise _invalid("backend", "is %r" % (backend,), "use rest, sdk or auto")
        self.deadline = _positive_number(raw, "deadline", 1800.0)
        self.request_timeout = min(_positive_number(raw, "request_timeout", 30.0), self.deadline)
        self.time_scale = _positive_number(raw, "time_scale", 1.0)
        self.debug = bool(raw.get("debug", False))
        poll = raw.get("poll") or {}
        if not isinstance(poll, dict):
            raise _invalid("poll", "is not an object")
        self.poll_interval = _positive_number(poll, "interval", 5.0, "poll.interval")
        self.poll_max_interval = max(self.poll_interval, _positive_number(poll, "max_interval", 120.0,
                                                                          "poll.max_interval"))
        self.poll_growth = _non_negative_number(poll, "growth", 0.1, "poll.growth")
        self.poll_min_interval = _non_negative_number(poll, "min_interval", 0.0, "poll.min_interval")
        self.lookup_grace = _non_negative_number(raw, "lookup_grace", self.request_timeout)
        self.lookup_window = None if raw.get("lookup_window") is None else _non_negative_number(raw, "lookup_window", 0)
        self.run_id = None
        if self.command == "status":
            self.run_id = _positive_int(raw, "run_id", required=True)
        if self.command == "run":
            self.prompt = raw.get("prompt")
            if not isinstance(self.prompt, str) or not self.prompt.strip():
                raise _invalid("prompt", "is empty", "give the task a title and description")
            self.metadata = raw.get("metadata") or {}
            if not isinstance(self.metadata, dict):
                raise _invalid("metadata", "is not an object")
            self.client_request_id = raw.get("client_request_id")
            if self.client_request_id is not None and not isinstance(self.client_request_id, str):
                raise _invalid("client_request_id", "is not a string")
            self.repository = raw.get("repository") or None
            if self.repository is not None and not isinstance(self.repository, str):
                raise _invalid("repository", "is not a string", "use owner/name")
            self.repo_id = _positive_int(raw, "repo_id", required=False)
            self.resume_run_id = _positive_int(raw, "resume_run_id", required=False)
            self.lookup_before_create = bool(raw.get("lookup_before_create", False))
            self.wait = _boolean(raw, "wait", True)
            self.follow_up_run_id = _positive_int(raw, "follow_up_run_id", required=False)
            if self.follow_up_run_id is not None and (self.resume_run_id is not None or self.lookup_before_create):
                # A follow-up cannot be tagged, so there is nothing to look up, and an attach is a plain run.
                raise _invalid("follow_up_run_id", "cannot be combined with resume_run_id or lookup_before_create",
                               "attach to the followed-up run with resume_run_id alone")
        self.live_log = _boolean(raw, "live_log", True)
        self.log_skip = raw.get("log_skip", 0)
        if isinstance(self.log_skip, bool) or not isinstance(self.log_skip, int) or self.log_skip < 0:
            raise _invalid("log_skip", "is %r, not a whole number of at least 0" % (self.log_skip,))


def _invalid(field, problem, remedy=None):
    message = "%s %s" % (field, problem)
    if remedy:
        message += "; " + remedy
    return BridgeError("validation", message, retryable=False)


def _boolean(raw, name, default):
    value = raw.get(name, default)
    if not isinstance(value, bool):
        raise _invalid(name, "is not true or false")
    return value


def _required_str(raw, name):
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _invalid(name, "is missing")
    return value.strip()


def _positive_int(raw, name, required):
    value = raw.get(name)
    if value is None:
        if required:
            raise _invalid(name, "is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _invalid(name, "is %r, not a positive whole number" % (value,))
    return value


def _positive_number(raw, name, default, label=None):
    value = _number(raw, name, default, label)
    if value <= 0:
        raise _invalid(label or name, "must be greater than zero")
    return value


def _non_negative_number(raw, name, default, label=None):
    value = _number(raw, name, default, label)
    if value < 0:
        raise _invalid(label or name, "must not be negative")
    return value


def _number(raw, name, default, label):
    value = raw.get(name, default)
    if value is None:
        return float(default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _invalid(label or name, "is %r, not a number" % (value,))
    return float(value)
