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


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

class Events:
    """Writes protocol lines. Every line is masked, so not even a bug can print the token."""

    def __init__(self, sink, clock, secret):
        self.sink = sink
        self.clock = clock
        # A very short "token" would mask ordinary words; such a token is refused anyway.
        self.secret = secret if secret and len(secret) >= 4 else None

    def emit(self, event, **fields):
        fields["event"] = event
        fields["time"] = _utc_timestamp()
        fields["elapsed"] = round(self.clock.now(), 3)
        line = self.sink.dumps(fields)
        if self.secret:
            line = line.replace(self.secret, "****")
        if event in ("result", "error"):
            return self.sink.final(line)
        self.sink.event(line)
        return True


class StreamSink:
    """Every line to one stream (stdout): the stream form of the protocol, in ASCII."""
    dumps = staticmethod(json_dumps)

    def __init__(self, stream):
        self.stream = stream

    def event(self, line):
        self.stream.write(line + "\n")
        self.stream.flush()

    def final(self, line):
        self.event(line)
        return True


class FileSink:
    """Progress to events.jsonl, the final event to result.json (renamed into place, so a reader never
    sees half of it). Exactly one final event: the first of the bridge and an abort wins. Both files are
    UTF-8: a character of an agent's log in Chinese takes 3 bytes there, where a \\u escape takes 6."""
    dumps = staticmethod(json_dumps_text)

    def __init__(self, folder):
        self.folder = folder
        self.events = _open_text(os.path.join(folder, EVENTS), "a")
        self.lock = _thread.allocate_lock()
        self.finished = False

    def event(self, line):
        with self.lock:
            if not self.finished:
                self.events.write(line + "\n")
                self.events.flush()

    def final(self, line):
        with self.lock:
            if self.finished:
                return False
            self.finished = True
            self.events.close()
            _write_atomically(os.path.join(self.folder, RESULT), line + "\n")
            return True


def _write_atomically(path, text):
    """A reader sees the whole file or none: the rename is atomic. (No fsync: it would cost a task
    milliseconds, and a machine that loses power loses the bridge with its files anyway.)"""
    temporary = path + ".tmp"
    with _open_text(temporary, "w") as out:
        out.write(text)
    os.replace(temporary, path)


def _open_text(path, mode):
    """UTF-8 whatever the locale says; a lone surrogate (which a JSON answer can hold) is written as
    the JSON escape it came as, so a line is always valid UTF-8 and valid JSON."""
    return open(path, mode, encoding="utf-8", errors="backslashreplace")


def _epoch_seconds(stamp):
    """Seconds since the epoch of an ISO 8601 time as the API writes it ('2025-05-01T12:00:00.123456+00:00',
    '...Z', or without a zone, which is UTC); None when it is not one."""
    if not isinstance(stamp, str) or len(stamp) < 19:
        return None
    try:
        from datetime import datetime, timedelta, timezone
        when = datetime(int(stamp[0:4]), int(stamp[5:7]), int(stamp[8:10]), int(stamp[11:13]), int(stamp[14:16]),
                        int(stamp[17:19]), tzinfo=timezone.utc)
        zone = stamp[19:].lstrip("0123456789.")
        if zone[:1] in ("+", "-") and len(zone) >= 6:
            offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
            when -= offset if zone[0] == "+" else -offset
        return when.timestamp()
    except ValueError:
        return None


def _utc_timestamp():
    now = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + (".%03dZ" % int((now % 1) * 1000))


class Clock:
    """Simulated seconds since start. time_scale > 1 only against the simulator, for benchmarks."""

    def __init__(self, time_scale):
        self.scale = float(time_scale)
        self.start = time.monotonic()

    def now(self):
        return (time.monotonic() - self.start) * self.scale

    def sleep(self, seconds):
        if seconds > 0:
            time.sleep(seconds / self.scale)

    def real(self, seconds):
        return seconds / self.scale


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


# --------------------------------------------------------------------------------------------
# HTTP over sockets: small, fast to import, and precise about what reached the server
# --------------------------------------------------------------------------------------------

class Endpoint:
    """Scheme, host, port and base path of a URL, and how to reach it (directly or by proxy)."""

    def __init__(self, url, env):
        scheme, rest = url.split("://", 1)
        self.scheme = scheme.lower()
        hostport, _, path = rest.partition("/")
        self.base_path = ("/" + path).rstrip("/")
        if "@" in hostport:
            raise _invalid("api_url", "contains user information", "put the token in the credential instead")
        self.host, self.port = _split_host_port(hostport, 443 if self.scheme == "https" else 80)
        self.proxy = _proxy_for(self.scheme, self.host, env)

    def origin(self):
        default = 443 if self.scheme == "https" else 80
        host = "[%s]" % self.host if ":" in self.host else self.host
        return host if self.port == default else "%s:%d" % (host, self.port)


