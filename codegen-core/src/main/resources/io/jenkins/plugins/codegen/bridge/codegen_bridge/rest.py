# Part of codegen_bridge (modules.txt): the REST client of the Codegen API and what its answers mean.
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
