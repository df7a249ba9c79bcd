# Part of codegen_simulator (modules.txt): time, rate windows and the simulated runs.
# ---------------------------------------------------------------------------------------------
# Time, rate windows and runs.


class _Clock(object):
    """Simulated seconds since the simulator started, running `scale` times faster than real time."""

    def __init__(self, scale):
        self.scale = scale
        self._real_start = time.monotonic()
        self._wall_start = time.time()

    def now(self):
        return (time.monotonic() - self._real_start) * self.scale

    def real_seconds(self, simulated):
        return simulated / self.scale

    def iso(self, simulated):
        """ISO 8601 UTC with an explicit offset, which datetime.fromisoformat reads on Python 3.8."""
        stamp = datetime.fromtimestamp(self._wall_start + simulated, timezone.utc)
        return stamp.isoformat()


class _SlidingWindow(object):
    """At most `limit` admissions in any `period` simulated seconds."""

    def __init__(self, limit, period):
        self.limit = limit
        self.period = period
        self._admitted = deque()

    def admit(self, now):
        """None when admitted; otherwise the simulated seconds until a slot frees.

        A refused request leaves no trace, as the real API's refusals do not count against it.
        """
        while self._admitted and self._admitted[0] <= now - self.period:
            self._admitted.popleft()
        if len(self._admitted) < self.limit:
            self._admitted.append(now)
            return None
        return self._admitted[0] + self.period - now


class _Run(object):
    """One agent run, with the bookkeeping benchmarks read (never part of an API answer).

    A run lives in rounds: its creation starts the first, each resume (a follow-up) starts another, in
    which the run is ACTIVE again and ends as its scenario says, counted from the round's start.
    """

    def __init__(self, run_id, scenario, fields, repo, pr_number, created_sim):
        self.id = run_id
        self.scenario = scenario
        self.prompt = fields["prompt"]
        self.images = fields["images"]
        self.metadata = fields["metadata"]
        self.model = fields["model"]
        self.agent_type = fields["agent_type"]
        self.repo = repo
        self.pr_number = pr_number
        self.pr_prompt = self.prompt  # the prompt the current pull request's title comes from
        self.pr_round = 0  # the round that opened the current pull request (0: the creation's)
        self.pr_created_sim = None
        self.earlier_prs = []  # pull requests of earlier rounds, newest first
        self.created_real = time.time()
        self.created_sim = created_sim
        self.gets = 0
        self.logs = 0
        self.resumes = 0
        self.follow_ups = []
        self.round_sim = created_sim
        self.round_reads = 0  # reads (plain or logs) in this round: `polls` counts them
        self.round_steps = 0  # log entries of this round before its end
        self.final_logged = False
        self.log = []  # (kind, step, simulated time): written once, so every read sees the same history
        self.terminal_sim = None
        self.detected_sim = None

    def status(self, now):
        """The status a read at simulated time `now` sees; notes when the run turned terminal."""
        scenario = self.scenario
        statuses = scenario.statuses
        if scenario.instant:
            return self._terminal(self.round_sim)
        if scenario.duration is not None:
            elapsed = now - self.round_sim
            if elapsed >= scenario.duration:
                return self._terminal(self.round_sim + scenario.duration)
            return statuses[int(elapsed / scenario.duration * len(statuses))]
        if self.round_reads >= scenario.polls:
            return self._terminal(now)
        # The create answer and each poll before the last show the next status; the last repeats.
        return statuses[min(max(self.round_reads - 1, 0), len(statuses) - 1)]

    @property
    def terminal(self):
        return self.terminal_sim is not None

    def _terminal(self, when):
        if self.terminal_sim is None:
            self.terminal_sim = when
        return self.scenario.terminal_status

    def grow_log(self, now):
        """Writes the entries due by `now`: one when the round starts, one every LOG_EVERY simulated
        seconds (and, for a run that ends after `polls` reads, one per read before the last) while it
        works, a FINAL_ANSWER when it ends. Call after status(now)."""
        if self.final_logged:
            return
        end = self.terminal_sim if self.terminal else now
        due = 1 + int(max(0.0, end - self.round_sim) / LOG_EVERY)
        if self.scenario.duration is None and not self.scenario.instant:
            due = max(due, 1 + min(self.round_reads, self.scenario.polls - 1))
        while self.round_steps < due:
            kind = "follow_up" if self.round_steps == 0 and self.resumes else "step"
            self._write(kind, min(self.round_sim + self.round_steps * LOG_EVERY, end))
            self.round_steps += 1
        if self.terminal:
            self._write("final", self.terminal_sim)
            self.final_logged = True

    def _write(self, kind, when):
        if self.log:
            when = max(when, self.log[-1][2] + 0.001)  # strictly increasing created_at
        self.log.append((kind, (self.id + len(self.log)) % len(_LOG_STEPS), when))

    def resume(self, prompt, now, pr_number):
        """A follow-up: a new round from `now`, with a new pull request unless `pr_number` is the same."""
        self.resumes += 1
        self.follow_ups.append(prompt)
        self.round_sim = now
        self.round_reads = 0
        self.round_steps = 0
        self.final_logged = False
        self.terminal_sim = None
        self.detected_sim = None
        if pr_number != self.pr_number:
            self.pr_number = pr_number
            self.pr_prompt = prompt
            self.pr_round = self.resumes
            self.pr_created_sim = None


# Log entries come about every LOG_EVERY simulated seconds while a run works.
LOG_EVERY = 20.0
# (message_type, tool_name, thought, tool_input) of the steps a run logs; the run id picks where it
# starts in this list, so runs differ and a run's log is the same on every read.
_LOG_STEPS = (
    ("ACTION", "read_file", "Reading the files the task names to see how they fit together.", {"path": "README.md"}),
    ("PLAN_EVALUATION", None, "Planning the change in small steps, with a test first.", None),
    ("ACTION", "search", "Searching the code for every caller of the function to change.", {"query": "def handle"}),
    ("ACTION", "edit_file", "Editing the module to make the requested change.", {"path": "src/app.py"}),
    ("ACTION", "run_tests", "Running the test suite to check the change.", {"command": "make test"}),
    ("ACTION", "git_commit", "Committing the change with a message that says why.", {"message": "Fix the task"}),
)
_FOLLOW_UP_STEP = ("PLAN_EVALUATION", None, "Reading the follow-up request and planning what to change.", None)


def _pr_title(prompt):
    """The first non-empty line of the prompt without Markdown heading marks, as Codegen titles PRs."""
    for line in prompt.splitlines():
        title = line.lstrip("# \t").strip()
        if title:
            return title[:80]
    return "Codegen changes"
