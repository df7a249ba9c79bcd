"""Tests of the simulated Codegen API's endpoints, talking to it over loopback the way the bridge
does: shapes, validation, authentication, options."""

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


if __name__ == "__main__":
    unittest.main()
