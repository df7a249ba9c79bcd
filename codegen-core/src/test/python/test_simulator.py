"""Tests of the simulated Codegen API, talking to it over loopback the way the bridge does."""

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


class EndpointShapeTest(SharedSimulatorTest):
    sim_options = {"extra_repos": 150}

    def test_create_answers_an_agent_run_response(self):
        run = create(self.sim.base_url, metadata={"jenkins": {"build": 42}}, model="sonnet",
                     agent_type="codegen", images=None).json()
        self.assertEqual(set(run), {"id", "organization_id", "status", "created_at", "web_url", "result",
                                    "summary", "source_type", "github_pull_requests", "metadata"})
        self.assertIsInstance(run["id"], int)
        self.assertEqual(run["organization_id"], 1)
        self.assertEqual(run["status"], "ACTIVE")
        self.assertEqual(run["source_type"], "API")
        self.assertEqual(run["metadata"], {"jenkins": {"build": 42}})
        self.assertEqual(run["web_url"], "%s/agent/trace/%d" % (self.sim.base_url, run["id"]))
        self.assertIsNone(run["result"])
        self.assertIsNone(run["github_pull_requests"])
        # ISO 8601 with an offset, readable by Python 3.8's fromisoformat
        from datetime import datetime
        self.assertEqual(datetime.fromisoformat(run["created_at"]).utcoffset().total_seconds(), 0)

    def test_run_ids_increase(self):
        first = self.existing_run()
        second = self.existing_run()
        self.assertEqual(second, first + 1)

    def test_completed_run_has_one_pull_request_titled_from_the_prompt(self):
        run_id = create(self.sim.base_url, prompt="\n\n## Fix the login bug  \nDetails follow").json()["id"]
        run = poll(self.sim.base_url, run_id).json()
        self.assertEqual(run["status"], "COMPLETE")
        self.assertTrue(run["result"])
        self.assertTrue(run["summary"])
        (pr,) = run["github_pull_requests"]
        self.assertEqual(set(pr), {"id", "title", "url", "created_at", "head_branch_name"})
        self.assertEqual(pr["title"], "Fix the login bug")
        self.assertEqual(pr["head_branch_name"], "codegen/run-%d" % run_id)
        self.assertTrue(pr["url"].startswith("https://github.com/acme/webapp/pull/"))
        self.assertEqual(int(pr["url"].rsplit("/", 1)[1]), pr["id"])

    def test_pull_request_numbers_are_a_server_wide_counter_and_follow_the_repo(self):
        first = poll(self.sim.base_url, self.existing_run()).json()["github_pull_requests"][0]
        run_id = create(self.sim.base_url, repo_id=102).json()["id"]
        second = poll(self.sim.base_url, run_id).json()["github_pull_requests"][0]
        self.assertEqual(second["id"], first["id"] + 1)
        self.assertEqual(second["url"], "https://github.com/acme/api/pull/%d" % second["id"])

    def test_pull_request_title_is_capped_at_80_characters(self):
        run_id = create(self.sim.base_url, prompt="# " + "x" * 200).json()["id"]
        pr = poll(self.sim.base_url, run_id).json()["github_pull_requests"][0]
        self.assertEqual(pr["title"], "x" * 80)

    def test_get_unknown_run_is_404_with_documented_body(self):
        reply = poll(self.sim.base_url, 999999)
        self.assertEqual(reply.status, 404)
        self.assertEqual(reply.json(), {"message": "Agent run not found.", "status_code": 404})

    def test_users_me(self):
        me = call(self.sim.base_url, "GET", "/v1/users/me").json()
        self.assertEqual(set(me), {"id", "email", "github_user_id", "github_username", "avatar_url",
                                   "full_name", "role", "is_admin"})

    def test_organizations_page(self):
        page = call(self.sim.base_url, "GET", "/v1/organizations?skip=0&limit=10").json()
        self.assertEqual((page["total"], page["page"], page["size"], page["pages"]), (1, 1, 10, 1))
        self.assertEqual(page["items"], [{"id": 1, "name": "Acme", "settings": {
            "enable_pr_creation": True, "enable_rules_detection": True}}])

    def test_repos_page_through_all_repositories(self):
        first = call(self.sim.base_url, "GET", "/v1/organizations/1/repos?skip=0&limit=100").json()
        rest = call(self.sim.base_url, "GET", "/v1/organizations/1/repos?skip=100&limit=100").json()
        self.assertEqual((first["total"], first["pages"], first["page"], len(first["items"])), (153, 2, 1, 100))
        self.assertEqual((rest["page"], len(rest["items"])), (2, 53))
        repos = first["items"] + rest["items"]
        self.assertEqual([r["full_name"] for r in repos[:4]],
                         ["acme/webapp", "acme/api", "acme/docs", "acme/repo-001"])
        self.assertEqual(repos[-1]["full_name"], "acme/repo-150")
        self.assertEqual(len({r["id"] for r in repos}), 153)
        self.assertEqual(set(repos[0]), {"id", "name", "full_name", "description", "github_id",
                                         "organization_id", "visibility", "archived", "setup_status",
                                         "language"})

    def test_repos_limit_above_100_is_422(self):
        reply = call(self.sim.base_url, "GET", "/v1/organizations/1/repos?limit=101")
        self.assertEqual(reply.status, 422)
        self.assertEqual(reply.json()["detail"][0]["loc"], ["query", "limit"])

    def test_logs(self):
        run_id = self.existing_run()
        poll(self.sim.base_url, run_id)
        logs = call(self.sim.base_url, "GET", "/v1/alpha/organizations/1/agent/run/%d/logs?skip=0&limit=10"
                    % run_id).json()
        self.assertEqual(set(logs), {"id", "organization_id", "status", "created_at", "web_url", "result",
                                     "metadata", "logs", "total_logs", "page", "size", "pages"})
        self.assertEqual((logs["id"], logs["status"], logs["total_logs"]), (run_id, "COMPLETE", 2))
        self.assertEqual(set(logs["logs"][0]), {"agent_run_id", "created_at", "tool_name", "message_type",
                                                "thought", "observation", "tool_input", "tool_output"})
        self.assertEqual(logs["logs"][-1]["message_type"], "FINAL_ANSWER")

    def test_trace_page_is_html_without_a_token(self):
        run = create(self.sim.base_url).json()
        parts = urlsplit(run["web_url"])
        reply = call(self.sim.base_url, "GET", parts.path, token=None)
        self.assertEqual(reply.status, 200)
        self.assertIn("text/html", reply.headers["Content-Type"])
        self.assertIn(b"Agent run %d" % run["id"], reply.body)
        self.assertEqual(call(self.sim.base_url, "GET", "/agent/trace/999999").status, 404)

    def test_unknown_path_is_fastapi_404(self):
        reply = call(self.sim.base_url, "GET", "/v1/nothing/here")
        self.assertEqual((reply.status, reply.json()), (404, {"detail": "Not Found"}))

    def test_wrong_method_is_405(self):
        self.assertEqual(call(self.sim.base_url, "GET", RUN_PATH).status, 405)
        self.assertEqual(call(self.sim.base_url, "DELETE", RUN_PATH + "/1").status, 405)

    def test_keep_alive_connection_serves_several_requests(self):
        parts = urlsplit(self.sim.base_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        try:
            for _ in range(3):
                connection.request("GET", "/v1/users/me", headers={"Authorization": "Bearer x"})
                response = connection.getresponse()
                self.assertEqual(response.status, 200)
                response.read()
        finally:
            connection.close()


class ValidationTest(SharedSimulatorTest):
    def assert_invalid(self, reply, *locations):
        self.assertEqual(reply.status, 422, reply)
        detail = reply.json()["detail"]
        self.assertEqual([error["loc"] for error in detail], [list(loc) for loc in locations])
        for error in detail:
            self.assertTrue(error["msg"] and error["type"])

    def test_missing_prompt(self):
        self.assert_invalid(call(self.sim.base_url, "POST", RUN_PATH, {"repo_id": 101}), ("body", "prompt"))

    def test_empty_or_non_string_prompt(self):
        for prompt in ("", "   ", 42, None, ["x"]):
            with self.subTest(prompt=prompt):
                self.assert_invalid(create(self.sim.base_url, prompt=prompt), ("body", "prompt"))

    def test_repo_id_the_org_does_not_have(self):
        self.assert_invalid(create(self.sim.base_url, repo_id=999), ("body", "repo_id"))

    def test_every_problem_is_listed(self):
        reply = call(self.sim.base_url, "POST", RUN_PATH, {"repo_id": 999, "agent_type": "robot"})
        self.assert_invalid(reply, ("body", "prompt"), ("body", "repo_id"), ("body", "agent_type"))

    def test_invalid_json_body(self):
        for raw in (b"{not json", b"", b"[1, 2]", b"\xff\xfe"):
            with self.subTest(raw=raw):
                reply = call(self.sim.base_url, "POST", RUN_PATH, raw=raw)
                self.assertEqual(reply.status, 422)
                self.assertEqual(reply.json()["detail"][0]["loc"][0], "body")

    def test_invalid_request_creates_no_run(self):
        spec = "id=" + unique()
        create(under(self.sim, spec), prompt="")
        self.assertEqual(self.runs_under(spec), [])


class AuthTest(SharedSimulatorTest):
    def test_missing_empty_or_non_bearer_token_is_401(self):
        before = self.sim.stats()["auth_failures"]
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Basic dXNlcjpwdw=="},
                        {"Authorization": TOKEN}):
            with self.subTest(headers=headers):
                reply = call(self.sim.base_url, "GET", "/v1/users/me", token=None, headers=headers)
                self.assertEqual(reply.status, 401)
                body = reply.json()
                self.assertEqual(body["status_code"], 401)
                self.assertTrue(body["message"])
        self.assertEqual(self.sim.stats()["auth_failures"] - before, 4)

    def test_401_in_each_style(self):
        base = self.sim.base_url
        detail = call(base + "/s/style=detail", "GET", "/v1/users/me", token=None).json()
        self.assertIsInstance(detail["detail"], str)
        fastapi = call(base + "/s/style=fastapi", "GET", "/v1/users/me", token=None).json()
        self.assertIsInstance(fastapi["detail"], list)
        self.assertEqual(set(fastapi["detail"][0]), {"loc", "msg", "type"})
        message = call(base + "/s/style=message", "GET", "/v1/users/me", token=None).json()
        self.assertEqual(message["status_code"], 401)

    def test_injected_401_with_a_valid_token(self):
        reply = call(under(self.sim, "auth_401;id=" + unique()), "GET", "/v1/users/me")
        self.assertEqual(reply.status, 401)

    def test_other_organization_is_403(self):
        reply = call(self.sim.base_url, "POST", "/v1/organizations/2/agent/run", {"prompt": "x"})
        self.assertEqual(reply.status, 403)
        self.assertEqual(reply.json(), {"message": "You do not have access to this organization.",
                                        "status_code": 403})
        self.assertEqual(call(self.sim.base_url, "GET", "/v1/organizations/2/repos").status, 403)

    def test_non_integer_organization_is_422(self):
        reply = call(self.sim.base_url, "GET", "/v1/organizations/acme/repos")
        self.assertEqual(reply.status, 422)
        self.assertEqual(reply.json()["detail"][0]["loc"], ["path", "org_id"])

    def test_token_is_never_stored(self):
        create(self.sim.base_url)
        call(self.sim.base_url, "GET", "/v1/users/me", token=TOKEN + "-wrong")
        for blob in (self.sim.runs(), self.sim.stats(),
                     call(self.sim.base_url, "GET", "/_sim/runs", token=None).json()):
            self.assertNotIn("SECRET", json.dumps(blob))


class ConfiguredTokenTest(SharedSimulatorTest):
    sim_options = {"token": "only-this-one"}

    def test_only_the_configured_token_is_accepted(self):
        self.assertEqual(call(self.sim.base_url, "GET", "/v1/users/me", token="only-this-one").status, 200)
        self.assertEqual(call(self.sim.base_url, "GET", "/v1/users/me", token="another").status, 401)


class MockModeOptionsTest(SharedSimulatorTest):
    """What mock mode starts: the user's own organization, and runs that link nowhere."""
    sim_options = {"org_id": 4242, "run_links": False}

    def test_the_configured_organization_is_the_one_known(self):
        reply = call(self.sim.base_url, "POST", "/v1/organizations/4242/agent/run", {"prompt": "Fix it"})
        self.assertEqual(reply.status, 200)
        self.assertEqual(reply.json()["organization_id"], 4242)
        self.assertEqual(create(self.sim.base_url).status, 403)  # organization 1 is now someone else's

    def test_runs_carry_no_web_url(self):
        reply = call(self.sim.base_url, "POST", "/v1/organizations/4242/agent/run", {"prompt": "Fix it"})
        self.assertIn("web_url", reply.json())
        self.assertIsNone(reply.json()["web_url"])


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
