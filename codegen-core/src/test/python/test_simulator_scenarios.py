"""Tests of the simulator's scenario specs and of the lives of its runs."""

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


class ScenarioSpecTest(SharedSimulatorTest):
    def test_unknown_key_name_or_value_is_400(self):
        cases = {"x=1": "unknown scenario key 'x'", "nonsense": "unknown scenario name 'nonsense'",
                 "polls=zero": "polls", "success;failed": "must be key=value", "fault=418": "fault"}
        for spec, words in cases.items():
            with self.subTest(spec=spec):
                reply = call(under(self.sim, spec), "GET", "/v1/users/me")
                self.assertEqual(reply.status, 400)
                self.assertIn(words, reply.json()["detail"])
                self.assertTrue(reply.json()["detail"].startswith("simulator: "))

    def test_fully_encoded_spec_is_decoded(self):
        base = self.sim.base_url + "/s/" + quote("failed;id=" + unique(), safe="")
        run_id = create(base).json()["id"]
        self.assertEqual(poll(base, run_id).json()["status"], "FAILED")

    def test_explicit_keys_override_the_name(self):
        base = under(self.sim, "rate_limited;times=1;id=" + unique())
        self.assertEqual(call(base, "GET", "/v1/users/me").status, 429)
        self.assertEqual(call(base, "GET", "/v1/users/me").status, 200)

    def test_pr_title_and_url_overrides_reach_the_client_and_the_page_escapes_them(self):
        # Written the way a test author would: values percent-encoded inside the prefix.
        base = (self.sim.base_url + "/s/pr_url=javascript%3Aalert(1);pr_title=%3Cscript%3Ex%3C%2Fscript%3E;id="
                + unique())
        run_id = create(base).json()["id"]
        pr = poll(base, run_id).json()["github_pull_requests"][0]
        self.assertEqual((pr["url"], pr["title"]), ("javascript:alert(1)", "<script>x</script>"))
        page = call(self.sim.base_url, "GET", "/agent/trace/%d" % run_id).body
        self.assertNotIn(b"<script>", page)
        self.assertNotIn(b"href=\"javascript", page)
        self.assertIn(b"&lt;script&gt;", page)

    def test_server_wide_scenario_governs_unprefixed_requests(self):
        with Simulator(scenario="failed;polls=2") as sim:
            run_id = create(sim.base_url).json()["id"]
            self.assertEqual(poll(sim.base_url, run_id).json()["status"], "ACTIVE")
            self.assertEqual(poll(sim.base_url, run_id).json()["status"], "FAILED")
            # and a prefix still wins over it
            other = create(sim.base_url + "/s/instant").json()
            self.assertEqual(other["status"], "COMPLETE")

    def test_constructor_rejects_a_bad_scenario(self):
        with self.assertRaises(ValueError):
            Simulator(scenario="polls=-1")


