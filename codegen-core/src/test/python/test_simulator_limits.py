"""Tests of the simulator's lists, rate limits, control endpoints, reset and concurrency."""

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


class ListRunsTest(unittest.TestCase):
    def setUp(self):
        self.sim = Simulator().start()
        self.addCleanup(self.sim.stop)
        for index in range(5):
            create(self.sim.base_url, prompt="task %d" % index)

    def page(self, query):
        reply = call(self.sim.base_url, "GET", "/v1/organizations/1/agent/runs?" + query)
        self.assertEqual(reply.status, 200, reply)
        return reply.json()

    def test_pages_newest_first(self):
        first = self.page("skip=0&limit=2")
        self.assertEqual([run["id"] for run in first["items"]], [5, 4])
        self.assertEqual((first["total"], first["page"], first["size"], first["pages"]), (5, 1, 2, 3))
        last = self.page("skip=4&limit=2")
        self.assertEqual(([run["id"] for run in last["items"]], last["page"]), ([1], 3))
        self.assertEqual(set(first["items"][0]), set(create(self.sim.base_url).json()))

    def test_filters(self):
        me = call(self.sim.base_url, "GET", "/v1/users/me").json()["id"]
        self.assertEqual(self.page("source_type=API")["total"], 5)
        self.assertEqual(self.page("source_type=SLACK")["total"], 0)
        self.assertEqual(self.page("user_id=%d" % me)["total"], 5)
        self.assertEqual(self.page("user_id=%d" % (me + 1))["items"], [])
        # what the bridge sends when it has no user id
        self.assertEqual(self.page("skip=0&limit=100&user_id=&source_type=API")["total"], 5)

    def test_an_unknown_source_type_is_422_like_the_documented_enum(self):
        reply = call(self.sim.base_url, "GET", "/v1/organizations/1/agent/runs?source_type=BOGUS")
        self.assertEqual(reply.status, 422)
        detail = reply.json()["detail"][0]
        self.assertEqual((detail["loc"], detail["type"]), (["query", "source_type"], "enum"))
        self.assertIn("'API'", detail["msg"])

    def test_bad_paging_is_422(self):
        for query, name in (("limit=101", "limit"), ("limit=0", "limit"), ("skip=-1", "skip"),
                            ("skip=abc", "skip")):
            with self.subTest(query=query):
                reply = call(self.sim.base_url, "GET", "/v1/organizations/1/agent/runs?" + query)
                self.assertEqual(reply.status, 422)
                self.assertEqual(reply.json()["detail"][0]["loc"], ["query", name])


class RateLimitTest(unittest.TestCase):
    """Windows are in simulated time; each time scale makes the window one real second."""

    def test_eleventh_create_in_a_minute_is_429_and_refusals_take_no_slot(self):
        with Simulator(rate_limits=True, time_scale=60) as sim:
            started = time.monotonic()
            self.assertEqual({create(sim.base_url).status for _ in range(10)}, {200})
            refused = create(sim.base_url)
            self.assertEqual(refused.status, 429)
            self.assertEqual(refused.json()["message"], "Rate limit exceeded. Please try again later.")
            self.assertTrue(1 <= int(refused.headers["Retry-After"]) <= 60)
            self.assertEqual(call(sim.base_url, "GET", "/v1/users/me").status, 200)  # another window
            time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))
            self.assertEqual({create(sim.base_url).status for _ in range(3)}, {429})
            time.sleep(max(0.0, 1.05 - (time.monotonic() - started)))
            # Had the four refusals taken slots, fewer than ten would fit now.
            self.assertEqual({create(sim.base_url).status for _ in range(10)}, {200})
            self.assertEqual(create(sim.base_url).status, 429)
            self.assertEqual(sim.stats()["rate_limited"], 5)
            self.assertEqual(len(sim.runs()), 20)

    def test_sixty_first_read_in_thirty_seconds_is_429(self):
        with Simulator(rate_limits=True, time_scale=30) as sim:
            started = time.monotonic()
            statuses = [call(sim.base_url, "GET", "/v1/users/me").status for _ in range(60)]
            self.assertEqual(set(statuses), {200})
            refused = call(sim.base_url, "GET", "/v1/organizations/1/repos")
            self.assertEqual(refused.status, 429)
            self.assertTrue(1 <= int(refused.headers["Retry-After"]) <= 30)
            time.sleep(max(0.0, 1.05 - (time.monotonic() - started)))
            self.assertEqual(call(sim.base_url, "GET", "/v1/users/me").status, 200)

    def test_the_logs_endpoint_allows_sixty_reads_per_sixty_seconds_in_a_window_of_its_own(self):
        # The contract's figure for the logs endpoint (api-shapes/logs-and-resume.json): 60 per 60 s.
        with Simulator(rate_limits=True, time_scale=30) as sim:
            run_id = create(sim.base_url).json()["id"]
            logs = "/v1/alpha/organizations/1/agent/run/%d/logs?limit=1" % run_id
            started = time.monotonic()
            self.assertEqual({call(sim.base_url, "GET", logs).status for _ in range(60)}, {200})
            refused = call(sim.base_url, "GET", logs)
            self.assertEqual(refused.status, 429)
            self.assertTrue(30 < int(refused.headers["Retry-After"]) <= 60, refused.headers["Retry-After"])
            self.assertEqual(call(sim.base_url, "GET", "/v1/organizations/1/agent/run/%d" % run_id).status, 200)
            time.sleep(max(0.0, 1.2 - (time.monotonic() - started)))  # 36 simulated seconds in
            self.assertEqual(call(sim.base_url, "GET", logs).status, 429)

    def test_spec_key_enables_limits_and_retry_after_0_drops_the_header(self):
        with Simulator(time_scale=1) as sim:
            base = under(sim, "ratelimit=1;retry_after=0")
            for _ in range(10):
                create(base)
            refused = create(base)
            self.assertEqual(refused.status, 429)
            self.assertIsNone(refused.headers["Retry-After"])
            self.assertEqual(create(sim.base_url).status, 200)  # unprefixed: no limits

    def test_no_retry_after_server_wide(self):
        with Simulator(rate_limits=True, retry_after=False) as sim:
            for _ in range(10):
                create(sim.base_url)
            refused = create(sim.base_url)
            self.assertEqual(refused.status, 429)
            self.assertIsNone(refused.headers["Retry-After"])


