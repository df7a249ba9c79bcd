"""Tests of the simulator as a separate process (foreground and folder form) and of its documentation."""

import http.client
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest
from collections import namedtuple
from urllib.parse import quote, urlsplit
import codegen_simulator
from codegen_simulator import Simulator
from simulator_support import (ALL_PHASES, RUN_PATH, TOKEN, Reply, SharedSimulatorTest, call, create, phase_request,
                               poll, under, unique)




# The folder the simulator's package is in (the package's __init__.py also runs as the script).
SCRIPTS = os.path.dirname(os.path.dirname(os.path.abspath(codegen_simulator.__file__)))


class ScriptTest(unittest.TestCase):
    """The simulator as a separate process, as the Java side and developers run it."""

    script = os.path.abspath(codegen_simulator.__file__)

    def launch(self, *args):
        process = subprocess.Popen([sys.executable, self.script, "--port", "0"] + list(args),
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(self.reap, process)
        base_url = process.stdout.readline().decode("ascii").strip()
        self.assertRegex(base_url, r"^http://127\.0\.0\.1:\d+$")
        return process, base_url

    @staticmethod
    def reap(process):
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            stream.close()

    def test_no_logs_endpoint_option_removes_the_logs_route(self):
        process, base_url = self.launch("--no-logs-endpoint")
        run_id = json.loads(call(base_url, "POST", RUN_PATH, {"prompt": "Fix"}).body)["id"]
        reply = call(base_url, "GET", "/v1/alpha/organizations/1/agent/run/%d/logs" % run_id)
        self.assertEqual((reply.status, reply.json()), (404, {"detail": "Not Found"}))
        self.assertEqual(call(base_url, "GET", "%s/%d" % (RUN_PATH, run_id)).status, 200)

    def test_prints_base_url_first_and_exits_cleanly_on_sigterm(self):
        process, base_url = self.launch()
        self.assertEqual(call(base_url, "GET", "/v1/users/me").status, 200)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=5)
        self.assertEqual(process.returncode, 0, err)
        self.assertEqual(out, b"")  # nothing after the first line
        self.assertEqual(err, b"")  # quiet by default

    def test_exits_when_stdin_closes(self):
        process, _ = self.launch("--exit-on-stdin-close")
        process.stdin.close()
        self.assertEqual(process.wait(timeout=5), 0)

    def test_keeps_running_when_stdin_closes_without_the_flag(self):
        process, base_url = self.launch()
        process.stdin.close()
        time.sleep(0.3)
        self.assertIsNone(process.poll())
        self.assertEqual(call(base_url, "GET", "/_sim/health").status, 200)

    def test_options_reach_the_server(self):
        process, base_url = self.launch("--scenario", "failed", "--org-id", "9", "--repos", "2",
                                        "--time-scale", "5")
        run_path = "/v1/organizations/9/agent/run"
        run_id = call(base_url, "POST", run_path, {"prompt": "x"}).json()["id"]
        self.assertEqual(call(base_url, "GET", "%s/%d" % (run_path, run_id)).json()["status"], "FAILED")
        self.assertEqual(call(base_url, "GET", "/v1/organizations/9/repos").json()["total"], 5)
        self.assertEqual(call(base_url, "GET", "/_sim/stats").json()["time_scale"], 5.0)

    def test_bad_scenario_is_refused_at_start(self):
        result = subprocess.run([sys.executable, self.script, "--scenario", "bogus"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=10)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, b"")
        self.assertIn(b"unknown scenario name 'bogus'", result.stderr)

    def test_verbose_logs_requests_but_never_the_token(self):
        secret = "tok-SECRET-only-in-header"
        process, base_url = self.launch("--verbose", "--token", secret, "--rate-limits")
        self.assertEqual(call(base_url, "GET", "/v1/users/me", token=secret).status, 200)
        self.assertEqual(call(base_url, "GET", "/v1/users/me", token="tok-SECRET-wrong").status, 401)
        run_id = call(base_url, "POST", RUN_PATH, {"prompt": "x"}, token=secret).json()["id"]
        call(base_url, "GET", "%s/%d" % (RUN_PATH, run_id), token=secret)
        call(base_url + "/s/auth_401", "GET", "/v1/users/me", token=secret)
        call(base_url, "GET", "/v1/users/me?misplaced=" + secret, token=secret)  # a careless client
        call(base_url, "GET", "/_sim/runs")
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=5)
        self.assertEqual(process.returncode, 0)
        self.assertIn(b"GET /v1/users/me -> 200", err)
        self.assertIn(b"POST " + RUN_PATH.encode() + b" -> 200", err)
        self.assertNotIn(b"SECRET", out + err)
        self.assertNotIn(b"Bearer", out + err)

    def test_the_accepted_token_may_come_from_the_environment(self):
        process = subprocess.Popen([sys.executable, self.script, "--port", "0"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=dict(os.environ, CODEGEN_SIMULATOR_TOKEN="env-only-token"))
        self.addCleanup(self.reap, process)
        base_url = process.stdout.readline().decode("ascii").strip()
        self.assertEqual(call(base_url, "GET", "/v1/users/me", token="env-only-token").status, 200)
        self.assertEqual(call(base_url, "GET", "/v1/users/me", token="another").status, 401)

    def test_import_starts_nothing(self):
        code = "import threading, codegen_simulator; print(threading.active_count())"
        result = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, timeout=10,
                                env=dict(os.environ, PYTHONPATH=SCRIPTS))
        self.assertEqual(result.stdout.strip(), b"1")


