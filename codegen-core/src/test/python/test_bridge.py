"""Tests of the bridge's commands against the simulated Codegen API over loopback: a run, no-wait,
health and status, the request's checks, the JSON codec."""

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


class RunTest(BridgeTestCase):
    def test_success_reports_the_pull_request_and_status_changes(self):
        scenario = spec("success;polls=3;statuses=QUEUED,ACTIVE")
        code, events, _ = self.bridge(self.request(scenario))
        self.assertEqual(0, code)
        result = events[-1]
        pr = result["pull_request"]
        self.assertRegex(pr["url"], r"^https://github.com/acme/webapp/pull/\d+$")
        self.assertEqual(int(pr["url"].rsplit("/", 1)[1]), pr["number"])
        self.assertEqual("Add input validation", pr["title"])
        self.assertTrue(pr["branch"].startswith("codegen/run-"))
        self.assertEqual("COMPLETE", result["run"]["status"])
        created = [e for e in events if e["event"] == "created"]
        self.assertEqual(1, len(created))
        self.assertEqual(result["run"]["id"], created[0]["run_id"])
        self.assertTrue(created[0]["web_url"].startswith("http"))
        statuses = [e["status"] for e in events if e["event"] == "status"]
        self.assertEqual("COMPLETE", statuses[-1])
        self.assertEqual(1, len(self.runs_of(scenario)))
        self.assertEqual(1, result["stats"]["by_phase"]["create"])
        # The three reads go through the logs endpoint (live log); one plain read gets the pull request.
        self.assertEqual(3, result["stats"]["by_phase"]["logs"])
        self.assertEqual(1, result["stats"]["by_phase"]["poll"])

    def test_every_event_has_a_timestamp(self):
        _, events, _ = self.bridge(self.request(spec("success")))
        for event in events:
            self.assertRegex(event["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_run_is_tagged_with_the_client_request_id_and_metadata(self):
        scenario = spec("success")
        self.bridge(self.request(scenario, client_request_id="req-42", metadata={"source": "jenkins", "build": 7}))
        run = self.runs_of(scenario)[0]
        self.assertEqual({"source": "jenkins", "build": 7, "client_request_id": "req-42"}, run["metadata"])

    def test_completed_run_without_pull_request_is_a_result(self):
        code, events, _ = self.bridge(self.request(spec("no_pr")))
        self.assertEqual(0, code)
        self.assertIsNone(events[-1]["pull_request"])
        self.assertEqual([], events[-1]["run"]["pull_requests"])

    def test_instant_run_needs_no_poll(self):
        code, events, _ = self.bridge(self.request(spec("instant")))
        self.assertEqual(0, code)
        self.assertEqual(0, events[-1]["stats"]["by_phase"].get("poll", 0))

    def test_agent_failures_are_task_failed_with_the_run(self):
        for outcome, status in (("failed", "FAILED"), ("error", "ERROR"), ("cancelled", "CANCELLED"),
                                ("stopped", "STOPPED")):
            with self.subTest(outcome=outcome):
                code, events, _ = self.bridge(self.request(spec(outcome)))
                error = events[-1]
                self.assertEqual(21, code)
                self.assertEqual("task_failed", error["type"])
                self.assertIn(status, error["message"])
                self.assertFalse(error["retryable"])
                self.assertEqual("created", error["create_outcome"])
                self.assertIsInstance(error["run"]["id"], int)
                self.assertIn(error["run"]["web_url"], error["guidance"])

    def test_unknown_status_is_reported_once_and_polling_goes_on(self):
        code, events, _ = self.bridge(self.request(spec("unknown_status;polls=4")))
        self.assertEqual(0, code)
        warnings = [e for e in events if e["event"] == "warning"]
        self.assertEqual(1, len(warnings))
        self.assertIn("THINKING", warnings[0]["message"])

    def test_deadline_ends_with_a_timeout_that_names_the_run(self):
        code, events, _ = self.bridge(self.request(spec("success;duration=3600"), deadline=0.3))
        error = events[-1]
        self.assertEqual(16, code)
        self.assertEqual("timeout", error["type"])
        self.assertFalse(error["retryable"])
        self.assertEqual("created", error["create_outcome"])
        self.assertIsInstance(error["run"]["id"], int)

    def test_resume_follows_an_existing_run_without_creating(self):
        scenario = spec("success;polls=2")
        code, events, _ = self.bridge(self.request(scenario, resume_run_id=self._create_only(scenario)))
        self.assertEqual(0, code)
        self.assertEqual("resumed", [e for e in events if e["event"] == "created"][0]["how"])
        self.assertEqual(1, len(self.runs_of(scenario)))
        self.assertEqual(0, events[-1]["stats"]["by_phase"].get("create", 0))

    def _create_only(self, scenario):
        """Creates a run under the scenario with a bridge that gives up after one poll."""
        _, events, _ = self.bridge(self.request(scenario, deadline=0.2, poll={"interval": 5}))
        self.assertEqual("timeout", events[-1]["type"])
        return [e for e in events if e["event"] == "created"][0]["run_id"]


class NoWaitTest(BridgeTestCase):
    """wait: false ends right after the run exists; the caller (codegenWait, codegen wait) follows it."""

    def test_result_comes_right_after_the_created_event_with_no_poll(self):
        scenario = spec("success;duration=3600")
        code, events, _ = self.bridge(self.request(scenario, wait=False))
        self.assertEqual(0, code, events[-1])
        self.assertEqual(["start", "created", "result"], [e["event"] for e in events])
        result = events[-1]
        self.assertEqual("ACTIVE", result["run"]["status"])
        self.assertEqual(events[1]["run_id"], result["run"]["id"])
        self.assertTrue(result["run"]["web_url"].startswith("http"))
        self.assertIsNone(result["pull_request"])
        self.assertEqual(1, result["stats"]["by_phase"]["create"])
        self.assertEqual(0, result["stats"]["by_phase"].get("poll", 0))
        self.assertEqual(1, len(self.runs_of(scenario)))

    def test_a_retry_after_an_unknown_create_adopts_the_tagged_run_and_does_not_wait(self):
        scenario = spec("fault=drop_after;phase=create;duration=3600")
        request = self.request(scenario, wait=False)
        _, events, _ = self.bridge(request)
        self.assertEqual("unknown", events[-1]["create_outcome"])
        code, events, _ = self.bridge(dict(request, lookup_before_create=True))
        self.assertEqual(0, code, events[-1])
        self.assertEqual("found", [e for e in events if e["event"] == "created"][0]["how"])
        self.assertIsNone(events[-1]["pull_request"])
        self.assertEqual(1, len(self.runs_of(scenario)), "the retry must not create a second run")

    def test_a_run_that_has_already_ended_is_reported_as_ended(self):
        code, events, _ = self.bridge(self.request(spec("instant"), wait=False))
        self.assertEqual(0, code)
        self.assertEqual("COMPLETE", events[-1]["run"]["status"])
        self.assertIsNotNone(events[-1]["pull_request"])

    def test_wait_must_be_a_boolean(self):
        code, events, _ = self.bridge(self.request(spec("success"), wait="no"))
        self.assertEqual(20, code)
        self.assertTrue(events[-1]["message"].startswith("wait"), events[-1]["message"])


class HealthAndStatusTest(BridgeTestCase):
    def test_health_names_user_and_organization(self):
        code, events, _ = self.bridge(self.request(spec("success"), command="health"))
        self.assertEqual(0, code)
        self.assertEqual(1, events[-1]["organization"]["id"])
        self.assertTrue(events[-1]["user"])

    def test_health_for_a_foreign_organization_lists_the_members_ones(self):
        code, events, _ = self.bridge(self.request(spec("success"), command="health", org_id=999))
        self.assertEqual(11, code)
        self.assertIn("999", events[-1]["message"])
        self.assertIn("(1)", events[-1]["message"])

    def test_health_faults(self):
        for fault, error_type in (("401", "authentication"), ("503", "server"), ("drop_before", "connection"),
                                  ("429", "rate_limit")):
            with self.subTest(fault=fault):
                code, events, _ = self.bridge(self.request(spec("fault=%s;phase=health" % fault), command="health"))
                self.assertEqual(error_type, events[-1]["type"])
                self.assertEqual("not_applicable", events[-1]["create_outcome"])

    def test_status_reads_a_run_once(self):
        scenario = spec("success")
        _, events, _ = self.bridge(self.request(scenario))
        run_id = events[-1]["run"]["id"]
        code, events, _ = self.bridge(self.request(scenario, command="status", run_id=run_id))
        self.assertEqual(0, code)
        self.assertEqual(run_id, events[-1]["run"]["id"])
        code, events, _ = self.bridge(self.request(scenario, command="status", run_id=987654))
        self.assertEqual(13, code)


class InputTest(BridgeTestCase):
    def run_raw(self, stdin, env):
        out = io.StringIO()
        code = codegen_bridge.main(io.BytesIO(stdin), out, env)
        return code, [json.loads(line) for line in out.getvalue().splitlines()]

    def test_invalid_requests_are_validation_errors_naming_the_field(self):
        cases = [(b"not json", "request"), (json.dumps({"command": "run"}).encode(), "api_url"),
                 (json.dumps(self.request("x", org_id="acme")).encode(), "org_id"),
                 (json.dumps(self.request("x", backend="grpc")).encode(), "backend"),
                 (json.dumps(self.request("x", prompt="  ")).encode(), "prompt"),
                 (json.dumps(self.request("x", command="delete")).encode(), "command"),
                 (json.dumps(self.request("x", api_url="ftp://x")).encode(), "api_url"),
                 (json.dumps(self.request("x", deadline=0)).encode(), "deadline")]
        for stdin, field in cases:
            with self.subTest(field=field):
                code, events = self.run_raw(stdin, {"CODEGEN_TOKEN": TOKEN})
                self.assertEqual(20, code)
                self.assertEqual("validation", events[-1]["type"])
                self.assertTrue(events[-1]["message"].startswith(field), events[-1]["message"])

    def test_missing_or_mangled_token(self):
        for env in ({}, {"CODEGEN_TOKEN": ""}, {"CODEGEN_TOKEN": TOKEN + "\n"}, {"CODEGEN_TOKEN": "a b c d"}):
            with self.subTest(env=list(env)):
                code, events = self.run_raw(json.dumps(self.request(spec("success"))).encode(), env)
                self.assertEqual(10, code)
                self.assertEqual("authentication", events[-1]["type"])
                self.assertNotIn(TOKEN, json.dumps(events))

    def test_backend_comes_from_the_environment_when_the_request_names_none(self):
        request = self.request(spec("success"))
        request.pop("backend", None)
        code, events = self.run_raw(json.dumps(request).encode(), {"CODEGEN_TOKEN": TOKEN, "CODEGEN_BACKEND": "grpc"})
        self.assertEqual(20, code)
        self.assertIn("backend", events[-1]["message"])

    def test_unicode_prompt_arrives_intact(self):
        scenario = spec("success")
        prompt = "Fix the caf\u00e9 \u2603 \U0001F680 \u05e9\u05dc\u05d5\u05dd \u4e2d\u6587"
        code, _, raw = self.bridge(self.request(scenario, prompt=prompt))
        self.assertEqual(0, code)
        self.assertEqual(prompt, self.runs_of(scenario)[0]["prompt"])
        raw.encode("ascii")  # the protocol is ASCII on the wire: no encoding can mangle it

    def test_debug_logging_shows_requests_but_never_the_token(self):
        code, events, raw = self.bridge(self.request(spec("success"), debug=True))
        self.assertEqual(0, code)
        debug = [e["message"] for e in events if e["event"] == "debug"]
        self.assertTrue(any(m.startswith("POST /v1/organizations/1/agent/run -> 200") for m in debug), debug)
        self.assertNotIn("Bearer", raw)

    def test_a_token_echoed_by_the_server_is_masked(self):
        # Defence in depth: even a server that reflects the token cannot make the bridge print it.
        out = io.StringIO()
        events = codegen_bridge.Events(codegen_bridge.StreamSink(out), codegen_bridge.Clock(1), TOKEN)
        events.emit("debug", message="server said: Bearer " + TOKEN)
        self.assertNotIn(TOKEN, out.getvalue())
        self.assertIn("Bearer ****", out.getvalue())


class JsonCodecTest(unittest.TestCase):
    """The bridge's JSON on the C accelerator must read and write exactly what the json module does."""

    SAMPLES = [{"a": [1, 2.5, -3e-7, True, False, None], "b": {"c": "caf\u00e9 \U0001F680 \"q\" \\ \n"}},
               [], {}, "x", 12345678901234567890, {"nested": [[{"deep": [None]}]]}]

    def test_round_trip_matches_the_json_module(self):
        for sample in self.SAMPLES:
            with self.subTest(sample=sample):
                text = codegen_bridge.json_dumps(sample)
                self.assertEqual(json.dumps(sample, ensure_ascii=True, separators=(",", ":")), text)
                self.assertEqual(sample, codegen_bridge.json_loads(text))
                self.assertEqual(sample, codegen_bridge.json_loads("  \n" + json.dumps(sample, indent=2) + "\n "))

    def test_malformed_input_is_a_value_error(self):
        for text in ("", "{", '{"a":1} trailing', "[1,]", "nul", '"unterminated'):
            with self.subTest(text=text):
                with self.assertRaises(ValueError):
                    codegen_bridge.json_loads(text)

    def test_objects_it_cannot_encode_become_text(self):
        self.assertEqual('{"when":"2026"}', codegen_bridge.json_dumps({"when": _Year()}))


class _Year:
    def __str__(self):
        return "2026"


if __name__ == "__main__":
    unittest.main()
