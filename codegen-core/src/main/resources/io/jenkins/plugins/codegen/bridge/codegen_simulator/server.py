# Part of codegen_simulator (modules.txt): the public interface: Simulator.
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
