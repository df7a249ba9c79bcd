"""The bridge's folder form, as PythonBridge uses it: request.json and an owner-only secrets.json in,
events.jsonl, result.json, pid and heartbeat out, a stop file to abort. The bridge is started the way
Java starts it (a fresh interpreter that detaches it and returns) against the simulated API."""
import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import unittest
from unittest import mock

import codegen_bridge
from codegen_simulator import Simulator
from bridge_support import TOKEN, alive, await_result, read_text, run_in_folder, spec, start_in_folder, wait_until_gone


class FolderTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(extra_repos=0)
        cls.sim.start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="bridge-files-")
        self.addCleanup(shutil.rmtree, self.folder, True)

    def request(self, scenario, **fields):
        request = {"protocol": 1, "command": "run", "api_url": "%s/s/%s" % (self.sim.base_url, scenario),
                   "org_id": 1, "prompt": "# Add input validation\nValidate the form.",
                   "client_request_id": "files-" + scenario, "deadline": 60, "request_timeout": 2,
                   "lookup_grace": 0.05, "poll": {"interval": 0.01, "max_interval": 0.05, "growth": 0.1}}
        request.update(fields)
        return request

    def creates(self, scenario):
        return [r for r in self.sim.runs() if r["spec"] == scenario]

    def await_event(self, name, timeout=20):
        until = time.monotonic() + timeout
        while True:
            lines = read_text(self.folder, "events.jsonl").splitlines()
            events = [json.loads(line) for line in lines]
            found = [e for e in events if e["event"] == name]
            if found:
                return found[0]
            self.assertLess(time.monotonic(), until, "no %s event; bridge.log: %s"
                            % (name, read_text(self.folder, "bridge.log")))
            time.sleep(0.01)


class FilesTest(FolderTestCase):
    def test_a_run_reports_through_its_files_and_the_secrets_are_gone(self):
        scenario = spec("success;polls=2;statuses=QUEUED,ACTIVE")
        code, events, result = run_in_folder(self.folder, self.request(scenario), {"token": TOKEN})
        self.assertEqual(0, code)
        self.assertEqual("result", result["event"])
        self.assertTrue(result["pull_request"]["url"].startswith("https://github.com/"))
        self.assertEqual(["start", "created"], [e["event"] for e in events][:2])
        self.assertNotIn("result", [e["event"] for e in events], "the final event is in result.json only")
        self.assertFalse(os.path.exists(os.path.join(self.folder, "secrets.json")))
        self.assertFalse(os.path.exists(os.path.join(self.folder, "result.json.tmp")))
        for name in os.listdir(self.folder):
            self.assertNotIn(TOKEN, read_text(self.folder, name), name)
        self.assertEqual(1, len(self.creates(scenario)))

    def test_start_returns_while_the_bridge_goes_on_and_its_heartbeat_beats(self):
        scenario = spec("success;duration=3600")
        self.assertEqual(0, start_in_folder(self.folder, self.request(scenario), {"token": TOKEN}))
        pid = int(read_text(self.folder, "pid"))
        self.assertTrue(alive(pid))
        self.await_event("created")
        first = read_text(self.folder, "heartbeat")
        until = time.monotonic() + 10
        while read_text(self.folder, "heartbeat") in ("", first):
            self.assertLess(time.monotonic(), until, "the heartbeat did not change")
            time.sleep(0.05)
        self.assertEqual(0, codegen_bridge.kill(self.folder))
        wait_until_gone(pid)
        self.assertFalse(os.path.exists(os.path.join(self.folder, "result.json")), "a killed bridge writes nothing")

    def test_kill_ends_only_the_bridge_of_its_folder(self):
        scenario = spec("success;duration=3600")
        start_in_folder(self.folder, self.request(scenario), {"token": TOKEN})
        self.await_event("created")
        pid = int(read_text(self.folder, "pid"))
        other = tempfile.mkdtemp(prefix="bridge-files-")
        self.addCleanup(shutil.rmtree, other, True)
        with open(os.path.join(other, "pid"), "w") as out:
            out.write(str(pid))  # a stale pid file that now names someone else's process
        self.assertEqual(1, codegen_bridge.kill(other))
        self.assertTrue(alive(pid))
        self.assertEqual(0, codegen_bridge.kill(self.folder))
        wait_until_gone(pid)

    def test_the_stop_file_ends_a_run_with_an_aborted_error_naming_the_run(self):
        scenario = spec("success;duration=3600")
        start_in_folder(self.folder, self.request(scenario, poll={"interval": 30}), {"token": TOKEN})
        created = self.await_event("created")
        open(os.path.join(self.folder, "stop"), "w").close()
        events, result = await_result(self.folder, timeout=5)
        self.assertEqual("error", result["event"])
        self.assertEqual("aborted", result["type"])
        self.assertEqual("created", result["create_outcome"])
        self.assertEqual(created["run_id"], result["run"]["id"])
        self.assertIn(str(created["run_id"]), result["message"])
        wait_until_gone(int(read_text(self.folder, "pid")), timeout=5)

    def test_a_stop_before_the_bridge_started_creates_nothing(self):
        scenario = spec("success")
        open(os.path.join(self.folder, "stop"), "w").close()
        start_in_folder(self.folder, self.request(scenario, lookup_grace=5), {"token": TOKEN})
        events, result = await_result(self.folder, timeout=5)
        self.assertEqual("aborted", result["type"])
        self.assertNotEqual("created", result["create_outcome"])
        time.sleep(0.3)
        self.assertEqual([], self.creates(scenario))

    def test_attach_follows_the_run_and_never_creates_one(self):
        scenario = spec("success;polls=2")
        code, _, first = run_in_folder(self.folder, self.request(scenario), {"token": TOKEN})
        run_id = first["run"]["id"]
        again = tempfile.mkdtemp(prefix="bridge-files-")
        self.addCleanup(shutil.rmtree, again, True)
        code, events, result = run_in_folder(again, self.request(scenario, resume_run_id=run_id), {"token": TOKEN})
        self.assertEqual(0, code)
        self.assertEqual("resumed", [e for e in events if e["event"] == "created"][0]["how"])
        self.assertEqual(run_id, result["run"]["id"])
        self.assertEqual(1, len(self.creates(scenario)))

    def test_without_a_secrets_file_the_token_is_missing(self):
        code, _, result = run_in_folder(self.folder, self.request(spec("success")), None)
        self.assertEqual("authentication", result["type"])

    def test_a_request_that_is_not_json_is_a_validation_error(self):
        start_in_folder(self.folder, {}, {"token": TOKEN})
        with open(os.path.join(self.folder, "request.json"), "w") as out:
            out.write("{not json")
        # The request was written after the start: the bridge may have read either; both are refused.
        _, result = await_result(self.folder)
        self.assertEqual("validation", result["type"])


