# Part of codegen_bridge (modules.txt): the follow loop: reads of the run until it ends, at the pace the API allows.
class _FollowLoop:
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
