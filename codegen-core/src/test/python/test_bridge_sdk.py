"""Tests of the bridge's SDK backend, with the SDK test double."""

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


class SdkBackendTest(BridgeTestCase):
    """The bridge as a child process, with the SDK test double (or a broken one) on PYTHONPATH."""

    def test_sdk_creates_the_run_and_rest_reads_the_pull_request(self):
        scenario = spec("success;polls=2")
        code, events = self.child(self.request(scenario, backend="sdk"), "sdk_double")
        self.assertEqual(0, code, events[-1])
        self.assertEqual("sdk", [e for e in events if e["event"] == "backend"][0]["backend"])
        self.assertIn("/pull/", events[-1]["pull_request"]["url"])
        run = self.runs_of(scenario)[0]
        self.assertIsNone(run["metadata"], "the SDK cannot tag runs")

    def test_sdk_api_errors_are_classified_from_status_and_headers(self):
        for fault, error_type, retry_after in (("401", "authentication", None), ("402", "quota", None),
                                               ("429", "rate_limit", 3)):
            with self.subTest(fault=fault):
                scenario = spec("fault=%s;phase=create;retry_after=3" % fault)
                code, events = self.child(self.request(scenario, backend="sdk"), "sdk_double")
                self.assertEqual(error_type, events[-1]["type"])
                self.assertEqual("not_created", events[-1]["create_outcome"])
                self.assertEqual(retry_after, events[-1].get("retry_after"))

    def test_sdk_never_resends_a_create_whose_outcome_is_unknown(self):
        for fault in ("500", "drop_after"):
            with self.subTest(fault=fault):
                scenario = spec("fault=%s;phase=create" % fault)
                code, events = self.child(self.request(scenario, backend="sdk"), "sdk_double")
                error = events[-1]
                self.assertEqual("unknown", error["create_outcome"])
                self.assertFalse(error["retryable"])
                self.assertIn("codegen.com/agents", error["guidance"])

    def test_sdk_connection_refused_is_safe_to_retry(self):
        request = self.request("x", backend="sdk", api_url="http://127.0.0.1:%d" % _free_port())
        code, events = self.child(request, "sdk_double")
        self.assertEqual("connection", events[-1]["type"])
        self.assertEqual("not_created", events[-1]["create_outcome"])
        self.assertTrue(events[-1]["retryable"])

    def test_missing_sdk_is_an_import_error_that_says_what_to_do(self):
        code, events = self.child(self.request(spec("success"), backend="sdk"), None)
        self.assertEqual(19, code)
        self.assertEqual("import", events[-1]["type"])
        self.assertIn("pip install codegen", events[-1]["guidance"])
        self.assertIn("rest", events[-1]["guidance"])

    def test_broken_sdk_is_an_import_error_naming_the_cause(self):
        code, events = self.child(self.request(spec("success"), backend="sdk"), "sdk_broken")
        self.assertEqual(19, code)
        self.assertIn("typer_is_not_installed_here", events[-1]["message"])

    def test_auto_falls_back_to_rest_without_the_sdk(self):
        scenario = spec("success")
        code, events = self.child(self.request(scenario, backend="auto"), None)
        self.assertEqual(0, code)
        backend = [e for e in events if e["event"] == "backend"][0]
        self.assertEqual("rest", backend["backend"])
        self.assertIn("client_request_id", self.runs_of(scenario)[0]["metadata"], "REST tags the run")

    def test_auto_uses_the_sdk_when_it_imports(self):
        code, events = self.child(self.request(spec("success"), backend="auto"), "sdk_double")
        self.assertEqual(0, code)
        self.assertEqual("sdk", [e for e in events if e["event"] == "backend"][0]["backend"])


if __name__ == "__main__":
    unittest.main()