def _split_host_port(hostport, default_port):
    if hostport.startswith("["):
        host, _, rest = hostport[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif hostport.count(":") == 1:
        host, port = hostport.split(":")
    else:
        host, port = hostport, ""
    if not host:
        raise _invalid("api_url", "has no host")
    try:
        return host, int(port) if port else default_port
    except ValueError:
        raise _invalid("api_url", "has an invalid port %r" % (port,))


def _proxy_for(scheme, host, env):
    """The proxy URL for this scheme and host, honouring NO_PROXY the way curl and urllib do."""
    names = ("HTTPS_PROXY", "https_proxy") if scheme == "https" else ("HTTP_PROXY", "http_proxy")
    proxy = next((env[n] for n in names if env.get(n)), None)
    if not proxy or _is_loopback(host):
        return None
    no_proxy = env.get("NO_PROXY") or env.get("no_proxy") or ""
    host = host.lower()
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        entry = entry.split(":")[0] if entry.count(":") == 1 else entry
        if entry == "*":
            return None
        if entry and (host == entry.lstrip(".") or host.endswith("." + entry.lstrip("."))):
            return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    return proxy


def _is_loopback(host):
    """Loopback never goes through a proxy (mock mode talks to a simulator on this machine)."""
    host = host.lower()
    return host == "localhost" or host.startswith("127.") or host == "::1"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


class Transport:
    """One request per connection (polls are seconds apart); no dependency beyond socket and ssl."""

    def __init__(self, endpoint, clock, timeout):
        self.endpoint = endpoint
        self.clock = clock
        self.timeout = timeout
        self.tls = None

    def send(self, method, path, headers, body):
        """Returns a Response, or raises SentState saying whether the request left the machine."""
        deadline = time.monotonic() + self.clock.real(self.timeout)
        sock = None
        sent = False
        try:
            sock = self._connect(deadline)
            target = self.endpoint.base_path + path
            head = ["Host: " + self.endpoint.origin(), "Connection: close", "Content-Length: %d" % len(body)]
            if self.endpoint.proxy and self.endpoint.scheme == "http":
                target = "http://%s%s" % (self.endpoint.origin(), target)
                auth = self.endpoint.proxy.split("://", 1)[1].split("/")[0].rpartition("@")[0]
                if auth:  # a plain-http proxy sees every request: each carries its credentials
                    head.append(_proxy_authorization(auth))
            head.insert(0, "%s %s HTTP/1.1" % (method, target))
            head.extend("%s: %s" % item for item in headers.items())
            data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.sendall(data)
            sent = True
            return _read_response(sock, deadline, method)
        except SentState:
            raise
        except _socket.timeout:
            if sent:
                raise SentState("timeout", "no answer within %s" % _seconds(self.timeout), True)
            raise SentState("connection", "could not connect within %s" % _seconds(self.timeout), False)
        except _socket.gaierror as e:
            raise SentState("connection", "cannot resolve host %s (%s)" % (self._target_host(), e.strerror), False)
        except ConnectionRefusedError:
            raise SentState("connection", "connection refused by %s" % self._target_name(), False)
        except OSError as e:
            name = type(e).__name__
            if sent:
                raise SentState("connection", "the connection was closed before an answer came (%s)" % name, True)
            raise SentState("connection", "cannot connect to %s (%s: %s)" % (self._target_name(), name,
                                                                             e.strerror or e), False)
        finally:
            if sock is not None:
                try:
                    sock.close()
                except OSError:
                    pass

    def _target_host(self):
        return self.endpoint.proxy.split("://", 1)[1].split("@")[-1] if self.endpoint.proxy else self.endpoint.host

    def _target_name(self):
        return ("proxy " + self._target_host()) if self.endpoint.proxy else self.endpoint.origin()

    def _connect(self, deadline):
        ep = self.endpoint
        if ep.proxy:
            proxy_scheme, proxy_rest = ep.proxy.split("://", 1)
            auth, _, hostport = proxy_rest.split("/")[0].rpartition("@")
            host, port = _split_host_port(hostport, 443 if proxy_scheme == "https" else 80)
        else:
            auth, host, port = "", ep.host, ep.port
        sock = _open_connection(host, port, deadline)
        try:
            if ep.proxy and ep.scheme == "https":
                _tunnel(sock, ep, auth, deadline)
            if ep.scheme == "https":
                import socket
                import ssl
                if self.tls is None:
                    self.tls = ssl.create_default_context()  # loading the CA store once per process is enough
                sock = self.tls.wrap_socket(socket.socket(fileno=sock.detach()), server_hostname=ep.host)
            return sock
        except BaseException:
            sock.close()
            raise


def _open_connection(host, port, deadline):
    """socket.create_connection on the C module: the first address that accepts, or the last error."""
    error = None
    try:
        name = host.encode("ascii")  # a str host makes getaddrinfo import the IDNA codec, and with it `re`
    except UnicodeEncodeError:
        name = host
    for family, kind, proto, _, address in _socket.getaddrinfo(name, port, 0, _socket.SOCK_STREAM):
        sock = _socket.socket(family, kind, proto)
        try:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.connect(address)
            sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
            return sock
        except OSError as e:
            sock.close()
            error = e
    raise error or OSError("no address for %s" % host)


def _tunnel(sock, endpoint, auth, deadline):
    """HTTP CONNECT through a proxy; the TLS session then runs end to end with the API."""
    lines = ["CONNECT %s:%d HTTP/1.1" % (endpoint.host, endpoint.port), "Host: %s:%d" % (endpoint.host, endpoint.port)]
    if auth:
        lines.append(_proxy_authorization(auth))
    sock.settimeout(max(0.001, deadline - time.monotonic()))
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = sock.recv(4096)
        if not chunk:
            break
        reply += chunk
    status_line = reply.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or parts[1] != "200":
        # 407: the proxy wants (other) credentials; no retry will bring them.
        raise SentState("proxy" if parts[1:2] == ["407"] else "connection",
                        "the proxy refused the tunnel: %s" % status_line[:100], False)


def _proxy_authorization(auth):
    """The header line for the `user:password` (URL-encoded) of a proxy URL."""
    import base64
    from urllib.parse import unquote
    user, _, password = auth.partition(":")
    credentials = ("%s:%s" % (unquote(user), unquote(password))).encode("utf-8")
    return "Proxy-Authorization: Basic " + base64.b64encode(credentials).decode("ascii")


def _read_response(sock, deadline, method):
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = _recv(sock, deadline)
        if not chunk:
            raise SentState("connection", "the connection was closed before an answer came", True)
        buffer += chunk
        if len(buffer) > 65536:
            raise SentState("server", "the answer's headers are too long", True)
    head, _, body = buffer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise SentState("server", "the answer is not HTTP: %r" % lines[0][:60], True)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    status = int(parts[1])
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return Response(status, headers, b"")
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _read_chunked(sock, body, deadline)
    elif "content-length" in headers:
        try:
            length = int(headers["content-length"])
        except ValueError:
            raise SentState("server", "the answer has an invalid Content-Length", True)
        while len(body) < length:
            chunk = _recv(sock, deadline)
            if not chunk:
                raise SentState("connection", "the connection closed in the middle of the answer", True)
            body += chunk
        body = body[:length]
    else:
        while True:
            chunk = _recv(sock, deadline)
            if not chunk:
                break
            body += chunk
    return Response(status, headers, body)


def _read_chunked(sock, data, deadline):
    body = b""
    while True:
        while b"\r\n" not in data:
            chunk = _recv(sock, deadline)
            if not chunk:
                raise SentState("connection", "the connection closed in the middle of the answer", True)
            data += chunk
        size_line, _, data = data.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
        except ValueError:
            raise SentState("server", "the answer's chunked encoding is broken", True)
        if size == 0:
            return body
        while len(data) < size + 2:
            chunk = _recv(sock, deadline)
            if not chunk:
                raise SentState("connection", "the connection closed in the middle of the answer", True)
            data += chunk
        body += data[:size]
        data = data[size + 2:]


def _recv(sock, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _socket.timeout("timed out")
    sock.settimeout(remaining)
    return sock.recv(65536)


def _seconds(value):
    return "%g s" % round(value, 1)


# --------------------------------------------------------------------------------------------
# The Codegen API
# --------------------------------------------------------------------------------------------

class Api:
    """The documented REST API: builds requests, parses answers, turns failures into BridgeErrors."""

    def __init__(self, request, token, env, events, clock):
        self.request = request
        self.token = token
        self.events = events
        self.clock = clock
        self.transport = Transport(Endpoint(request.api_url, env), clock, request.request_timeout)
        self.counts = {}
        self.rate_limited = 0
        self.checkpoint = None  # called before every request: the folder form's stop file aborts there

    def call(self, method, path, phase, payload=None):
        """The decoded JSON answer of a 2xx; a BridgeError for anything else."""
        if self.checkpoint is not None:
            self.checkpoint()
        body = b"" if payload is None else json_dumps(payload).encode("ascii")
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json",
                   "User-Agent": USER_AGENT}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        self.counts[phase] = self.counts.get(phase, 0) + 1
        started = time.monotonic()
        try:
            response = self.transport.send(method, path, headers, body)
        except SentState as failure:
            self._debug(method, path, "failed: " + failure.message, started, body, None)
            outcome = (UNKNOWN if failure.sent else NOT_CREATED) if phase in STARTING_PHASES else NOT_APPLICABLE
            raise BridgeError(failure.type, "%s %s: %s" % (method, _path_only(path), failure.message),
                              phase=phase, create_outcome=outcome)
        self._debug(method, path, str(response.status), started, body, response.body)
        if 200 <= response.status < 300:
            return self._decode(response, method, path, phase)
        raise self._http_error(response, method, path, phase)

    def _decode(self, response, method, path, phase):
        try:
            if not response.body.strip():
                raise ValueError("empty body")
            return json_loads(response.body.decode("utf-8"))
        except ValueError as e:
            problem = "an empty answer" if "empty body" in str(e) else "malformed JSON"
            # A 2xx to a create means the server took it: whether a run exists is now unknown.
            raise BridgeError("server", "%s %s: the Codegen API sent %s (HTTP %d)"
                              % (method, _path_only(path), problem, response.status),
                              http_status=response.status, phase=phase,
                              create_outcome=UNKNOWN if phase in STARTING_PHASES else NOT_APPLICABLE)

    def _http_error(self, response, method, path, phase):
        status = response.status
        error_type = classify_status(status)
        detail = _error_detail(response.body)
        retry_after = _retry_after(response.headers.get("retry-after"))
        message = "%s %s: HTTP %d%s" % (method, _path_only(path), status, (" - " + detail) if detail else "")
        if phase in STARTING_PHASES:
            # A refusal (4xx) means no run was made; a 5xx may come after the run was stored.
            outcome = UNKNOWN if status >= 500 else NOT_CREATED
        else:
            outcome = NOT_APPLICABLE
        return BridgeError(error_type, message, http_status=status, retry_after=retry_after, phase=phase,
                           create_outcome=outcome, guidance=_guidance_for(status, phase, self.request))

    def _debug(self, method, path, outcome, started, request_body, response_body):
        if not self.request.debug:
            return
        millis = int((time.monotonic() - started) * 1000)
        message = "%s %s -> %s in %d ms" % (method, _path_only(path), outcome, millis)
        if request_body:
            message += "; request: " + _excerpt(request_body)
        if response_body:
            message += "; response: " + _excerpt(response_body)
        self.events.emit("debug", message=message)

    # The calls used by the commands
    def me(self):
        return self.call("GET", "/v1/users/me", "health")

    def organizations(self):
        return self.call("GET", "/v1/organizations?skip=0&limit=100", "health")

    def repositories(self, skip):
        return self.call("GET", "/v1/organizations/%d/repos?skip=%d&limit=100" % (self.request.org_id, skip), "repos")

    def create_run(self, payload):
        return self.call("POST", "/v1/organizations/%d/agent/run" % self.request.org_id, "create", payload)

    def get_run(self, run_id, phase="poll"):
        return self.call("GET", "/v1/organizations/%d/agent/run/%d" % (self.request.org_id, run_id), phase)

    def run_logs(self, run_id, skip, limit):
        return self.call("GET", "/v1/alpha/organizations/%d/agent/run/%d/logs?skip=%d&limit=%d"
                         % (self.request.org_id, run_id, skip, limit), "logs")

    def resume_run(self, run_id, prompt):
        return self.call("POST", "/v1/organizations/%d/agent/run/resume" % self.request.org_id, "resume",
                         {"agent_run_id": run_id, "prompt": prompt})

    def list_runs(self, skip):
        return self.call("GET", "/v1/organizations/%d/agent/runs?source_type=API&skip=%d&limit=100"
                         % (self.request.org_id, skip), "lookup")


def classify_status(status):
    if status == 401:
        return "authentication"
    if status == 402:
        return "quota"
    if status == 403:
        return "permission"
    if status == 404:
        return "not_found"
    if status == 407:
        return "proxy"
    if status in (408, 504):
        return "timeout"
    if status in (400, 409, 422):
        return "validation"
    if status == 429:
        return "rate_limit"
    if status >= 500:
        return "server"
    return "unknown"


def _guidance_for(status, phase, request):
    if status == 401:
        return ("The Codegen API rejected the token. Check that the task's token (the Jenkins credential, or "
                "CODEGEN_TOKEN on the command line) is a current one from %s and has not been revoked."
                % TOKEN_PAGE_URL)
    if status == 403:
        return ("The token's user is not a member of organization %d, or may not do this there. Check the "
                "organization id (%s shows it)." % (request.org_id, TOKEN_PAGE_URL))
    if status == 404 and phase == "create":
        return "Organization %d has no repositories set up. Add one at %s." % (request.org_id, REPOS_PAGE_URL)
    if status == 404:
        return "The agent run does not exist in organization %d. Check the run id and organization id." % request.org_id
    if status == 402:
        return "The plan's allowance of agent runs is used up. Upgrade the plan or wait until it renews."
    return None


def _error_detail(body):
    """The human part of any of the API's error shapes; plain text for proxies' HTML pages."""
    try:
        data = json_loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        text = body.decode("utf-8", "replace").strip()
        if text.startswith("<"):
            return "the answer was an HTML page (a proxy or gateway error)"
        return text[:200]
    if isinstance(data, dict):
        detail = data.get("message") or data.get("detail")
        if isinstance(detail, list):
            parts = []
            for item in detail[:5]:
                if isinstance(item, dict):
                    where = ".".join(str(p) for p in item.get("loc", []) if p != "body")
                    parts.append(("%s: %s" % (where, item.get("msg"))) if where else str(item.get("msg")))
                else:
                    parts.append(str(item))
            return "; ".join(parts)
        if detail is not None:
            return str(detail)[:300]
    return str(data)[:200]


def _retry_after(value):
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None when absent."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


def _path_only(path):
    return path.split("?", 1)[0]


def _excerpt(body, limit=300):
    text = body.decode("utf-8", "replace")
    return text if len(text) <= limit else text[:limit] + "... (%d bytes)" % len(body)


# --------------------------------------------------------------------------------------------
# Run objects
# --------------------------------------------------------------------------------------------

def run_summary(run):
    """The fields of an agent run that callers use, with its pull requests normalised."""
    prs = []
    for pr in run.get("github_pull_requests") or []:
        if not isinstance(pr, dict):
            continue
        url = pr.get("url")
        prs.append({"id": pr.get("id"), "url": url, "number": _pr_number(url), "title": pr.get("title"),
                    "branch": pr.get("head_branch_name"), "created_at": pr.get("created_at")})
    return {"id": run.get("id"), "status": run.get("status"), "web_url": run.get("web_url"),
            "created_at": run.get("created_at"), "result": run.get("result"), "summary": run.get("summary"),
            "pull_requests": prs}


def _pr_number(url):
    if not isinstance(url, str):
        return None
    last = url.rstrip("/").rsplit("/", 1)[-1]
    return int(last) if last.isdigit() else None


def status_kind(status):
    value = (status or "").strip().upper()
    if value in SUCCESS_STATUSES:
        return "success"
    if value in FAILURE_STATUSES:
        return "failure"
    return "running"


# --------------------------------------------------------------------------------------------
# Backends: who creates the run (reads always go through REST, which has the pull requests)
# --------------------------------------------------------------------------------------------

class RestCreator:
    name = "rest"
    can_tag = True

    def __init__(self, api):
        self.api = api

    def create(self, request, repo_id):
        payload = {"prompt": request.prompt, "metadata": dict(request.metadata)}
        if request.client_request_id:
            payload["metadata"]["client_request_id"] = request.client_request_id
        if repo_id is not None:
            payload["repo_id"] = repo_id
        return self.api.create_run(payload)


class SdkCreator:
    """The official SDK: Agent(token, org_id, base_url).run(prompt). It takes only a prompt."""
    name = "sdk"
    can_tag = False

    def __init__(self, agent_class, token, request):
        self.agent = agent_class(token=token, org_id=request.org_id, base_url=request.api_url)

    def create(self, request, repo_id):
        try:
            task = self.agent.run(request.prompt)
        except Exception as e:  # the SDK's own exception types are duck-typed: we do not import them
            raise sdk_failure(e)
        return {"id": getattr(task, "id", None), "status": getattr(task, "status", None),
                "web_url": getattr(task, "web_url", None), "result": getattr(task, "result", None)}


def load_sdk_agent(env=None):
    """codegen.Agent, or a BridgeError('import') that says how to get it or avoid it."""
    _widen_path_for_sdk(os.environ if env is None else env)
    try:
        try:
            from codegen import Agent
        except ImportError as first:
            if getattr(first, "name", None) == "codegen":
                raise
            from codegen.agents.agent import Agent  # older releases
        return Agent
    except ImportError as e:
        missing = getattr(e, "name", None)
        if missing == "codegen":
            problem = "the official Codegen SDK is not installed for %s" % sys.executable
        else:
            problem = "the official Codegen SDK is installed but broken (%s: %s)" % (type(e).__name__, e)
        raise BridgeError("import", problem, retryable=False,
                          guidance="Install it on the build agent with '%s -m pip install codegen', or set the "
                                   "backend to 'rest' (the default), which needs no package." % sys.executable)
    except Exception as e:  # an SDK that fails while importing is as unusable as a missing one
        raise BridgeError("import", "importing the official Codegen SDK failed (%s: %s)" % (type(e).__name__, e),
                          retryable=False,
                          guidance="Repair the SDK installation ('%s -m pip install --upgrade codegen') or set "
                                   "the backend to 'rest'." % sys.executable)


def _widen_path_for_sdk(env):
    """The bridge runs isolated (python -I): PYTHONPATH and the user's site-packages are not on sys.path,
    so that nothing there runs in the bridge or replaces a module of its own. The SDK may be installed
    there (PYTHONPATH=..., pip install --user codegen), so for its import they are added, after the
    standard library (whose modules they cannot replace) and before the interpreter's site-packages,
    in the order Python itself would give them."""
    if not sys.flags.isolated:
        return
    import site
    extra = [entry for entry in (env.get("PYTHONPATH") or "").split(os.pathsep) if entry]
    user = None
    # As Python decides it: not when asked not to, nor in a process running as another user (setuid).
    if not env.get("PYTHONNOUSERSITE") and not (hasattr(os, "geteuid") and (os.geteuid() != os.getuid()
                                                                             or os.getegid() != os.getgid())):
        user = site.getusersitepackages()
        if os.path.isdir(user):
            extra.append(user)
    extra = [entry for entry in extra if entry not in sys.path]
    if not extra:
        return
    system = set(site.getsitepackages()) if hasattr(site, "getsitepackages") else set()
    position = next((i for i, entry in enumerate(sys.path) if entry in system), len(sys.path))
    sys.path[position:position] = extra
    if user in extra:
        site.addsitedir(user)  # its .pth files (editable installs), as a normal start reads them


def sdk_failure(error):
    """Classifies an SDK exception: ApiException has .status and .headers; transport errors are urllib3's."""
    status = getattr(error, "status", None)
    if isinstance(status, int) and status > 0:
        headers = getattr(error, "headers", None) or {}
        retry_after = None
        try:
            retry_after = _retry_after(headers.get("Retry-After") or headers.get("retry-after"))
        except AttributeError:
            pass
        detail = _error_detail(_as_bytes(getattr(error, "body", b"")))
        outcome = UNKNOWN if status >= 500 else NOT_CREATED
        return _sdk_unknown_outcome(BridgeError(
            classify_status(status), "SDK Agent.run(): HTTP %d%s" % (status, (" - " + detail) if detail else ""),
            http_status=status, retry_after=retry_after, phase="create", create_outcome=outcome))
    name = type(error).__name__
    text = "%s: %s" % (name, error)
    if name in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError", "ConnectionRefusedError"):
        return BridgeError("connection", "SDK Agent.run() could not connect (%s)" % text, phase="create",
                           create_outcome=NOT_CREATED)
    if name == "MaxRetryError":
        reason = getattr(error, "reason", None)
        if reason is not None and type(reason).__name__ in ("NewConnectionError", "NameResolutionError",
                                                              "ConnectTimeoutError"):
            return BridgeError("connection", "SDK Agent.run() could not connect (%s)" % text, phase="create",
                               create_outcome=NOT_CREATED)
    kind = "timeout" if "Timeout" in name or "timed out" in str(error) else "connection"
    return _sdk_unknown_outcome(BridgeError(kind, "SDK Agent.run() failed after sending (%s)" % text,
                                            phase="create", create_outcome=UNKNOWN))


def _sdk_unknown_outcome(error):
    """The SDK cannot tag a run, so a create that may have succeeded must not be sent again."""
    if error.create_outcome == UNKNOWN:
        error.retryable = False
        error.guidance = ("The agent run may have been created, and the official SDK cannot tag runs, so it was not "
                          "retried (that could start a second run). Check %s for a new run before running again; "
                          "the 'rest' backend retries such failures safely." % RUNS_PAGE_URL)
    return error


def _as_bytes(value):
    if isinstance(value, bytes):
        return value
    return ("" if value is None else str(value)).encode("utf-8")


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


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------

class Bridge:
    def __init__(self, request, token, env, events, clock):
        self.request = request
        self.token = token
        self.env = env
        self.events = events
        self.clock = clock
        self.api = Api(request, token, env, events, clock)
        self.run_id = None
        self.web_url = None
        # Raised by the server's Retry-After: polls never come faster than the API last asked for.
        self.poll_floor = request.poll_min_interval
        self.live_log = LiveLog(self.api, events, request, token)
        self.read_logs_last = False  # the last read was a logs answer, which carries no pull requests

    def stats(self):
        return {"requests": sum(self.api.counts.values()), "by_phase": dict(self.api.counts),
                "rate_limited": self.api.rate_limited}

    def health(self):
        user = self.api.me()
        page = self.api.organizations()
        orgs = [{"id": o.get("id"), "name": o.get("name")} for o in (page.get("items") or []) if isinstance(o, dict)]
        member = next((o for o in orgs if o["id"] == self.request.org_id), None)
        who = user.get("github_username") or user.get("email") or "the token's user"
        if member is None:
            known = ", ".join("%s (%s)" % (o["name"], o["id"]) for o in orgs) or "none"
            raise BridgeError("permission", "%s is not a member of organization %d; member of: %s"
                              % (who, self.request.org_id, known), phase="health", retryable=False,
                              guidance="Set the organization id to one of those (%s shows it)." % TOKEN_PAGE_URL)
        return {"user": who, "organization": member}

    def status(self):
        return {"run": run_summary(self.api.get_run(self.request.run_id, "status"))}

    def run(self):
        request = self.request
        if request.follow_up_run_id:
            run = self._follow_up(request.follow_up_run_id)
        elif request.resume_run_id:
            self._creator()  # the backend is checked and reported as for any run
            run = self._adopt(request.resume_run_id, "resumed")
        else:
            creator = self._creator()
            repo_id = self._repo_id(creator)
            run = None
            if request.lookup_before_create:
                run = self._find_earlier_run(creator)
            if run is None:
                run = self._create(creator, repo_id)
        if not request.wait and status_kind(run.get("status")) == "running":
            # The caller follows the run by itself (Jenkins' codegenWait, codegen wait): the run exists, which is
            # all this bridge was asked for. A run that already ended is reported as such by _follow below.
            return {"run": run_summary(run), "pull_request": None}
        return self._follow(run)

    def _creator(self):
        backend = self.request.backend
        if backend == "rest":
            return RestCreator(self.api)
        if backend == "auto":
            try:
                agent_class = load_sdk_agent(self.env)
            except BridgeError as e:
                self.events.emit("backend", backend="rest", reason=e.message)
                return RestCreator(self.api)
        else:
            agent_class = load_sdk_agent(self.env)
        self.events.emit("backend", backend="sdk")
        try:
            return SdkCreator(agent_class, self.token, self.request)
        except Exception as e:
            raise BridgeError("import", "the official SDK's Agent could not be set up (%s: %s)"
                              % (type(e).__name__, e), retryable=False)

    def _repo_id(self, creator):
        request = self.request
        if request.repo_id is not None or not request.repository:
            return request.repo_id
        if not creator.can_tag:
            self.events.emit("warning", message="the official SDK's Agent.run() takes only a prompt, so the agent "
                                                "run cannot be pinned to %s; the prompt names it" % request.repository)
            return None
        wanted = _normalise_repository(request.repository)
        names = []
        skip = 0
        while True:
            page = self.api.repositories(skip)
            items = [r for r in (page.get("items") or []) if isinstance(r, dict)]
            for repo in items:
                full_name = str(repo.get("full_name") or "")
                names.append(full_name)
                if full_name.lower() == wanted or ("/" not in wanted and str(repo.get("name", "")).lower() == wanted):
                    self.events.emit("repository", repo_id=repo.get("id"), full_name=full_name)
                    return repo.get("id")
            skip += len(items)
            if not items or skip >= int(page.get("total") or 0):
                break
        listed = ", ".join(names[:20]) + (" (+%d more)" % (len(names) - 20) if len(names) > 20 else "")
        raise BridgeError("validation", "repository %r is not set up in organization %d; it has: %s"
                          % (request.repository, request.org_id, listed or "no repositories"),
                          phase="repos", create_outcome=NOT_CREATED, retryable=False,
                          guidance="Use one of those names (owner/name), or add the repository at %s." % REPOS_PAGE_URL)

    def _find_earlier_run(self, creator):
        """After a create whose outcome was unknown: the run it made, found by its tag, or None."""
        request = self.request
        if not creator.can_tag or not request.client_request_id:
            raise BridgeError("validation", "cannot tell whether the earlier attempt created an agent run: this "
                                            "backend does not tag runs", phase="lookup", retryable=False,
                              create_outcome=UNKNOWN,
                              guidance="Check %s for a new run before running again." % RUNS_PAGE_URL)
        for attempt in range(2 if request.lookup_grace > 0 else 1):
            found = self._search_tag(request.client_request_id)
            if found is not None:
                return self._adopt_run(found, "found")
            if attempt == 0 and request.lookup_grace > 0:
                # The earlier request may still be in the server's hands; give it a moment to land.
                self.clock.sleep(min(request.lookup_grace, self._remaining()))
        self.events.emit("lookup", found=False, client_request_id=request.client_request_id)
        return None

    def _search_tag(self, tag):
        """The run carrying the tag among the organization's runs, newest first. With a lookup_window the
        search pages back until the runs are older than it (the tag may be days old: a fix's); without one,
        the run was made moments ago and is among the newest LOOKUP_PAGES pages."""
        window = self.request.lookup_window
        cutoff = None if window is None else time.time() - window - LOOKUP_CLOCK_SKEW
        skip = 0
        for pages in range(1, MAX_LOOKUP_PAGES + 1):
            page = self._patiently(lambda: self.api.list_runs(skip), None)
            items = [run for run in page.get("items") or [] if isinstance(run, dict)]
            for run in items:
                metadata = run.get("metadata")
                if isinstance(metadata, dict) and metadata.get("client_request_id") == tag:
                    return run
            skip += len(items)
            if not items or skip >= int(page.get("total") or 0):
                return None
            if cutoff is None:
                if pages >= LOOKUP_PAGES:
                    return None
                continue
            oldest = _epoch_seconds(items[-1].get("created_at"))
            if oldest is not None and oldest < cutoff:
                return None
            if oldest is None and pages >= LOOKUP_PAGES_UNDATED:
                return None  # the runs carry no time to bound the search by
        return None

    def _create(self, creator, repo_id):
        try:
            run = creator.create(self.request, repo_id)
        except BridgeError as e:
            if e.create_outcome == UNKNOWN and creator.can_tag:
                e.guidance = e.guidance or ("The create request may have reached Codegen; a retry first looks for "
                                            "the run it made, so no second run is started.")
            raise
        if not isinstance(run, dict) or not isinstance(run.get("id"), int):
            raise BridgeError("server", "the Codegen API accepted the run but sent no run id", phase="create",
                              create_outcome=UNKNOWN, retryable=creator.can_tag)
        return self._adopt_run(run, "created")

    def _adopt(self, run_id, how):
        return self._adopt_run(self._get(run_id), how)

    def _adopt_run(self, run, how):
        self.run_id = run.get("id")
        self.web_url = run.get("web_url")
        # A follow-up's run had entries before it: the count goes with the run, so that a bridge that
        # attaches to it later (a retry, a restart) does not report them as new.
        baseline = {"log_skip": self.live_log.seen} if self.live_log.seen > 0 else {}
        self.events.emit("created", run_id=self.run_id, web_url=self.web_url, status=run.get("status"), how=how,
                         **baseline)
        return run

    def _follow_up(self, run_id):
        """POST resume for the run, once. A follow-up cannot be tagged, so an unknown outcome is settled
        by reading the run, never by sending it again."""
        baseline = self._peek(run_id)
        try:
            run = self.api.resume_run(run_id, self.request.prompt)
        except BridgeError as e:
            if e.create_outcome != UNKNOWN:
                raise  # a refusal: nothing was continued, and a retry may send it again
            return self._settle_follow_up(run_id, baseline, e)
        if not isinstance(run, dict) or _int_or_none(run.get("id")) is None:
            return self._settle_follow_up(run_id, baseline, BridgeError(
                "server", "POST /v1/organizations/%d/agent/run/resume: the Codegen API accepted the follow-up "
                          "but sent no run" % self.request.org_id, phase="resume", create_outcome=UNKNOWN))
        self._skip_baseline(run.get("id") == run_id, baseline)
        return self._adopt_run(run, "followed_up")

    def _settle_follow_up(self, run_id, baseline, error):
        """After a follow-up whose answer was lost: one read, a moment later, decides whether it took."""
        before, before_total = baseline
        self.clock.sleep(min(self.request.lookup_grace, self._remaining()))
        try:
            after, after_total = self._peek(run_id)
        except BridgeError as e:
            if e.type == "aborted":
                raise
            after, after_total = None, None
        if after is not None and _follow_up_took(before.get("status"), before_total, after.get("status"), after_total):
            self.events.emit("warning", message="the answer to the follow-up of agent run %d was lost (%s), but "
                                                "the run works again; following it" % (run_id, error.message))
            self._skip_baseline(True, baseline)
            return self._adopt_run(after, "followed_up")
        link = before.get("web_url") or RUNS_PAGE_URL
        error.message = ("it is not known whether the follow-up to agent run %d was taken (%s): look at %s before "
                         "sending it again" % (run_id, error.message, link))
        error.guidance = ("A follow-up cannot be tagged, so it is never sent twice. Open %s: if the run works on the "
                          "follow-up, nothing is left to do; if not, send the follow-up again." % link)
        error.retryable = False
        error.create_outcome = UNKNOWN
        error.run = {"id": run_id, "web_url": before.get("web_url")}
        raise error

    def _skip_baseline(self, same_run, baseline):
        """A follow-up reports only the entries after those the run had before it."""
        if same_run and baseline[1] is not None:
            self.live_log.seen = max(self.live_log.seen, baseline[1])

    def _peek(self, run_id):
        """(answer, total_logs or None): one read of the run, through one entry of its log while the live
        log is on, else a plain GET. A run that does not exist is not_found."""
        answer = self._patiently(lambda: self.live_log.peek(run_id), run_id)
        if answer is not None:
            self.read_logs_last = True
            return answer, _int_or_none(answer.get("total_logs"))
        try:
            return self._get(run_id), None
        except BridgeError as e:
            if e.type == "not_found":
                e.message = "no agent run %d in organization %d (%s)" % (run_id, self.request.org_id, e.message)
            raise

    def _read(self, run_id):
        """One read of a run being followed: its logs answer (new entries reported) while the live log is
        on; otherwise, and at once after a fallback, the plain run."""
        answer = self._patiently(lambda: self.live_log.read(run_id), run_id)
        self.read_logs_last = answer is not None
        return answer if answer is not None else self._get(run_id)

    def _finish(self, run):
        """After a logs answer showed the end: the entries left (a few pages at most), then ONE plain read
        for the pull requests, which a logs answer lacks."""
        if not self.read_logs_last:
            return run
        answer = run
        for _ in range(LOG_CATCH_UP_PAGES):
            if answer is None or not self.live_log.more(answer):
                break
            try:
                answer = self._patiently(lambda: self.live_log.read(self.run_id), self.run_id)
            except BridgeError as e:
                if e.type == "aborted":
                    raise
                if self.request.debug:  # the result does not depend on the log: it goes on without it
                    self.events.emit("debug", message="the rest of the log is not read: " + e.message)
                break
        self.read_logs_last = False
        return self._get(self.run_id)

    def _get(self, run_id):
        """One plain read of the run."""
        return self._patiently(lambda: self.api.get_run(run_id), run_id)

    def _patiently(self, read, run_id):
        """read(); a 429 is the API asking us to slow down, not a failure."""
        while True:
            try:
                return read()
            except BridgeError as e:
                if e.type != "rate_limit":
                    raise self._with_run(e)
                wait = max(e.retry_after or 0.0, self.request.poll_interval)
                self.api.rate_limited += 1
                if wait >= self._remaining():
                    raise self._with_run(e)
                self.events.emit("wait", reason="rate_limit", seconds=round(wait, 3), run_id=run_id)
                self.clock.sleep(wait)
                self.poll_floor = max(self.poll_floor, wait)

    def _with_run(self, error):
        if self.run_id is not None:
            error.create_outcome = CREATED
            error.run = {"id": self.run_id, "web_url": self.web_url}
        return error

    def _remaining(self):
        return max(0.0, self.request.deadline - self.clock.now())

    def _follow(self, run):
        """Polls until the run ends or the deadline passes. Intervals grow while nothing changes."""
        request = self.request
        status = run.get("status")
        changed_at = self.clock.now()
        reported_unknown = set()
        while status_kind(status) == "running":
            self._note_unknown(status, reported_unknown)
            remaining = self._remaining()
            if remaining <= 0:
                raise self._with_run(BridgeError(
                    "timeout", "agent run %s did not finish within %s (last status %s)"
                    % (self.run_id, _seconds(request.deadline), status), phase="poll", retryable=False,
                    guidance="Raise the timeout, or follow the run at %s; it may still finish." % (self.web_url or RUNS_PAGE_URL)))
            self.clock.sleep(min(self._interval(changed_at), remaining))
            run = self._read(self.run_id)
            if run.get("status") != status:
                self.events.emit("status", run_id=self.run_id, status=run.get("status"), previous=status)
                status = run.get("status")
                changed_at = self.clock.now()
        run = self._finish(run)
        status = run.get("status")
        summary = run_summary(run)
        if status_kind(status) == "failure":
            explanation = summary.get("result") or summary.get("summary") or "no explanation given"
            raise self._with_run(BridgeError(
                "task_failed", "agent run %s ended with status %s: %s" % (self.run_id, status, explanation),
                phase="poll", retryable=False,
                guidance="Open %s to see what the agent did; adjust the task and run again."
                         % (self.web_url or RUNS_PAGE_URL)))
        return {"run": summary, "pull_request": self._pull_request(summary["pull_requests"])}

    def _pull_request(self, pull_requests):
        """The run's pull request; after a follow-up the newest one, which the follow-up opened or updated."""
        if not pull_requests:
            return None
        if not self.request.follow_up_run_id:
            return pull_requests[0]
        dated = [pr for pr in pull_requests if isinstance(pr.get("created_at"), str)]
        return max(dated, key=lambda pr: pr["created_at"]) if dated else pull_requests[0]

    def _interval(self, changed_at):
        """The next wait: the configured interval, a growing share of the quiet time, within the bounds."""
        request = self.request
        quiet = self.clock.now() - changed_at
        interval = max(request.poll_interval, request.poll_growth * quiet)
        interval = min(interval, request.poll_max_interval)
        return max(interval, self.poll_floor)

    def _note_unknown(self, status, reported):
        value = (status or "").strip().upper()
        if value and value not in KNOWN_RUNNING_STATUSES and value not in reported:
            reported.add(value)
            self.events.emit("warning", message="agent run %s has status %r, which this bridge does not know; "
                                                "it keeps waiting for a final status" % (self.run_id, status))


def _normalise_repository(value):
    text = value.strip().lower()
    for prefix in ("https://", "http://", "git@"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    text = text.replace("github.com:", "github.com/")
    if text.startswith("github.com/"):
        text = text[len("github.com/"):]
    if text.endswith(".git"):
        text = text[:-4]
    return text.strip("/")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def main(stdin=None, stdout=None, env=None):
    """The stream form: the request on stdin, the token in CODEGEN_TOKEN, events on stdout. For tests and
    for running the bridge by hand; the Java side uses the folder form (start, serve)."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    env = os.environ if env is None else env
    token = env.get("CODEGEN_TOKEN", "")
    return execute(stdin.read, Events(StreamSink(stdout), Clock(1.0), token), env, token, "on stdin")


def start(folder):
    """The launched command: starts the bridge detached from the launching call (a session of its own on
    POSIX, a detached process on Windows), writes its pid and returns at once. So the bridge needs nothing
    from the launched process's stdin or stdout, and outlives a launcher that gives it none."""
    folder = os.path.abspath(folder)
    if os.name == "nt":
        import subprocess
        detached = 0x00000008 | 0x00000200  # DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
        with open(os.path.join(folder, LOG), "ab") as log:
            options = (["-I"] if sys.flags.isolated else []) + (["-S"] if sys.flags.no_site else [])
            child = subprocess.Popen([sys.executable] + options + ["-c", _SERVE, os.path.dirname(os.path.abspath(__file__)),
                                                                  folder],
                                     cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                     creationflags=detached, close_fds=True)
        pid = child.pid
    else:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = EXIT_CODES["python"]
            try:
                os.setsid()
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, 0)
                code = serve(folder)
            except BaseException:  # a bridge that cannot even start says why in bridge.log
                import traceback
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
    _write_atomically(os.path.join(folder, PID), str(pid))
    return 0


# How start() runs the bridge on Windows, where there is no fork: argv[1] is the script's folder.
_SERVE = ("import sys; sys.path.insert(0, sys.argv[1]); import codegen_bridge; "
          "sys.exit(codegen_bridge.serve(sys.argv[2]))")


def serve(folder, env=None):
    """The bridge in its folder: takes the secrets (and deletes them) before anything else, then runs the
    request, with a watcher that beats the heartbeat and honours the stop file."""
    running = {"bridge": None, "lock": _hold_lock(folder)}
    env = dict(os.environ if env is None else env)
    token, variables = _take_secrets(folder)
    env.update(variables)
    events = Events(FileSink(folder), Clock(1.0), token)

    def checkpoint():
        if os.path.exists(os.path.join(folder, STOP)):
            raise _aborted(running["bridge"])

    running["checkpoint"] = checkpoint
    _thread.start_new_thread(_watch, (folder, events, running))
    return execute(lambda: _read_bytes(os.path.join(folder, REQUEST)), events, env, token, "in " + REQUEST, running)


def kill(folder):
    """The fallback when a stop was not honoured: ends the bridge of this folder and anything it started,
    never another process (1 when there is nothing it may end)."""
    import signal
    with open(os.path.join(folder, PID)) as source:
        pid = int(source.read().strip())
    if not _runs_in(pid, folder):
        return 1  # the bridge is gone, or not provably this pid: a stale pid may be another process's by now
    try:
        if os.name == "nt":
            os.kill(pid, signal.SIGTERM)  # TerminateProcess
        else:
            os.killpg(pid, signal.SIGKILL)  # the bridge leads its own session and process group
    except OSError:
        return 1  # already gone
    return 0


def _runs_in(pid, folder):
    """Whether the process is provably the bridge of this folder: its command line names the folder, or,
    where no command line can be read (no /proc: macOS, Windows), the folder's lock is held, which only
    the live bridge does (so the pid it wrote is still its own). Anything else is not killed."""
    command_line = _command_line(pid)
    if command_line is not None:
        return os.path.abspath(folder).encode("utf-8") in command_line
    return _lock_held(folder)


def _command_line(pid):
    """The process's command line (its arguments, NUL-separated), or None where it cannot be read."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as source:
            return source.read()
    except OSError:
        return None


def _hold_lock(folder):
    """Locks the folder's lock file for the rest of this process's life (the descriptor stays open; the
    lock goes with the process, however it ends). What kill() takes as proof that the bridge lives."""
    try:
        descriptor = os.open(os.path.join(folder, LOCK), os.O_RDWR | os.O_CREAT, 0o600)
        _lock(descriptor, True)
        return descriptor
    except (OSError, ImportError):
        return None  # no lock, no kill: the stop file still ends the bridge


def _lock_held(folder):
    """Whether a live process holds the folder's lock: a lock we can take ourselves is held by nobody."""
    try:
        descriptor = os.open(os.path.join(folder, LOCK), os.O_RDWR)
    except OSError:
        return False
    try:
        try:
            _lock(descriptor, False)
        except ImportError:
            return False
        except OSError:
            return True
        try:
            _lock(descriptor, None)  # let go of it at once: a bridge that starts now must get it
        except OSError:
            pass
        return False
    finally:
        os.close(descriptor)


def _lock(descriptor, wait):
    """An exclusive lock on the file's first byte (wait: until it is free; None: unlock): fcntl's (POSIX
    record locks, which Java's FileLock sees too) or msvcrt's (Windows byte-range locks, likewise)."""
    if os.name == "nt":
        import msvcrt
        mode = msvcrt.LK_UNLCK if wait is None else msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK
        msvcrt.locking(descriptor, mode, 1)
    else:
        import fcntl
        mode = fcntl.LOCK_UN if wait is None else fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        fcntl.lockf(descriptor, mode, 1)


def _take_secrets(folder):
    """The token and the secret variables (a proxy URL with a password), and the file gone at once."""
    path = os.path.join(folder, SECRETS)
    try:
        data = _read_bytes(path)
    except OSError:
        return "", {}
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
    try:
        secrets = json_loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return "", {}
    if not isinstance(secrets, dict):
        return "", {}
    token = secrets.get("token")
    variables = secrets.get("environment")
    variables = {str(k): str(v) for k, v in variables.items()} if isinstance(variables, dict) else {}
    return (token if isinstance(token, str) else ""), variables


def _read_bytes(path):
    with open(path, "rb") as source:
        return source.read()


def _watch(folder, events, running):
    """A thread: the heartbeat that tells the caller the bridge lives, and the stop file that aborts it. A
    stop ends the process from here, so that it also ends a request that is waiting for an answer; so
    does the removal of the folder."""
    stop = os.path.join(folder, STOP)
    heartbeat = os.path.join(folder, HEARTBEAT)
    ticks = 0
    while True:
        if not os.path.isdir(folder):
            os._exit(EXIT_CODES["aborted"])  # the folder was removed (a later task cleaned up): nobody listens
        if os.path.exists(stop):
            if _emit_error(events, _aborted(running.get("bridge")), running.get("bridge")):
                os._exit(EXIT_CODES["aborted"])
            return
        if ticks % HEARTBEAT_EVERY == 0:
            try:
                with open(heartbeat, "w") as out:
                    out.write(str(ticks // HEARTBEAT_EVERY))
            except OSError:
                pass
        ticks += 1
        time.sleep(WATCH_INTERVAL)


def _aborted(bridge):
    run_id = bridge.run_id if bridge is not None else None
    if run_id is not None:
        return BridgeError("aborted", "stopped on request; agent run %s may still be working" % run_id,
                           create_outcome=CREATED, retryable=False,
                           guidance="Open %s to follow or stop it." % (bridge.web_url or RUNS_PAGE_URL))
    started = bridge is not None and any(bridge.api.counts.get(phase) for phase in STARTING_PHASES)
    outcome = UNKNOWN if started else NOT_CREATED
    return BridgeError("aborted", "stopped on request", create_outcome=outcome, retryable=False)


def execute(read_request, events, env, token, where, running=None):
    """Runs one request and emits its events and its one final event; returns the exit code."""
    clock = events.clock
    bridge = None
    try:
        if sys.version_info < (3, 8):
            raise BridgeError("python", "Python %d.%d is too old" % sys.version_info[:2], retryable=False,
                              guidance="Install Python 3.8 or newer on the build agent, or set the Python path.")
        request = Request(_parse_request(read_request, where), env)
        clock.scale = request.time_scale
        _check_token(token)
        events.emit("start", command=request.command, backend=request.backend, protocol=PROTOCOL,
                    python="%d.%d.%d" % sys.version_info[:3])
        bridge = Bridge(request, token, env, events, clock)
        if running is not None:
            running["bridge"] = bridge
            bridge.api.checkpoint = running["checkpoint"]
        outcome = getattr(bridge, request.command)()
        events.emit("result", stats=bridge.stats(), **outcome)
        return 0
    except BridgeError as e:
        _emit_error(events, e, bridge)
        return EXIT_CODES.get(e.type, EXIT_CODES["unknown"])
    except KeyboardInterrupt:
        _emit_error(events, BridgeError("unknown", "interrupted", retryable=False), bridge)
        return 130
    except Exception as e:  # a bug here must still end the protocol cleanly
        _emit_error(events, BridgeError("python", "internal error in the bridge: %s: %s" % (type(e).__name__, e),
                                        retryable=False), bridge)
        return EXIT_CODES["python"]


def _parse_request(read_request, where):
    try:
        data = read_request()
        return json_loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (ValueError, UnicodeDecodeError) as e:
        raise _invalid("request", "%s is not valid JSON (%s)" % (where, e))
    except OSError as e:
        raise _invalid("request", "%s cannot be read (%s)" % (where, e))


def _check_token(token):
    if not token:
        raise BridgeError("authentication", "no API token: CODEGEN_TOKEN is not set for the bridge", retryable=False,
                          guidance="Give the task a Codegen API token (%s): a Secret text credential in Jenkins, "
                                   "or CODEGEN_TOKEN on the command line." % TOKEN_PAGE_URL)
    if any(c.isspace() for c in token) or any(ord(c) < 32 or ord(c) > 126 for c in token):
        raise BridgeError("authentication", "the API token contains spaces, line breaks or other characters a token "
                                            "cannot have", retryable=False,
                          guidance="Paste the token again (credential or CODEGEN_TOKEN), without surrounding spaces or a "
                                   "trailing newline.")


def _emit_error(events, error, bridge):
    fields = {"type": error.type, "message": error.message, "retryable": bool(error.retryable),
              "create_outcome": error.create_outcome}
    for name in ("http_status", "retry_after", "phase", "guidance"):
        value = getattr(error, name)
        if value is not None:
            fields[name] = value
    run = error.run
    if run is None and bridge is not None and bridge.run_id is not None:
        run = {"id": bridge.run_id, "web_url": bridge.web_url}
    if run is not None:
        fields["run"] = run
    if bridge is not None:
        fields["stats"] = bridge.stats()
    return events.emit("error", **fields)


if __name__ == "__main__":
    sys.exit(main())