class LifecycleTest(SharedSimulatorTest):
    def test_default_first_poll_sees_terminal_and_is_the_detection(self):
        spec = "id=" + unique()
        base = under(self.sim, spec)
        run_id = create(base).json()["id"]
        self.assertEqual(poll(base, run_id).json()["status"], "COMPLETE")
        (record,) = self.runs_under(spec)
        self.assertEqual(record["gets"], 1)
        self.assertIsNotNone(record["terminal_sim"])
        self.assertEqual(record["detected_sim"], record["terminal_sim"])
        self.assertGreaterEqual(record["terminal_sim"], record["created_sim"])

    def test_polls_with_intermediate_statuses_in_order(self):
        spec = "polls=4;statuses=QUEUED,ACTIVE;id=" + unique()
        base = under(self.sim, spec)
        run = create(base).json()
        seen = [run["status"]] + [poll(base, run["id"]).json()["status"] for _ in range(5)]
        self.assertEqual(seen, ["QUEUED", "QUEUED", "ACTIVE", "ACTIVE", "COMPLETE", "COMPLETE"])
        record = self.runs_under(spec)[0]
        self.assertEqual(record["gets"], 5)
        self.assertIsNotNone(record["detected_sim"])

    def test_running_runs_have_no_result_and_no_pull_requests(self):
        base = under(self.sim, "polls=3;id=" + unique())
        run_id = create(base).json()["id"]
        run = poll(base, run_id).json()
        self.assertEqual(run["status"], "ACTIVE")
        self.assertIsNone(run["result"])
        self.assertIsNone(run["github_pull_requests"])

    def test_a_run_keeps_its_spec_when_polled_without_the_prefix(self):
        base = under(self.sim, "polls=2;outcome=cancelled;id=" + unique())
        run_id = create(base).json()["id"]
        self.assertEqual(poll(self.sim.base_url, run_id).json()["status"], "ACTIVE")
        self.assertEqual(poll(self.sim.base_url, run_id).json()["status"], "CANCELLED")

    def test_instant_run_is_terminal_in_the_create_answer(self):
        run = create(under(self.sim, "instant;id=" + unique())).json()
        self.assertEqual(run["status"], "COMPLETE")
        self.assertEqual(len(run["github_pull_requests"]), 1)

    def test_unknown_intermediate_status(self):
        base = under(self.sim, "unknown_status;polls=2;id=" + unique())
        run_id = create(base).json()["id"]
        self.assertEqual(poll(base, run_id).json()["status"], "THINKING")
        self.assertEqual(poll(base, run_id).json()["status"], "COMPLETE")

    def test_outcomes(self):
        expected = {"success": "COMPLETE", "no_pr": "COMPLETE", "failed": "FAILED", "error": "ERROR",
                    "cancelled": "CANCELLED", "stopped": "STOPPED"}
        for name, status in expected.items():
            with self.subTest(outcome=name):
                base = under(self.sim, "%s;id=%s" % (name, unique()))
                run = poll(base, create(base).json()["id"]).json()
                self.assertEqual(run["status"], status)
                self.assertTrue(run["result"])
                self.assertEqual(len(run["github_pull_requests"]), 1 if name == "success" else 0)

    def test_outcome_key_matches_the_names(self):
        base = under(self.sim, "outcome=no_pr;id=" + unique())
        run = poll(base, create(base).json()["id"]).json()
        self.assertEqual((run["status"], run["github_pull_requests"]), ("COMPLETE", []))

    def test_detection_counts_only_answers_the_client_received(self):
        spec = "fault=drop_after;phase=poll;id=" + unique()
        base = under(self.sim, spec)
        run_id = create(base).json()["id"]
        with self.assertRaises((http.client.HTTPException, ConnectionError)):
            poll(base, run_id)
        record = self.runs_under(spec)[0]
        self.assertIsNotNone(record["terminal_sim"])
        self.assertIsNone(record["detected_sim"])
        self.assertEqual(poll(base, run_id).json()["status"], "COMPLETE")
        record = self.runs_under(spec)[0]
        self.assertEqual(record["gets"], 2)
        self.assertGreater(record["detected_sim"], record["terminal_sim"])

    def test_listing_does_not_advance_a_run(self):
        spec = "polls=2;id=" + unique()
        base = under(self.sim, spec)
        create(base)
        for _ in range(3):
            call(base, "GET", "/v1/organizations/1/agent/runs")
        self.assertEqual(self.runs_under(spec)[0]["gets"], 0)


class DurationTest(unittest.TestCase):
    """Time-based lifecycles; 20x time scale keeps them short."""

    def test_duration_spreads_statuses_then_turns_terminal(self):
        with Simulator(time_scale=20) as sim:
            spec = "duration=10;statuses=QUEUED,ACTIVE"  # 0.5 s real; ACTIVE from 0.25 s
            base = under(sim, spec)
            started = time.monotonic()
            run = create(base).json()
            self.assertEqual(run["status"], "QUEUED")
            time.sleep(max(0.0, 0.36 - (time.monotonic() - started)))
            self.assertEqual(poll(base, run["id"]).json()["status"], "ACTIVE")
            time.sleep(max(0.0, 0.6 - (time.monotonic() - started)))
            self.assertEqual(poll(base, run["id"]).json()["status"], "COMPLETE")
            (record,) = sim.runs(spec=spec)
            self.assertAlmostEqual(record["terminal_sim"], record["created_sim"] + 10, places=6)
            self.assertGreaterEqual(record["detected_sim"], record["terminal_sim"])
            self.assertEqual(record["gets"], 2)

    def test_slow_delay_is_in_simulated_seconds(self):
        with Simulator(time_scale=10) as sim:
            started = time.monotonic()
            self.assertEqual(call(under(sim, "slow;delay=3"), "GET", "/v1/users/me").status, 200)
            self.assertTrue(0.3 <= time.monotonic() - started < 2.5)

    def test_duration_overrides_polls(self):
        with Simulator(time_scale=100) as sim:
            base = under(sim, "duration=1000;polls=1")
            run_id = create(base).json()["id"]
            self.assertEqual(poll(base, run_id).json()["status"], "ACTIVE")


if __name__ == "__main__":
    unittest.main()
