"""What the simulator's tests share: calls over loopback the way the bridge makes them."""

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



TOKEN = "tok-SECRET-5f9c2e"
RUN_PATH = "/v1/organizations/1/agent/run"
ALL_PHASES = ("create", "poll", "list", "repos", "health", "logs", "resume")
_ids = itertools.count(1)


def unique(prefix="t"):
    """An `id=` value no other test uses, so counters and runs stay this test's own."""
    return "%s%d" % (prefix, next(_ids))


class Reply(namedtuple("Reply", "status headers body")):
    def json(self):
        return json.loads(self.body.decode("utf-8"))


def call(base_url, method, path, body=None, token=TOKEN, raw=None, headers=None, timeout=10):
    """One request on its own connection. A dropped connection raises (RemoteDisconnected)."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        send = dict(headers or {})
        if token is not None:
            send["Authorization"] = "Bearer " + token
        payload = raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
        if payload is not None:
            send["Content-Type"] = "application/json"
        connection.request(method, parts.path + path, body=payload, headers=send)
        response = connection.getresponse()
        reply = Reply(response.status, response.headers, response.read())
    finally:
        connection.close()
    # Every answer carries Content-Length: keep-alive clients depend on it.
    assert reply.headers.get("Content-Length") == str(len(reply.body)), reply
    return reply


def under(sim, spec):
    """The base URL a client gets to run under `spec`."""
    return sim.base_url + "/s/" + quote(spec, safe=";=,")


def create(base_url, prompt="Fix the login bug", **fields):
    fields["prompt"] = prompt
    return call(base_url, "POST", RUN_PATH, fields)


def poll(base_url, run_id):
    return call(base_url, "GET", "%s/%d" % (RUN_PATH, run_id))


def phase_request(phase, run_id):
    """(method, path, body) of a request in each fault phase."""
    return {
        "create": ("POST", RUN_PATH, {"prompt": "Fix"}),
        "poll": ("GET", "%s/%d" % (RUN_PATH, run_id), None),
        "list": ("GET", "/v1/organizations/1/agent/runs", None),
        "repos": ("GET", "/v1/organizations/1/repos", None),
        "health": ("GET", "/v1/users/me", None),
        "logs": ("GET", "/v1/alpha/organizations/1/agent/run/%d/logs" % run_id, None),
        "resume": ("POST", RUN_PATH + "/resume", {"agent_run_id": run_id, "prompt": "Follow up"}),
    }[phase]


class SharedSimulatorTest(unittest.TestCase):
    """One simulator for the class; each test isolates itself with its own `id=`."""

    sim_options = {}

    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(**cls.sim_options).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def existing_run(self):
        return create(self.sim.base_url).json()["id"]

    def runs_under(self, spec):
        return self.sim.runs(spec=spec)