@contextlib.contextmanager
def no_proc():
    """This process as on macOS or Windows: /proc is not there, so no command line can be read."""
    real_open, real_exists = open, os.path.exists

    def fake_open(path, *args, **kwargs):
        if str(path).startswith("/proc/"):
            raise FileNotFoundError(2, "No such file or directory", path)
        return real_open(path, *args, **kwargs)

    with mock.patch("builtins.open", fake_open), \
            mock.patch("os.path.exists", lambda path: not str(path).startswith("/proc/") and real_exists(path)):
        yield


class StalePidTest(FolderTestCase):
    """After a reboot the pid in the folder may be any process's: without /proc, kill() must prove that
    the pid is the bridge (its lock is held) before it kills."""

    def test_without_proc_a_pid_that_is_not_the_bridge_is_never_killed(self):
        # A session leader, as daemons and shells are: a kill of its process group would reach it.
        stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
        self.addCleanup(stranger.wait)
        self.addCleanup(stranger.kill)
        with open(os.path.join(self.folder, "pid"), "w") as out:
            out.write(str(stranger.pid))  # a bridge of this folder ran, died, and its pid went to another process
        open(os.path.join(self.folder, "lock"), "w").close()  # the dead bridge's lock file, held by nobody
        with no_proc():
            self.assertEqual(1, codegen_bridge.kill(self.folder))
        self.assertIsNone(stranger.poll(), "an unrelated process was killed")
        with no_proc():
            os.remove(os.path.join(self.folder, "lock"))
            self.assertEqual(1, codegen_bridge.kill(self.folder), "no lock file at all proves nothing either")
        self.assertIsNone(stranger.poll())

    def test_without_proc_the_live_bridge_is_still_killed(self):
        start_in_folder(self.folder, self.request(spec("success;duration=3600")), {"token": TOKEN})
        self.await_event("created")
        pid = int(read_text(self.folder, "pid"))
        with no_proc():
            self.assertEqual(0, codegen_bridge.kill(self.folder))
        wait_until_gone(pid)


class SecretsTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="bridge-secrets-")
        self.addCleanup(shutil.rmtree, self.folder, True)

    def write(self, text):
        with open(os.path.join(self.folder, "secrets.json"), "w") as out:
            out.write(text)

    def test_values_arrive_as_written_and_the_file_is_deleted(self):
        proxy = "http://me:pa%24%24%20$HOME@proxy:3128"
        self.write(json.dumps({"token": "tok$HOME`x`", "environment": {"HTTPS_PROXY": proxy}}))
        token, variables = codegen_bridge._take_secrets(self.folder)
        self.assertEqual("tok$HOME`x`", token)
        self.assertEqual({"HTTPS_PROXY": proxy}, variables)
        self.assertFalse(os.path.exists(os.path.join(self.folder, "secrets.json")))

    def test_a_malformed_file_is_deleted_too_and_gives_no_token(self):
        self.write("{broken")
        self.assertEqual(("", {}), codegen_bridge._take_secrets(self.folder))
        self.assertFalse(os.path.exists(os.path.join(self.folder, "secrets.json")))

    def test_the_result_is_written_whole_and_once(self):
        sink = codegen_bridge.FileSink(self.folder)
        sink.event('{"event":"start"}')
        self.assertTrue(sink.final('{"event":"result"}'))
        self.assertFalse(sink.final('{"event":"error","type":"aborted"}'), "the first final event wins")
        sink.event('{"event":"late"}')
        self.assertEqual('{"event":"result"}\n', read_text(self.folder, "result.json"))
        self.assertEqual('{"event":"start"}\n', read_text(self.folder, "events.jsonl"))
        mode = stat.S_IMODE(os.stat(os.path.join(self.folder, "result.json")).st_mode)
        self.assertEqual(0, mode & stat.S_IWOTH)


if __name__ == "__main__":
    unittest.main()
