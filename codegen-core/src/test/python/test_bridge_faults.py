"""Tests of the bridge against a failing API: create and poll faults, exactly one agent run,
polling pace, repositories."""

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
from bridge_support import (HERE, _free_port, SCRIPTS, START, TOKEN, BridgeTestCase, alive, await_result, interpreter_options,
                            read_text, run_in_folder, spec, start_in_folder, wait_until_gone)


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


if __name__ == "__main__":
    unittest.main()