class ControlEndpointTest(SharedSimulatorTest):
    def control(self, method, name, query=""):
        reply = call(self.sim.base_url, method, "/_sim/" + name + query, token=None)
        self.assertEqual(reply.status, 200, reply)
        return reply.json()

    def test_health(self):
        self.assertEqual(self.control("GET", "health"), {"ok": True})

    def test_runs_filtered_by_spec(self):
        spec = "polls=2;id=" + unique()
        run_id = create(under(self.sim, spec)).json()["id"]
        (record,) = self.control("GET", "runs", "?spec=" + quote(spec, safe=""))["runs"]
        self.assertEqual((record["id"], record["spec"], record["gets"], record["status"]),
                         (run_id, spec, 0, "ACTIVE"))
        for field in ("created_real", "created_sim", "terminal_sim", "detected_sim", "created_at"):
            self.assertIn(field, record)
        self.assertEqual(self.sim.runs(spec=spec), [record])

    def test_stats_count_phases_and_statuses(self):
        before = self.control("GET", "stats")
        create(self.sim.base_url)
        call(self.sim.base_url, "GET", "/v1/users/me", token=None)
        after = self.control("GET", "stats")
        self.assertEqual(after["requests"] - before["requests"], 2)
        self.assertEqual(after["by_phase"]["create"] - before["by_phase"].get("create", 0), 1)
        self.assertEqual(after["by_status"]["401"] - before["by_status"].get("401", 0), 1)
        self.assertEqual(after["auth_failures"] - before["auth_failures"], 1)
        self.assertEqual(after["runs"] - before["runs"], 1)
        self.assertEqual(self.sim.stats()["requests"], after["requests"])  # control calls not counted

    def test_wrong_method_and_unknown_control_path(self):
        self.assertEqual(call(self.sim.base_url, "GET", "/_sim/reset", token=None).status, 405)
        self.assertEqual(call(self.sim.base_url, "GET", "/_sim/nothing", token=None).status, 404)


class ResetTest(unittest.TestCase):
    def test_reset_forgets_runs_counters_and_windows(self):
        with Simulator(rate_limits=True) as sim:
            for _ in range(10):
                create(sim.base_url)
            base = under(sim, "fault=500")
            self.assertEqual(call(base, "GET", "/v1/users/me").status, 500)
            self.assertEqual(call(sim.base_url, "POST", "/_sim/reset", token=None).json(), {"ok": True})
            self.assertEqual((sim.runs(), sim.stats()["requests"]), ([], 0))
            self.assertEqual(create(sim.base_url).json()["id"], 1)
            self.assertEqual(call(base, "GET", "/v1/users/me").status, 500)

    def test_stop_ends_kept_alive_connections(self):
        sim = Simulator().start()
        parts = urlsplit(sim.base_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        connection.request("GET", "/_sim/health")
        connection.getresponse().read()
        sim.stop()
        with self.assertRaises((http.client.HTTPException, ConnectionError, OSError)):
            connection.request("GET", "/_sim/health")
            connection.getresponse().read()
        connection.close()

    def test_context_manager(self):
        with Simulator() as sim:
            self.assertTrue(sim.base_url.startswith("http://127.0.0.1:"))
            self.assertEqual(call(sim.base_url, "GET", "/_sim/health").status, 200)
class ConcurrencyTest(unittest.TestCase):
    def test_parallel_creates_get_distinct_ids(self):
        with Simulator() as sim:
            ids = []
            lock = threading.Lock()

            def work():
                for _ in range(5):
                    run_id = create(sim.base_url).json()["id"]
                    with lock:
                        ids.append(run_id)

            threads = [threading.Thread(target=work) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            self.assertEqual(sorted(ids), list(range(1, 41)))


if __name__ == "__main__":
    unittest.main()
