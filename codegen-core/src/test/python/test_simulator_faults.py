"""Tests of the simulator's faults, scripted and random."""

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


class FaultTest(SharedSimulatorTest):
    def request(self, base, phase, run_id):
        method, path, body = phase_request(phase, run_id)
        return call(base, method, path, body)

    def assert_fault_body(self, kind, reply):
        status = int(kind[:3])
        self.assertEqual(reply.status, status)
        if status in (401, 402, 403, 404, 429):
            self.assertEqual(reply.json()["status_code"], status)
            self.assertTrue(reply.json()["message"])
        elif status == 422:
            self.assertEqual(set(reply.json()["detail"][0]), {"loc", "msg", "type"})
        elif status == 500:
            self.assertEqual(reply.json(), {"detail": "Internal Server Error"})
        else:  # 502 and 503 come from "a proxy": not JSON
            self.assertFalse(reply.headers["Content-Type"].startswith("application/json"))
            with self.assertRaises(ValueError):
                reply.json()

    def test_status_faults_in_every_phase_then_normal(self):
        kinds = ("401", "402", "403", "404", "422", "429", "429_no_retry_after", "500", "502", "503")
        run_id = self.existing_run()
        for kind in kinds:
            for phase in ALL_PHASES:
                with self.subTest(kind=kind, phase=phase):
                    spec = "fault=%s;phase=%s;id=%s" % (kind, phase, unique())
                    base = under(self.sim, spec)
                    other = "poll" if phase != "poll" else "health"
                    self.assertEqual(self.request(base, other, run_id).status, 200)  # other phases untouched
                    self.assert_fault_body(kind, self.request(base, phase, run_id))
                    self.assertEqual(self.request(base, phase, run_id).status, 200)  # times=1 by default
                    # A refused create leaves no run: only the second, unfaulted one exists.
                    self.assertEqual(len(self.runs_under(spec)), 1 if phase == "create" else 0)

    def test_documented_messages(self):
        expected = {
            "quota_402": "Alloted agent runs for the current billing plan have been reached. "
                         "Please upgrade your plan to continue.",
            "forbidden_403": "You do not have access to this organization.",
            "rate_limited": "Rate limit exceeded. Please try again later.",
        }
        for name, message in expected.items():
            with self.subTest(name=name):
                reply = create(under(self.sim, "%s;id=%s" % (name, unique())))
                self.assertEqual(reply.json()["message"], message)
        create_404 = create(under(self.sim, "not_found_404;id=" + unique())).json()
        self.assertEqual(create_404["message"],
                         "No repos found in the organization. Please add some repos and try again.")
        poll_404 = poll(under(self.sim, "not_found_404;id=" + unique()), self.existing_run()).json()
        self.assertEqual(poll_404["message"], "Agent run not found.")
        invalid = create(under(self.sim, "invalid_422;id=" + unique())).json()
        self.assertEqual(invalid["detail"][0]["loc"], ["body", "prompt"])

    def test_injected_429_retry_after_header(self):
        reply = create(under(self.sim, "rate_limited;id=" + unique()))
        self.assertEqual(reply.headers["Retry-After"], "2")
        reply = create(under(self.sim, "rate_limited;retry_after=7;id=" + unique()))
        self.assertEqual(reply.headers["Retry-After"], "7")
        for spec in ("rate_limited;retry_after=0", "rate_limited_no_retry_after"):
            with self.subTest(spec=spec):
                reply = create(under(self.sim, "%s;id=%s" % (spec, unique())))
                self.assertEqual(reply.status, 429)
                self.assertIsNone(reply.headers["Retry-After"])

    def test_error_body_styles_apply_to_documented_errors(self):
        reply = create(under(self.sim, "quota_402;style=detail;id=" + unique())).json()
        self.assertIsInstance(reply["detail"], str)
        reply = create(under(self.sim, "rate_limited;style=fastapi;id=" + unique())).json()
        self.assertIsInstance(reply["detail"], list)

    def test_refused_faults_create_no_run(self):
        for name in ("server_500", "rate_limited", "quota_402", "bad_gateway_502"):
            with self.subTest(name=name):
                spec = "%s;id=%s" % (name, unique())
                create(under(self.sim, spec))
                self.assertEqual(self.runs_under(spec), [])

    def test_drop_before_leaves_no_run_and_drop_after_leaves_exactly_one(self):
        for kind, runs in (("drop_before", 0), ("drop_after", 1)):
            with self.subTest(kind=kind):
                spec = "fault=%s;phase=create;id=%s" % (kind, unique())
                with self.assertRaises((http.client.HTTPException, ConnectionError)):
                    create(under(self.sim, spec))
                self.assertEqual(len(self.runs_under(spec)), runs)

    def test_drop_closes_the_socket_without_a_byte(self):
        for kind in ("drop_before", "drop_after"):
            for phase in ALL_PHASES:
                with self.subTest(kind=kind, phase=phase):
                    base = under(self.sim, "fault=%s;phase=%s;id=%s" % (kind, phase, unique()))
                    method, path, body = phase_request(phase, self.existing_run())
                    payload = json.dumps(body).encode() if body else b""
                    parts = urlsplit(base)
                    request = ("%s %s%s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                               "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                               % (method, parts.path, path, len(payload))).encode() + payload
                    with socket.create_connection((parts.hostname, parts.port), timeout=5) as raw:
                        raw.sendall(request)
                        self.assertEqual(raw.recv(1024), b"")

    def test_drop_before_a_poll_does_not_count_as_a_get(self):
        spec = "id=" + unique()
        run_id = create(under(self.sim, spec)).json()["id"]
        with self.assertRaises((http.client.HTTPException, ConnectionError)):
            poll(under(self.sim, "drop_before;id=" + unique()), run_id)
        self.assertEqual(self.runs_under(spec)[0]["gets"], 0)

    def test_malformed_and_empty_bodies_in_every_phase(self):
        for kind in ("malformed", "empty"):
            for phase in ALL_PHASES:
                with self.subTest(kind=kind, phase=phase):
                    base = under(self.sim, "fault=%s;phase=%s;id=%s" % (kind, phase, unique()))
                    reply = self.request(base, phase, self.existing_run())
                    self.assertEqual(reply.status, 200)
                    if kind == "empty":
                        self.assertEqual(reply.body, b"")
                    else:
                        self.assertTrue(reply.body.startswith(b"{"))
                    with self.assertRaises(ValueError):
                        reply.json()
                    self.assertEqual(self.request(base, phase, self.existing_run()).status, 200)

    def test_malformed_create_still_creates_the_run(self):
        spec = "malformed_json;phase=create;id=" + unique()
        create(under(self.sim, spec))
        self.assertEqual(len(self.runs_under(spec)), 1)

    def test_slow_answers_normally_after_the_delay(self):
        for phase in ("create", "health"):
            with self.subTest(phase=phase):
                base = under(self.sim, "fault=slow;delay=0.3;phase=%s;id=%s" % (phase, unique()))
                started = time.monotonic()
                reply = self.request(base, phase, 0)
                self.assertEqual(reply.status, 200)
                self.assertGreaterEqual(time.monotonic() - started, 0.3)
                started = time.monotonic()
                self.request(base, phase, 0)
                self.assertLess(time.monotonic() - started, 0.3)

    def test_times_counts_per_spec_and_all_means_always(self):
        base = under(self.sim, "fault=500;times=2;id=" + unique())
        self.assertEqual([call(base, "GET", "/v1/users/me").status for _ in range(4)], [500, 500, 200, 200])
        base = under(self.sim, "server_500;id=" + unique())
        self.assertEqual({call(base, "GET", "/v1/users/me").status for _ in range(4)}, {500})
        base = under(self.sim, "fault=500;times=0;id=" + unique())
        self.assertEqual(call(base, "GET", "/v1/users/me").status, 200)

    def test_specs_with_different_ids_have_their_own_counters(self):
        first = under(self.sim, "fault=503;id=" + unique())
        second = under(self.sim, "fault=503;id=" + unique())
        self.assertEqual(call(first, "GET", "/v1/users/me").status, 503)
        self.assertEqual(call(second, "GET", "/v1/users/me").status, 503)
        self.assertEqual(call(first, "GET", "/v1/users/me").status, 200)

    def test_health_phase_covers_organizations_too(self):
        base = under(self.sim, "fault=500;phase=health;times=all;id=" + unique())
        self.assertEqual(call(base, "GET", "/v1/organizations").status, 500)
        self.assertEqual(call(base, "GET", "/v1/users/me").status, 500)
        self.assertEqual(call(base, "GET", "/v1/organizations/1/repos").status, 200)

    def test_stats_count_injected_faults(self):
        before = self.sim.stats()["faults"].get("502", 0)
        call(under(self.sim, "bad_gateway_502;id=" + unique()), "GET", "/v1/users/me")
        self.assertEqual(self.sim.stats()["faults"]["502"], before + 1)


