# Part of codegen_bridge (modules.txt): one command: health, status, run, follow-up.
# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------

class Bridge(_EarlierRunSearch, _FollowLoop):
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
