"""Tests of codegen_bridge.py against the simulated Codegen API over loopback.

Most tests run the bridge's main() in this process (fast); the SDK tests start it as a child
process with the SDK test double on its PYTHONPATH, the way Java runs it: through its folder
(request.json, secrets.json in, events.jsonl and result.json out). test_bridge_files.py tests the
folder form itself.
"""
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid

import codegen_bridge
from codegen_simulator import Simulator

HERE = os.path.dirname(os.path.abspath(__file__))
# The folder codegen_bridge is imported from: here its package, on the agent the one file BridgeScripts joins.
SCRIPTS = os.path.dirname(os.path.dirname(os.path.abspath(codegen_bridge.__file__)))
# What PythonBridge launches (its START constant): argv[1] the scripts' folder, argv[2] the bridge's folder.
START = ("import os, sys; f = sys.argv[2]; d = os.open(os.path.join(f, 'bridge.log'), "
         "os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600); os.dup2(d, 1); os.dup2(d, 2); "
         "sys.path.insert(0, sys.argv[1]); sys.dont_write_bytecode = False; import codegen_bridge; "
         "sys.dont_write_bytecode = True; sys.exit(codegen_bridge.start(f))")
TOKEN = "cg-test-token-5f2a9c7e1d"


def start_in_folder(folder, request, secrets, env=None):
    """Writes the request and the secrets and launches the bridge as PythonBridge does; returns the
    launched command's exit code (the bridge itself runs on, detached)."""
    with open(os.path.join(folder, "request.json"), "w") as out:
        json.dump(request, out)
    descriptor = os.open(os.path.join(folder, "secrets.json"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        json.dump(secrets, out)
    return subprocess.run([sys.executable] + interpreter_options(request) + ["-c", START, SCRIPTS, folder],
                          env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=60).returncode


def interpreter_options(request):
    """As PythonBridge.interpreterOptions: isolated, and without site unless an SDK run needs it."""
    sdk = isinstance(request, dict) and request.get("command") == "run" and request.get("backend", "rest") != "rest"
    return ["-I"] if sdk else ["-I", "-S"]


def await_result(folder, timeout=60):
    """The final event from result.json, once it is there; the events that came before it."""
    path = os.path.join(folder, "result.json")
    until = time.monotonic() + timeout
    while not os.path.exists(path):
        if time.monotonic() > until:
            raise AssertionError("no result.json within %s s; bridge.log: %s" % (timeout, read_text(folder, "bridge.log")))
        time.sleep(0.01)
    events = [json.loads(line) for line in read_text(folder, "events.jsonl").splitlines()]
    return events, json.loads(read_text(folder, "result.json"))


def run_in_folder(folder, request, secrets, env=None):
    """(exit code of the exited bridge, progress events, final event)."""
    launched = start_in_folder(folder, request, secrets, env)
    if launched != 0:
        raise AssertionError("the start command failed (%d): %s" % (launched, read_text(folder, "bridge.log")))
    events, result = await_result(folder)
    wait_until_gone(int(read_text(folder, "pid")))
    return codegen_bridge.EXIT_CODES.get(result.get("type"), 0), events, result


def wait_until_gone(pid, timeout=10):
    until = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > until:
            raise AssertionError("process %d still runs" % pid)
        time.sleep(0.01)


def alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie (not yet reaped by init) has ended
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def read_text(folder, name):
    try:
        with open(os.path.join(folder, name)) as source:
            return source.read()
    except OSError:
        return ""


def spec(text):
    """A unique scenario spec, so fault counters and runs of one test never meet another's."""
    return "%s;id=%s" % (text, uuid.uuid4().hex[:8])


class BridgeTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(extra_repos=0)
        cls.sim.start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def url(self, scenario):
        return "%s/s/%s" % (self.sim.base_url, scenario)

    def request(self, scenario, command="run", **fields):
        request = {"protocol": 1, "command": command, "api_url": self.url(scenario), "org_id": 1,
                   "prompt": "# Add input validation\nValidate the form.", "client_request_id": uuid.uuid4().hex,
                   "deadline": 20, "request_timeout": 2, "lookup_grace": 0.05,
                   "poll": {"interval": 0.01, "max_interval": 0.05, "growth": 0.1}}
        request.update(fields)
        return request

    def bridge(self, request, env=None):
        """Runs the bridge in-process; returns (exit code, events, raw output)."""
        out = io.StringIO()
        environment = {"CODEGEN_TOKEN": TOKEN}
        environment.update(env or {})
        code = codegen_bridge.main(io.BytesIO(json.dumps(request).encode("utf-8")), out, environment)
        raw = out.getvalue()
        self.assertNotIn(TOKEN, raw)
        events = [json.loads(line) for line in raw.splitlines()]
        finals = [e for e in events if e["event"] in ("result", "error")]
        self.assertEqual(1, len(finals), "exactly one final line: %s" % raw)
        self.assertIs(finals[0], events[-1], "the final line comes last")
        return code, events, raw

    def child(self, request, sdk_folder=None, extra_env=None):
        """Runs the bridge as Java does: a fresh interpreter, detached, talking through its folder."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CODEGEN_BACKEND")}
        if sdk_folder:
            env["PYTHONPATH"] = os.path.join(HERE, sdk_folder)
        secrets = {"token": TOKEN, "environment": dict(extra_env or {})}
        folder = tempfile.mkdtemp(prefix="bridge-test-")
        self.addCleanup(shutil.rmtree, folder, True)
        code, events, result = run_in_folder(folder, request, secrets, env)
        for name in os.listdir(folder):
            with open(os.path.join(folder, name), "rb") as written:
                self.assertNotIn(TOKEN.encode(), written.read(), name)
        return code, events + [result]

    def runs_of(self, scenario):
        return [r for r in self.sim.runs() if r["spec"] == scenario]


class RunTest(BridgeTestCase):
    def test_success_reports_the_pull_request_and_status_changes(self):
        scenario = spec("success;polls=3;statuses=QUEUED,ACTIVE")
        code, events, _ = self.bridge(self.request(scenario))
        self.assertEqual(0, code)
        result = events[-1]
        pr = result["pull_request"]
        self.assertRegex(pr["url"], r"^https://github.com/acme/webapp/pull/\d+$")
        self.assertEqual(int(pr["url"].rsplit("/", 1)[1]), pr["number"])
        self.assertEqual("Add input validation", pr["title"])
        self.assertTrue(pr["branch"].startswith("codegen/run-"))
        self.assertEqual("COMPLETE", result["run"]["status"])
        created = [e for e in events if e["event"] == "created"]
        self.assertEqual(1, len(created))
        self.assertEqual(result["run"]["id"], created[0]["run_id"])
        self.assertTrue(created[0]["web_url"].startswith("http"))
        statuses = [e["status"] for e in events if e["event"] == "status"]
        self.assertEqual("COMPLETE", statuses[-1])
        self.assertEqual(1, len(self.runs_of(scenario)))
        self.assertEqual(1, result["stats"]["by_phase"]["create"])
        # The three reads go through the logs endpoint (live log); one plain read gets the pull request.
        self.assertEqual(3, result["stats"]["by_phase"]["logs"])
        self.assertEqual(1, result["stats"]["by_phase"]["poll"])

    def test_every_event_has_a_timestamp(self):
        _, events, _ = self.bridge(self.request(spec("success")))
        for event in events:
            self.assertRegex(event["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_run_is_tagged_with_the_client_request_id_and_metadata(self):
        scenario = spec("success")
        self.bridge(self.request(scenario, client_request_id="req-42", metadata={"source": "jenkins", "build": 7}))
        run = self.runs_of(scenario)[0]
        self.assertEqual({"source": "jenkins", "build": 7, "client_request_id": "req-42"}, run["metadata"])

    def test_completed_run_without_pull_request_is_a_result(self):
        code, events, _ = self.bridge(self.request(spec("no_pr")))
        self.assertEqual(0, code)
        self.assertIsNone(events[-1]["pull_request"])
        self.assertEqual([], events[-1]["run"]["pull_requests"])

    def test_instant_run_needs_no_poll(self):
        code, events, _ = self.bridge(self.request(spec("instant")))
        self.assertEqual(0, code)
        self.assertEqual(0, events[-1]["stats"]["by_phase"].get("poll", 0))

    def test_agent_failures_are_task_failed_with_the_run(self):
        for outcome, status in (("failed", "FAILED"), ("error", "ERROR"), ("cancelled", "CANCELLED"),
                                ("stopped", "STOPPED")):
            with self.subTest(outcome=outcome):
                code, events, _ = self.bridge(self.request(spec(outcome)))
                error = events[-1]
                self.assertEqual(21, code)
                self.assertEqual("task_failed", error["type"])
                self.assertIn(status, error["message"])
                self.assertFalse(error["retryable"])
                self.assertEqual("created", error["create_outcome"])
                self.assertIsInstance(error["run"]["id"], int)
                self.assertIn(error["run"]["web_url"], error["guidance"])

    def test_unknown_status_is_reported_once_and_polling_goes_on(self):
        code, events, _ = self.bridge(self.request(spec("unknown_status;polls=4")))
        self.assertEqual(0, code)
        warnings = [e for e in events if e["event"] == "warning"]
        self.assertEqual(1, len(warnings))
        self.assertIn("THINKING", warnings[0]["message"])

    def test_deadline_ends_with_a_timeout_that_names_the_run(self):
        code, events, _ = self.bridge(self.request(spec("success;duration=3600"), deadline=0.3))
        error = events[-1]
        self.assertEqual(16, code)
        self.assertEqual("timeout", error["type"])
        self.assertFalse(error["retryable"])
        self.assertEqual("created", error["create_outcome"])
        self.assertIsInstance(error["run"]["id"], int)

    def test_resume_follows_an_existing_run_without_creating(self):
        scenario = spec("success;polls=2")
        code, events, _ = self.bridge(self.request(scenario, resume_run_id=self._create_only(scenario)))
        self.assertEqual(0, code)
        self.assertEqual("resumed", [e for e in events if e["event"] == "created"][0]["how"])
        self.assertEqual(1, len(self.runs_of(scenario)))
        self.assertEqual(0, events[-1]["stats"]["by_phase"].get("create", 0))

    def _create_only(self, scenario):
        """Creates a run under the scenario with a bridge that gives up after one poll."""
        _, events, _ = self.bridge(self.request(scenario, deadline=0.2, poll={"interval": 5}))
        self.assertEqual("timeout", events[-1]["type"])
        return [e for e in events if e["event"] == "created"][0]["run_id"]


class NoWaitTest(BridgeTestCase):
    """wait: false ends right after the run exists; the caller (codegenWait, codegen wait) follows it."""

    def test_result_comes_right_after_the_created_event_with_no_poll(self):
        scenario = spec("success;duration=3600")
        code, events, _ = self.bridge(self.request(scenario, wait=False))
        self.assertEqual(0, code, events[-1])
        self.assertEqual(["start", "created", "result"], [e["event"] for e in events])
        result = events[-1]
        self.assertEqual("ACTIVE", result["run"]["status"])
        self.assertEqual(events[1]["run_id"], result["run"]["id"])
        self.assertTrue(result["run"]["web_url"].startswith("http"))
        self.assertIsNone(result["pull_request"])
        self.assertEqual(1, result["stats"]["by_phase"]["create"])
        self.assertEqual(0, result["stats"]["by_phase"].get("poll", 0))
        self.assertEqual(1, len(self.runs_of(scenario)))

    def test_a_retry_after_an_unknown_create_adopts_the_tagged_run_and_does_not_wait(self):
        scenario = spec("fault=drop_after;phase=create;duration=3600")
        request = self.request(scenario, wait=False)
        _, events, _ = self.bridge(request)
        self.assertEqual("unknown", events[-1]["create_outcome"])
        code, events, _ = self.bridge(dict(request, lookup_before_create=True))
        self.assertEqual(0, code, events[-1])
        self.assertEqual("found", [e for e in events if e["event"] == "created"][0]["how"])
        self.assertIsNone(events[-1]["pull_request"])
        self.assertEqual(1, len(self.runs_of(scenario)), "the retry must not create a second run")

    def test_a_run_that_has_already_ended_is_reported_as_ended(self):
        code, events, _ = self.bridge(self.request(spec("instant"), wait=False))
        self.assertEqual(0, code)
        self.assertEqual("COMPLETE", events[-1]["run"]["status"])
        self.assertIsNotNone(events[-1]["pull_request"])

    def test_wait_must_be_a_boolean(self):
        code, events, _ = self.bridge(self.request(spec("success"), wait="no"))
        self.assertEqual(20, code)
        self.assertTrue(events[-1]["message"].startswith("wait"), events[-1]["message"])


class CreateFaultTest(BridgeTestCase):
    def assert_create_error(self, scenario, error_type, exit_code, outcome, retryable, status=None):
        code, events, _ = self.bridge(self.request(scenario))
        error = events[-1]
        self.assertEqual(exit_code, code, error)
        self.assertEqual(error_type, error["type"])
        self.assertEqual(outcome, error["create_outcome"])
        self.assertEqual(retryable, error["retryable"])
        self.assertEqual("create", error["phase"])
        if status is not None:
            self.assertEqual(status, error["http_status"])
        return error

    def test_refusals_create_no_run(self):
        cases = [("402", "quota", 12, False), ("403", "permission", 11, False), ("404", "not_found", 13, False),
                 ("422", "validation", 20, False), ("401", "authentication", 10, False)]
        for fault, error_type, exit_code, retryable in cases:
            with self.subTest(fault=fault):
                scenario = spec("fault=%s;phase=create" % fault)
                error = self.assert_create_error(scenario, error_type, exit_code, "not_created", retryable,
                                                 int(fault))
                self.assertEqual([], self.runs_of(scenario))
                self.assertTrue(error["message"])

    def test_documented_error_messages_reach_the_user(self):
        error = self.assert_create_error(spec("fault=402;phase=create"), "quota", 12, "not_created", False, 402)
        self.assertIn("billing plan", error["message"])
        error = self.assert_create_error(spec("fault=404;phase=create"), "not_found", 13, "not_created", False)
        self.assertIn("codegen.com/repos", error["guidance"])

    def test_authentication_error_bodies_in_every_shape(self):
        for style in ("message", "detail", "fastapi"):
            with self.subTest(style=style):
                error = self.assert_create_error(spec("fault=401;phase=create;style=" + style), "authentication",
                                                 10, "not_created", False, 401)
                self.assertRegex(error["message"], r"HTTP 401 - \S")
                self.assertIn("codegen.com/token", error["guidance"])

    def test_rate_limit_carries_retry_after(self):
        error = self.assert_create_error(spec("fault=429;phase=create;retry_after=7"), "rate_limit", 14,
                                         "not_created", True, 429)
        self.assertEqual(7, error["retry_after"])
        error = self.assert_create_error(spec("rate_limited_no_retry_after;phase=create"), "rate_limit", 14,
                                         "not_created", True, 429)
        self.assertNotIn("retry_after", error)

    def test_server_errors_leave_the_outcome_unknown(self):
        for fault in ("500", "502", "503"):
            with self.subTest(fault=fault):
                error = self.assert_create_error(spec("fault=%s;phase=create" % fault), "server", 17, "unknown",
                                                 True, int(fault))
                self.assertIn("HTTP %s" % fault, error["message"])

    def test_gateway_html_page_is_described_not_dumped(self):
        error = self.assert_create_error(spec("fault=502;phase=create"), "server", 17, "unknown", True, 502)
        self.assertNotIn("<", error["message"])

    def test_dropped_connection_after_sending_is_unknown(self):
        for fault in ("drop_before", "drop_after"):
            with self.subTest(fault=fault):
                self.assert_create_error(spec("fault=%s;phase=create" % fault), "connection", 15, "unknown", True)

    def test_slow_answer_is_a_timeout_with_unknown_outcome(self):
        self.assert_create_error(spec("fault=slow;phase=create;delay=3"), "timeout", 16, "unknown", True)

    def test_malformed_or_empty_answer_to_a_create_is_unknown(self):
        for fault in ("malformed", "empty"):
            with self.subTest(fault=fault):
                error = self.assert_create_error(spec("fault=%s;phase=create" % fault), "server", 17, "unknown",
                                                 True)
                self.assertIn("malformed JSON" if fault == "malformed" else "empty answer", error["message"])

    def test_malformed_answer_in_a_fresh_interpreter(self):
        code, events = self.child(self.request(spec("fault=malformed;phase=create")))
        self.assertEqual(17, code)
        self.assertIn("malformed JSON", events[-1]["message"])

    def test_connection_refused_created_nothing(self):
        port = _free_port()
        request = self.request("x", api_url="http://127.0.0.1:%d" % port)
        code, events, _ = self.bridge(request)
        self.assertEqual(15, code)
        self.assertEqual("not_created", events[-1]["create_outcome"])
        self.assertIn("connection refused", events[-1]["message"])


class ExactlyOnceTest(BridgeTestCase):
    def test_lookup_adopts_the_run_a_dropped_create_made(self):
        scenario = spec("fault=drop_after;phase=create")
        request = self.request(scenario)
        code, events, _ = self.bridge(request)
        self.assertEqual("unknown", events[-1]["create_outcome"])
        self.assertEqual(1, len(self.runs_of(scenario)))
        retry = dict(request, lookup_before_create=True)
        code, events, _ = self.bridge(retry)
        self.assertEqual(0, code, events[-1])
        self.assertEqual("found", [e for e in events if e["event"] == "created"][0]["how"])
        self.assertEqual(1, len(self.runs_of(scenario)), "the retry must not create a second run")
        self.assertEqual(0, events[-1]["stats"]["by_phase"].get("create", 0))

    def test_lookup_that_finds_nothing_creates_once(self):
        scenario = spec("fault=drop_before;phase=create")
        request = self.request(scenario)
        self.bridge(request)
        self.assertEqual(0, len(self.runs_of(scenario)))
        code, events, _ = self.bridge(dict(request, lookup_before_create=True))
        self.assertEqual(0, code)
        self.assertTrue(any(e["event"] == "lookup" and e["found"] is False for e in events))
        self.assertEqual(1, len(self.runs_of(scenario)))

    def test_lookup_ignores_runs_of_other_tasks(self):
        scenario = spec("success")
        self.bridge(self.request(scenario, client_request_id="other-task"))
        code, events, _ = self.bridge(self.request(scenario, client_request_id="this-task",
                                                   lookup_before_create=True))
        self.assertEqual(0, code)
        self.assertEqual("created", [e for e in events if e["event"] == "created"][0]["how"])
        self.assertEqual(2, len(self.runs_of(scenario)))


class PollFaultTest(BridgeTestCase):
    def test_rate_limited_poll_waits_and_goes_on(self):
        scenario = spec("fault=429;phase=poll;retry_after=0;polls=2")
        code, events, _ = self.bridge(self.request(scenario))
        self.assertEqual(0, code)
        self.assertEqual(1, events[-1]["stats"]["rate_limited"])
        self.assertTrue(any(e["event"] == "wait" and e["reason"] == "rate_limit" for e in events))

    def test_retry_after_slows_later_polls(self):
        scenario = spec("fault=429;phase=poll;retry_after=1;polls=3")
        code, events, _ = self.bridge(self.request(scenario, time_scale=20))
        self.assertEqual(0, code)
        wait = [e for e in events if e["event"] == "wait"][0]
        self.assertGreaterEqual(wait["seconds"], 1)

    def test_poll_failures_name_the_run_so_a_retry_can_resume(self):
        for fault, error_type in (("500", "server"), ("drop_after", "connection"), ("malformed", "server"),
                                  ("403", "permission"), ("404", "not_found")):
            with self.subTest(fault=fault):
                code, events, _ = self.bridge(self.request(spec("fault=%s;phase=poll" % fault)))
                error = events[-1]
                self.assertEqual(error_type, error["type"])
                self.assertEqual("poll", error["phase"])
                self.assertEqual("created", error["create_outcome"])
                self.assertIsInstance(error["run"]["id"], int)


class PollingTest(BridgeTestCase):
    def scaled_run(self, scale, scenario, poll, deadline):
        """Runs against a simulator whose clock runs `scale` times faster, as the bridge's does."""
        with Simulator(time_scale=scale) as sim:
            # Each request may take a few real seconds, as on a busy machine: the default of 2 simulated
            # seconds would be a few real milliseconds here.
            request = self.request(scenario, api_url="%s/s/%s" % (sim.base_url, scenario), time_scale=scale,
                                   deadline=deadline, poll=poll, request_timeout=min(3 * scale, deadline / 2))
            code, events, _ = self.bridge(request)
            runs = [r for r in sim.runs() if r["spec"] == scenario]
        self.assertEqual(0, code, events[-1])
        return events[-1], runs[0]

    def test_intervals_grow_while_nothing_changes(self):
        result, run = self.scaled_run(300, spec("success;duration=600"),
                                      {"interval": 5, "max_interval": 120, "growth": 0.1}, 1200)
        polls = result["stats"]["by_phase"]["logs"]
        self.assertEqual(result["stats"]["by_phase"]["poll"], 1)  # the pull requests, once at the end
        self.assertEqual((run["logs"], run["gets"]), (polls, 1))
        # 5 s steps for the first 50 s (10 polls), then 10 % growth: about 37 in all; a fixed
        # 5-second poll would need 120. New log entries (one per 20 s) do not make polls faster.
        self.assertLess(polls, 45)
        self.assertGreater(polls, 25)
        delay = run["detected_sim"] - run["terminal_sim"]
        elapsed = run["terminal_sim"] - run["created_sim"]
        # The bound, plus what a busy machine adds: 50 real milliseconds of scheduling are 15 simulated seconds.
        self.assertLessEqual(delay, max(5, 0.1 * elapsed) + 2 + 0.05 * 300)

    def test_min_interval_is_never_undercut(self):
        result, _ = self.scaled_run(100, spec("success;duration=100"),
                                    {"interval": 1, "max_interval": 120, "growth": 0.1, "min_interval": 20}, 300)
        self.assertLessEqual(result["stats"]["by_phase"]["logs"], 6)


class RepositoryTest(BridgeTestCase):
    def test_owner_name_becomes_repo_id(self):
        scenario = spec("success")
        code, events, _ = self.bridge(self.request(scenario, repository="https://github.com/acme/api.git"))
        self.assertEqual(0, code)
        repo = [e for e in events if e["event"] == "repository"][0]
        self.assertEqual("acme/api", repo["full_name"])
        self.assertEqual(repo["repo_id"], self.runs_of(scenario)[0]["repo_id"])
        self.assertIn("acme/api/pull/", events[-1]["pull_request"]["url"])

    def test_unknown_repository_lists_the_known_ones(self):
        scenario = spec("success")
        code, events, _ = self.bridge(self.request(scenario, repository="acme/wepapp"))
        self.assertEqual(20, code)
        self.assertIn("acme/webapp", events[-1]["message"])
        self.assertIn("acme/wepapp", events[-1]["message"])
        self.assertEqual([], self.runs_of(scenario))

    def test_repositories_are_paged(self):
        with Simulator(extra_repos=150) as sim:
            request = self.request("success", api_url=sim.base_url, repository="acme/repo-140")
            code, events, _ = self.bridge(request)
            self.assertEqual(0, code, events[-1])
            self.assertEqual(2, events[-1]["stats"]["by_phase"]["repos"])


class HealthAndStatusTest(BridgeTestCase):
    def test_health_names_user_and_organization(self):
        code, events, _ = self.bridge(self.request(spec("success"), command="health"))
        self.assertEqual(0, code)
        self.assertEqual(1, events[-1]["organization"]["id"])
        self.assertTrue(events[-1]["user"])

    def test_health_for_a_foreign_organization_lists_the_members_ones(self):
        code, events, _ = self.bridge(self.request(spec("success"), command="health", org_id=999))
        self.assertEqual(11, code)
        self.assertIn("999", events[-1]["message"])
        self.assertIn("(1)", events[-1]["message"])

    def test_health_faults(self):
        for fault, error_type in (("401", "authentication"), ("503", "server"), ("drop_before", "connection"),
                                  ("429", "rate_limit")):
            with self.subTest(fault=fault):
                code, events, _ = self.bridge(self.request(spec("fault=%s;phase=health" % fault), command="health"))
                self.assertEqual(error_type, events[-1]["type"])
                self.assertEqual("not_applicable", events[-1]["create_outcome"])

    def test_status_reads_a_run_once(self):
        scenario = spec("success")
        _, events, _ = self.bridge(self.request(scenario))
        run_id = events[-1]["run"]["id"]
        code, events, _ = self.bridge(self.request(scenario, command="status", run_id=run_id))
        self.assertEqual(0, code)
        self.assertEqual(run_id, events[-1]["run"]["id"])
        code, events, _ = self.bridge(self.request(scenario, command="status", run_id=987654))
        self.assertEqual(13, code)


class InputTest(BridgeTestCase):
    def run_raw(self, stdin, env):
        out = io.StringIO()
        code = codegen_bridge.main(io.BytesIO(stdin), out, env)
        return code, [json.loads(line) for line in out.getvalue().splitlines()]

    def test_invalid_requests_are_validation_errors_naming_the_field(self):
        cases = [(b"not json", "request"), (json.dumps({"command": "run"}).encode(), "api_url"),
                 (json.dumps(self.request("x", org_id="acme")).encode(), "org_id"),
                 (json.dumps(self.request("x", backend="grpc")).encode(), "backend"),
                 (json.dumps(self.request("x", prompt="  ")).encode(), "prompt"),
                 (json.dumps(self.request("x", command="delete")).encode(), "command"),
                 (json.dumps(self.request("x", api_url="ftp://x")).encode(), "api_url"),
                 (json.dumps(self.request("x", deadline=0)).encode(), "deadline")]
        for stdin, field in cases:
            with self.subTest(field=field):
                code, events = self.run_raw(stdin, {"CODEGEN_TOKEN": TOKEN})
                self.assertEqual(20, code)
                self.assertEqual("validation", events[-1]["type"])
                self.assertTrue(events[-1]["message"].startswith(field), events[-1]["message"])

    def test_missing_or_mangled_token(self):
        for env in ({}, {"CODEGEN_TOKEN": ""}, {"CODEGEN_TOKEN": TOKEN + "\n"}, {"CODEGEN_TOKEN": "a b c d"}):
            with self.subTest(env=list(env)):
                code, events = self.run_raw(json.dumps(self.request(spec("success"))).encode(), env)
                self.assertEqual(10, code)
                self.assertEqual("authentication", events[-1]["type"])
                self.assertNotIn(TOKEN, json.dumps(events))

    def test_backend_comes_from_the_environment_when_the_request_names_none(self):
        request = self.request(spec("success"))
        request.pop("backend", None)
        code, events = self.run_raw(json.dumps(request).encode(), {"CODEGEN_TOKEN": TOKEN, "CODEGEN_BACKEND": "grpc"})
        self.assertEqual(20, code)
        self.assertIn("backend", events[-1]["message"])

    def test_unicode_prompt_arrives_intact(self):
        scenario = spec("success")
        prompt = "Fix the caf\u00e9 \u2603 \U0001F680 \u05e9\u05dc\u05d5\u05dd \u4e2d\u6587"
        code, _, raw = self.bridge(self.request(scenario, prompt=prompt))
        self.assertEqual(0, code)
        self.assertEqual(prompt, self.runs_of(scenario)[0]["prompt"])
        raw.encode("ascii")  # the protocol is ASCII on the wire: no encoding can mangle it

    def test_debug_logging_shows_requests_but_never_the_token(self):
        code, events, raw = self.bridge(self.request(spec("success"), debug=True))
        self.assertEqual(0, code)
        debug = [e["message"] for e in events if e["event"] == "debug"]
        self.assertTrue(any(m.startswith("POST /v1/organizations/1/agent/run -> 200") for m in debug), debug)
        self.assertNotIn("Bearer", raw)

    def test_a_token_echoed_by_the_server_is_masked(self):
        # Defence in depth: even a server that reflects the token cannot make the bridge print it.
        out = io.StringIO()
        events = codegen_bridge.Events(codegen_bridge.StreamSink(out), codegen_bridge.Clock(1), TOKEN)
        events.emit("debug", message="server said: Bearer " + TOKEN)
        self.assertNotIn(TOKEN, out.getvalue())
        self.assertIn("Bearer ****", out.getvalue())


class JsonCodecTest(unittest.TestCase):
    """The bridge's JSON on the C accelerator must read and write exactly what the json module does."""

    SAMPLES = [{"a": [1, 2.5, -3e-7, True, False, None], "b": {"c": "caf\u00e9 \U0001F680 \"q\" \\ \n"}},
               [], {}, "x", 12345678901234567890, {"nested": [[{"deep": [None]}]]}]

    def test_round_trip_matches_the_json_module(self):
        for sample in self.SAMPLES:
            with self.subTest(sample=sample):
                text = codegen_bridge.json_dumps(sample)
                self.assertEqual(json.dumps(sample, ensure_ascii=True, separators=(",", ":")), text)
                self.assertEqual(sample, codegen_bridge.json_loads(text))
                self.assertEqual(sample, codegen_bridge.json_loads("  \n" + json.dumps(sample, indent=2) + "\n "))

    def test_malformed_input_is_a_value_error(self):
        for text in ("", "{", '{"a":1} trailing', "[1,]", "nul", '"unterminated'):
            with self.subTest(text=text):
                with self.assertRaises(ValueError):
                    codegen_bridge.json_loads(text)

    def test_objects_it_cannot_encode_become_text(self):
        self.assertEqual('{"when":"2026"}', codegen_bridge.json_dumps({"when": _Year()}))


class _Year:
    def __str__(self):
        return "2026"


class ProxyTest(BridgeTestCase):
    def test_no_proxy_and_loopback_bypass(self):
        env = {"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "internal.example,.corp.example"}
        self.assertEqual("http://proxy:3128", codegen_bridge._proxy_for("https", "api.codegen.com", env))
        self.assertIsNone(codegen_bridge._proxy_for("https", "internal.example", env))
        self.assertIsNone(codegen_bridge._proxy_for("https", "api.corp.example", env))
        self.assertIsNone(codegen_bridge._proxy_for("https", "127.0.0.1", env))
        self.assertIsNone(codegen_bridge._proxy_for("http", "api.codegen.com", env))
        self.assertEqual("http://p:1", codegen_bridge._proxy_for("http", "x", {"http_proxy": "p:1"}))
        self.assertIsNone(codegen_bridge._proxy_for("https", "x", {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"}))

    def test_plain_http_goes_through_the_proxy(self):
        with ForwardProxy(self.sim.base_url) as proxy:
            request = self.request("x", api_url="http://api.codegen.invalid/s/" + spec("success"))
            code, events, _ = self.bridge(request, env={"HTTP_PROXY": proxy.url})
        self.assertEqual(0, code, events[-1])
        self.assertTrue(any(line.startswith("POST http://api.codegen.invalid/s/") for line in proxy.request_lines))

    def test_https_tunnel_refused_by_the_proxy(self):
        with RefusingProxy() as proxy:
            request = self.request("x", api_url="https://api.codegen.invalid")
            proxy_url = "http://user:p%%40ss@127.0.0.1:%d" % proxy.port
            code, events, _ = self.bridge(request, env={"HTTPS_PROXY": proxy_url})
        self.assertEqual(codegen_bridge.EXIT_CODES["proxy"], code)
        self.assertEqual("proxy", events[-1]["type"])
        self.assertIn("proxy refused the tunnel: HTTP/1.1 407", events[-1]["message"])
        self.assertFalse(events[-1]["retryable"])
        self.assertEqual("not_created", events[-1]["create_outcome"])
        self.assertEqual("CONNECT api.codegen.invalid:443 HTTP/1.1", proxy.request_lines[0])
        self.assertIn("Proxy-Authorization: Basic dXNlcjpwQHNz", proxy.request_lines)

    def test_plain_http_refused_by_the_proxy_is_a_proxy_error(self):
        with RefusingProxy() as proxy:
            request = self.request("x", api_url="http://api.codegen.invalid")
            proxy_url = "http://user:wrong@127.0.0.1:%d" % proxy.port
            code, events, _ = self.bridge(request, env={"HTTP_PROXY": proxy_url})
        self.assertEqual(codegen_bridge.EXIT_CODES["proxy"], code)
        self.assertEqual(("proxy", 407, False), (events[-1]["type"], events[-1]["http_status"],
                                                 events[-1]["retryable"]))
        self.assertIn("Proxy-Authorization: Basic dXNlcjp3cm9uZw==", proxy.request_lines)


class SdkBackendTest(BridgeTestCase):
    """The bridge as a child process, with the SDK test double (or a broken one) on PYTHONPATH."""

    def test_sdk_creates_the_run_and_rest_reads_the_pull_request(self):
        scenario = spec("success;polls=2")
        code, events = self.child(self.request(scenario, backend="sdk"), "sdk_double")
        self.assertEqual(0, code, events[-1])
        self.assertEqual("sdk", [e for e in events if e["event"] == "backend"][0]["backend"])
        self.assertIn("/pull/", events[-1]["pull_request"]["url"])
        run = self.runs_of(scenario)[0]
        self.assertIsNone(run["metadata"], "the SDK cannot tag runs")

    def test_sdk_api_errors_are_classified_from_status_and_headers(self):
        for fault, error_type, retry_after in (("401", "authentication", None), ("402", "quota", None),
                                               ("429", "rate_limit", 3)):
            with self.subTest(fault=fault):
                scenario = spec("fault=%s;phase=create;retry_after=3" % fault)
                code, events = self.child(self.request(scenario, backend="sdk"), "sdk_double")
                self.assertEqual(error_type, events[-1]["type"])
                self.assertEqual("not_created", events[-1]["create_outcome"])
                self.assertEqual(retry_after, events[-1].get("retry_after"))

    def test_sdk_never_resends_a_create_whose_outcome_is_unknown(self):
        for fault in ("500", "drop_after"):
            with self.subTest(fault=fault):
                scenario = spec("fault=%s;phase=create" % fault)
                code, events = self.child(self.request(scenario, backend="sdk"), "sdk_double")
                error = events[-1]
                self.assertEqual("unknown", error["create_outcome"])
                self.assertFalse(error["retryable"])
                self.assertIn("codegen.com/agents", error["guidance"])

    def test_sdk_connection_refused_is_safe_to_retry(self):
        request = self.request("x", backend="sdk", api_url="http://127.0.0.1:%d" % _free_port())
        code, events = self.child(request, "sdk_double")
        self.assertEqual("connection", events[-1]["type"])
        self.assertEqual("not_created", events[-1]["create_outcome"])
        self.assertTrue(events[-1]["retryable"])

    def test_missing_sdk_is_an_import_error_that_says_what_to_do(self):
        code, events = self.child(self.request(spec("success"), backend="sdk"), None)
        self.assertEqual(19, code)
        self.assertEqual("import", events[-1]["type"])
        self.assertIn("pip install codegen", events[-1]["guidance"])
        self.assertIn("rest", events[-1]["guidance"])

    def test_broken_sdk_is_an_import_error_naming_the_cause(self):
        code, events = self.child(self.request(spec("success"), backend="sdk"), "sdk_broken")
        self.assertEqual(19, code)
        self.assertIn("typer_is_not_installed_here", events[-1]["message"])

    def test_auto_falls_back_to_rest_without_the_sdk(self):
        scenario = spec("success")
        code, events = self.child(self.request(scenario, backend="auto"), None)
        self.assertEqual(0, code)
        backend = [e for e in events if e["event"] == "backend"][0]
        self.assertEqual("rest", backend["backend"])
        self.assertIn("client_request_id", self.runs_of(scenario)[0]["metadata"], "REST tags the run")

    def test_auto_uses_the_sdk_when_it_imports(self):
        code, events = self.child(self.request(spec("success"), backend="auto"), "sdk_double")
        self.assertEqual(0, code)
        self.assertEqual("sdk", [e for e in events if e["event"] == "backend"][0]["backend"])


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _LineServer:
    """A one-thread TCP server that records request lines; subclasses decide the answer."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self.request_lines = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.close()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                self.request_lines.extend(lines)
                length = next((int(l.split(":", 1)[1]) for l in lines if l.lower().startswith("content-length:")), 0)
                while len(body) < length:
                    body += conn.recv(65536)
                conn.sendall(self.answer(lines, body))


class ForwardProxy(_LineServer):
    """Forwards absolute-form requests to the simulator, as an HTTP proxy would."""

    def __init__(self, target):
        _LineServer.__init__(self)
        self.target = target

    def answer(self, lines, body):
        method, url, _ = lines[0].split(" ")
        path = "/" + url.split("://", 1)[1].split("/", 1)[1]
        headers = dict(l.split(": ", 1) for l in lines[1:] if ": " in l)
        host = self.target.split("://", 1)[1]
        name, port = host.split(":")
        with socket.create_connection((name, int(port))) as upstream:
            head = ["%s %s HTTP/1.1" % (method, path), "Host: " + host, "Connection: close",
                    "Authorization: " + headers.get("Authorization", ""), "Content-Type: application/json",
                    "Content-Length: %d" % len(body)]
            upstream.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
            reply = b""
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    return reply
                reply += chunk


class RefusingProxy(_LineServer):
    def answer(self, lines, body):
        return b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"


if __name__ == "__main__":
    unittest.main()
