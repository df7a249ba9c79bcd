# Part of codegen_simulator (modules.txt): what a run looks like to a reader, and the bookkeeping and control endpoints.
class _Views(object):
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
