# Part of codegen_simulator (modules.txt): the routes and the HTTP server.
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
