"""What the bridge's tests share: the simulated API, the bridge in this process or as a child
process through its folder (request.json, secrets.json in, events.jsonl and result.json out).

Most tests run the bridge's main() in this process (fast); the SDK tests start it as a child
process with the SDK test double on its PYTHONPATH, the way Java runs it. test_bridge_files.py tests
the folder form itself."""

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


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