class DocumentationTest(unittest.TestCase):
    """docs/simulator.md is what test authors read: it must describe this simulator."""

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "docs",
                        "simulator.md")

    def section(self, title):
        with open(self.path) as document:
            return document.read().split(title, 1)[1].split("\n#", 1)[0]

    def test_names_table_matches_the_simulator(self):
        rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", self.section("### Names"), re.M)
        documented = dict((name, "" if "nothing" in meaning else meaning.strip("`")) for name, meaning in rows)
        self.assertEqual(documented, codegen_simulator.SCENARIOS)

    def test_every_key_is_documented(self):
        first_cells = re.findall(r"^\| ([^|]+) \|", self.section("### Keys"), re.M)
        documented = set(re.findall(r"`(\w+)`", " ".join(first_cells)))
        self.assertEqual(documented, set(codegen_simulator.Scenario._fields) - {"text"})


class FolderFormTest(unittest.TestCase):
    """--folder: how the engine runs the simulator, with no stdin and no stdout."""

    script = os.path.abspath(codegen_simulator.__file__)

    def setUp(self):
        import shutil
        import tempfile
        self.folder = tempfile.mkdtemp(prefix="sim-folder-")
        self.addCleanup(shutil.rmtree, self.folder, True)

    def path(self, name):
        return os.path.join(self.folder, name)

    def start(self, *args):
        """Launches it with no stdin and no stdout, as a container launcher does; returns its base URL."""
        code = subprocess.run([sys.executable, "-B", self.script, "--folder", self.folder, "--port", "0"] + list(args),
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=30).returncode
        self.assertEqual(0, code)
        until = time.monotonic() + 20
        while not os.path.exists(self.path("url")):
            self.assertLess(time.monotonic(), until, "no url file")
            time.sleep(0.01)
        with open(self.path("url")) as source:
            return source.read().strip()

    def await_file(self, name):
        until = time.monotonic() + 5
        while not os.path.exists(self.path(name)):
            self.assertLess(time.monotonic(), until, "no %s file" % name)
            time.sleep(0.02)

    def test_serves_detached_and_stops_at_the_stop_file(self):
        base_url = self.start("--scenario", "failed")
        self.assertEqual(call(base_url, "GET", "/_sim/health").status, 200)
        open(self.path("stop"), "w").close()
        self.await_file("exited")
        with self.assertRaises(OSError):
            call(base_url, "GET", "/_sim/health")

    def test_the_accepted_token_comes_from_a_file_that_is_deleted(self):
        with open(self.path("secrets.json"), "w") as out:
            json.dump({"token": "sim-file-token"}, out)
        base_url = self.start()
        self.assertFalse(os.path.exists(self.path("secrets.json")))
        self.assertEqual(call(base_url, "GET", "/v1/users/me", token="sim-file-token").status, 200)
        self.assertEqual(call(base_url, "GET", "/v1/users/me", token="another").status, 401)
        open(self.path("stop"), "w").close()
        self.await_file("exited")

    def test_a_bad_option_fails_the_launch_and_says_why_in_the_log(self):
        code = subprocess.run([sys.executable, "-B", self.script, "--folder", self.folder, "--scenario", "bogus"],
                              stdin=subprocess.DEVNULL, timeout=30).returncode
        self.assertEqual(2, code)
        with open(self.path("bridge.log")) as log:
            self.assertIn("unknown scenario name 'bogus'", log.read())
        self.assertFalse(os.path.exists(self.path("pid")))


if __name__ == "__main__":
    unittest.main()
