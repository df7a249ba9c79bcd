# Part of codegen_simulator (modules.txt): the API's endpoints, as methods of the core.
class _Endpoints(object):
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
