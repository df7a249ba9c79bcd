# Part of codegen_simulator (modules.txt): the API itself: authentication, rate limits, faults, dispatch.
# ---------------------------------------------------------------------------------------------
# The API itself.


class _Core(_Endpoints, _Views):
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