class RandomFaultTest(unittest.TestCase):
    def outcomes(self, base, count=40):
        seen = []
        for _ in range(count):
            try:
                reply = call(base, "GET", "/v1/users/me")
            except (http.client.HTTPException, ConnectionError):
                seen.append("dropped")
                continue
            try:
                reply.json()
                seen.append(reply.status)
            except ValueError:
                seen.append("%d-unparsable" % reply.status)
        return seen

    def test_seeded_fault_rate_is_reproducible(self):
        with Simulator() as sim:
            first = self.outcomes(under(sim, "fault_rate=0.5;seed=11"))
            sim.reset()
            again = self.outcomes(under(sim, "fault_rate=0.5;seed=11"))
        self.assertEqual(first, again)
        self.assertIn(200, first)
        self.assertTrue(set(first) - {200}, first)

    def test_server_wide_fault_rate_applies_to_unprefixed_requests(self):
        with Simulator(fault_rate=0.5, seed=11) as sim:
            unprefixed = self.outcomes(sim.base_url)
            prefixed = self.outcomes(under(sim, "id=clean"))
        with Simulator(fault_rate=0.5, seed=11) as sim:
            self.assertEqual(self.outcomes(sim.base_url), unprefixed)
        self.assertTrue(set(unprefixed) - {200})
        self.assertEqual(set(prefixed), {200})


if __name__ == "__main__":
    unittest.main()
