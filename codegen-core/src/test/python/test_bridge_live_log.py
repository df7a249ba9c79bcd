"""The bridge's live log (agent_log events through the logs endpoint, its fallback) and follow-ups
(follow_up_run_id: POST resume, sent once), against the simulated Codegen API over loopback."""
import time
import unittest
from urllib.parse import quote

import codegen_bridge
from codegen_bridge import clean_text
from bridge_support import TOKEN, BridgeTestCase, spec


def of(events, name):
    return [e for e in events if e["event"] == name]


class LiveLogTest(BridgeTestCase):
    def test_each_entry_is_reported_once_in_order_while_the_run_works(self):
        scenario = spec("polls=4")
        code, events, _ = self.bridge(self.request(scenario))
        self.assertEqual(0, code, events[-1])
        logs = of(events, "agent_log")
        record = self.runs_of(scenario)[0]
        self.assertEqual(record["log_entries"], len(logs))
        self.assertEqual(list(range(len(logs))), [e["index"] for e in logs])  # none repeated, none left out
        self.assertEqual(5, len(logs))
        self.assertEqual("FINAL_ANSWER", logs[-1]["message_type"])
        for entry in logs:
            self.assertEqual(record["id"], entry["run_id"])
            self.assertIsInstance(entry["thought"], str)
            self.assertIsInstance(entry["created_at"], str)
            self.assertIn("tool_name", entry)
        # Entries arrive while the run works, not all at the end: the first comes before the final status.
        order = [e["event"] for e in events]
        self.assertLess(order.index("agent_log"), max(i for i, e in enumerate(events) if e["event"] == "status"))
        self.assertEqual([], of(events, "live_log"))

    def test_log_skip_reports_only_later_entries(self):
        scenario = spec("polls=4")
        _, created, _ = self.bridge(self.request(scenario, wait=False))
        run_id = created[-1]["run"]["id"]
        self.assertEqual([], of(created, "agent_log"))
        self.assertEqual(0, created[-1]["stats"]["by_phase"].get("logs", 0))  # wait: false reads no log
        code, events, _ = self.bridge(self.request(scenario, resume_run_id=run_id, log_skip=2))
        self.assertEqual(0, code, events[-1])
        indexes = [e["index"] for e in of(events, "agent_log")]
        self.assertEqual(list(range(2, self.runs_of(scenario)[0]["log_entries"])), indexes)

    def test_reads_per_run_do_not_grow_with_the_live_log(self):
        reads = {}
        for live in (True, False):
            scenario = spec("polls=5")
            code, events, _ = self.bridge(self.request(scenario, live_log=live))
            self.assertEqual(0, code, events[-1])
            record = self.runs_of(scenario)[0]
            reads[live] = record["gets"] + record["logs"]
            self.assertEqual(bool(of(events, "agent_log")), live)
        self.assertEqual(5, reads[False])
        self.assertLessEqual(reads[True], reads[False] + 1)  # plus the one plain read for the pull request

    def test_fallback_happens_once_and_the_run_still_completes(self):
        cases = (("logs_endpoint=false", 404), ("fault=403;phase=logs;times=all", 403),
                 ("fault=422;phase=logs;times=all", 422), ("fault=404;phase=logs;times=all", 404))
        for text, status in cases:
            with self.subTest(status=status, scenario=text):
                scenario = spec(text + ";polls=3")
                code, events, _ = self.bridge(self.request(scenario, debug=True))
                self.assertEqual(0, code, events[-1])
                fallback = of(events, "live_log")
                self.assertEqual(1, len(fallback))
                self.assertEqual((False, status), (fallback[0]["available"], fallback[0]["http_status"]))
                self.assertTrue(fallback[0]["reason"].endswith("."))
                self.assertTrue(any("live log unavailable" in e["message"] for e in of(events, "debug")))
                self.assertTrue(events[-1]["pull_request"]["url"].startswith("https://github.com/"))
                stats = events[-1]["stats"]["by_phase"]
                self.assertEqual(1, stats["logs"])  # tried once, never again
                self.assertEqual(3, stats["poll"])  # the failed poll was retried plainly at once: none lost

    def test_a_fallback_without_debug_has_no_debug_event(self):
        code, events, _ = self.bridge(self.request(spec("logs_endpoint=false")))
        self.assertEqual(0, code)
        self.assertEqual(1, len(of(events, "live_log")))
        self.assertEqual([], of(events, "debug"))

    def test_rate_limited_logs_read_waits_and_goes_on(self):
        code, events, _ = self.bridge(self.request(spec("fault=429;phase=logs;retry_after=0;polls=2")))
        self.assertEqual(0, code, events[-1])
        self.assertEqual(1, events[-1]["stats"]["rate_limited"])
        self.assertEqual(1, len(of(events, "wait")))
        self.assertEqual([], of(events, "live_log"))
        self.assertTrue(of(events, "agent_log"))

    def test_server_errors_on_a_logs_read_fail_like_a_plain_read(self):
        for fault, error_type in (("500", "server"), ("drop_after", "connection"), ("malformed", "server")):
            with self.subTest(fault=fault):
                code, events, _ = self.bridge(self.request(spec("fault=%s;phase=logs" % fault)))
                error = events[-1]
                self.assertEqual((error_type, "logs", "created"), (error["type"], error["phase"], error["create_outcome"]))
                self.assertIsInstance(error["run"]["id"], int)
                self.assertTrue(error["retryable"])
                self.assertEqual([], of(events, "live_log"))

    def test_entries_are_one_masked_line(self):
        thought = "Ran\ttests\n\x1b[31mFAILED\x1b[0m   with token %s \u202eevil\r\nend" % TOKEN
        scenario = spec("log_thought=" + quote(thought, safe=""))
        code, events, raw = self.bridge(self.request(scenario))
        self.assertEqual(0, code, events[-1])
        self.assertNotIn(TOKEN, raw)
        for entry in of(events, "agent_log"):
            self.assertEqual("Ran tests [31mFAILED [0m with token **** evil end", entry["thought"])

    def test_the_sdk_backend_reads_the_log_through_rest(self):
        code, events = self.child(self.request(spec("polls=2"), backend="sdk"), sdk_folder="sdk_double")
        self.assertEqual(0, code, events[-1])
        self.assertEqual("sdk", of(events, "backend")[0]["backend"])
        self.assertEqual(3, len(of(events, "agent_log")))
        self.assertEqual(2, events[-1]["stats"]["by_phase"]["logs"])
        self.assertIsNotNone(events[-1]["pull_request"])


class CleanTextTest(unittest.TestCase):
    def test_control_characters_become_single_spaces(self):
        self.assertEqual("a b c d e", clean_text("a\n\n b\t\tc\x1bd\x7f\u2028e  "))
        self.assertEqual("x y", clean_text("x\u0085\u202ey"))

    def test_unicode_spaces_and_bidirectional_controls_become_single_spaces(self):
        # The engine's rule (AgentLogCleaningParityTest compares every code point with it).
        self.assertEqual("a b c d e f g", clean_text("a\u00a0b\u3000c\u061cd\u2067e\u202f\u200ef\u2069\u2066g"))
        self.assertEqual("zero\u200bwidth\u200dkept", clean_text("zero\u200bwidth\u200dkept"))

    def test_long_text_is_cut_with_an_ellipsis(self):
        text = clean_text("word " * 400, limit=1000)
        self.assertEqual(1000, len(text))
        self.assertTrue(text.endswith("..."))
        self.assertEqual("short", clean_text("short", limit=1000))

    def test_the_token_is_masked_before_the_cut(self):
        secret = "tok-0123456789"
        text = clean_text("x" * 990 + secret, secret, 1000)
        self.assertNotIn("tok-0123", text)
        self.assertEqual(text, "x" * 990 + "****")

    def test_none_stays_none_and_other_values_become_text(self):
        self.assertIsNone(clean_text(None))
        self.assertEqual('{"a":1}', clean_text({"a": 1}))


class _Events:
    def __init__(self):
        self.lines = []

    def emit(self, event, **fields):
        fields["event"] = event
        self.lines.append(fields)


class _Api:
    def __init__(self, answer):
        self.answer = answer

    def run_logs(self, run_id, skip, limit):
        return self.answer


class _Request:
    debug = False
    live_log = True
    log_skip = 0


class LiveLogAnswerTest(unittest.TestCase):
    def test_an_answer_without_a_list_of_entries_means_no_live_log(self):
        for answer in ({"id": 1, "status": "ACTIVE"}, {"logs": None}, [1, 2], "text"):
            with self.subTest(answer=answer):
                events = _Events()
                live_log = codegen_bridge.LiveLog(_Api(answer), events, _Request(), TOKEN)
                self.assertIsNone(live_log.read(1))
                self.assertIsNone(live_log.read(1))
                self.assertEqual(["live_log"], [e["event"] for e in events.lines])
                self.assertIsNone(events.lines[0]["http_status"])


class _RefusingApi:
    def __init__(self, status):
        self.status = status

    def run_logs(self, run_id, skip, limit):
        raise codegen_bridge.BridgeError(codegen_bridge.classify_status(self.status), "HTTP %d" % self.status,
                                         http_status=self.status, phase="logs")


class LiveLogRefusalTest(unittest.TestCase):
    def test_a_missing_or_refused_route_means_no_live_log_and_other_failures_stay_failures(self):
        for status in (403, 404, 405, 422):
            with self.subTest(status=status):
                events = _Events()
                self.assertIsNone(codegen_bridge.LiveLog(_RefusingApi(status), events, _Request(), TOKEN).read(1))
                self.assertEqual([(False, status)], [(e["available"], e["http_status"]) for e in events.lines])
        for status in (401, 429, 500, 503):
            with self.subTest(status=status):
                events = _Events()
                with self.assertRaises(codegen_bridge.BridgeError):
                    codegen_bridge.LiveLog(_RefusingApi(status), events, _Request(), TOKEN).read(1)
                self.assertEqual([], events.lines)


class FollowUpTest(BridgeTestCase):
    def finished_run(self, scenario):
        code, events, _ = self.bridge(self.request(scenario, prompt="Add the login page"))
        self.assertEqual(0, code, events[-1])
        return events[-1]

    def follow_up(self, scenario, run_id, **fields):
        return self.bridge(self.request(scenario, follow_up_run_id=run_id, prompt="Address the review: rename it",
                                        **fields))

    def test_a_follow_up_works_the_run_again_and_reports_its_new_pull_request(self):
        scenario = spec("polls=3")
        first = self.finished_run(scenario)
        run_id = first["run"]["id"]
        entries_before = self.runs_of(scenario)[0]["log_entries"]
        code, events, _ = self.follow_up(scenario, run_id)
        self.assertEqual(0, code, events[-1])
        created = of(events, "created")
        self.assertEqual([("followed_up", run_id, "ACTIVE", entries_before)],
                         [(e["how"], e["run_id"], e["status"], e.get("log_skip")) for e in created])
        result = events[-1]
        self.assertEqual("COMPLETE", result["run"]["status"])
        self.assertNotEqual(first["pull_request"]["url"], result["pull_request"]["url"])
        self.assertEqual("Address the review: rename it", result["pull_request"]["title"])
        logs = of(events, "agent_log")
        self.assertTrue(logs)
        self.assertEqual(entries_before, logs[0]["index"])  # only the entries after the follow-up began
        self.assertEqual(list(range(entries_before, entries_before + len(logs))), [e["index"] for e in logs])
        record = self.runs_of(scenario)[0]
        self.assertEqual((1, ["Address the review: rename it"]), (record["resumes"], record["follow_ups"]))
        self.assertEqual(1, len(self.runs_of(scenario)))
        by_phase = result["stats"]["by_phase"]
        self.assertEqual((1, 0), (by_phase["resume"], by_phase.get("create", 0)))

    def test_a_follow_up_may_update_the_same_pull_request(self):
        scenario = spec("resume_pr=same")
        first = self.finished_run(scenario)
        code, events, _ = self.follow_up(scenario, first["run"]["id"])
        self.assertEqual(0, code, events[-1])
        self.assertEqual(first["pull_request"]["url"], events[-1]["pull_request"]["url"])

    def test_a_follow_up_without_live_log_reads_plainly(self):
        scenario = spec("polls=2")
        run_id = self.finished_run(scenario)["run"]["id"]
        code, events, _ = self.follow_up(scenario, run_id, live_log=False)
        self.assertEqual(0, code, events[-1])
        self.assertEqual([], of(events, "agent_log"))
        self.assertEqual(0, events[-1]["stats"]["by_phase"].get("logs", 0))

    def test_a_follow_up_falls_back_to_plain_reads_once(self):
        scenario = spec("polls=2")
        first = self.finished_run(scenario)
        code, events, _ = self.follow_up(spec("logs_endpoint=false"), first["run"]["id"])
        self.assertEqual(0, code, events[-1])
        self.assertEqual([(False, 404)], [(e["available"], e["http_status"]) for e in of(events, "live_log")])
        self.assertEqual(["followed_up"], [e["how"] for e in of(events, "created")])
        self.assertNotEqual(first["pull_request"]["url"], events[-1]["pull_request"]["url"])

    def test_no_wait_returns_after_the_follow_up_was_taken(self):
        scenario = spec("polls=2")
        run_id = self.finished_run(scenario)["run"]["id"]
        code, events, _ = self.follow_up(scenario, run_id, wait=False)
        self.assertEqual(0, code, events[-1])
        self.assertEqual("ACTIVE", events[-1]["run"]["status"])
        self.assertEqual(1, events[-1]["stats"]["by_phase"]["logs"])  # the baseline read only

    def test_a_lost_answer_of_a_follow_up_that_took(self):
        # The dropped answer: the server continued the run. With the live log its log grew; without, its
        # status is ACTIVE again (a run that needs more than one read to end).
        for live in (True, False):
            with self.subTest(live_log=live):
                scenario = spec("polls=3")
                run_id = self.finished_run(scenario)["run"]["id"]
                code, events, _ = self.follow_up(spec("fault=drop_after;phase=resume"), run_id, live_log=live)
                self.assertEqual(0, code, events[-1])
                self.assertTrue(any("was lost" in e["message"] for e in of(events, "warning")))
                self.assertEqual(["followed_up"], [e["how"] for e in of(events, "created")])
                self.assertEqual(1, events[-1]["stats"]["by_phase"]["resume"])
                self.assertEqual(1, self.runs_of(scenario)[0]["resumes"])

    def test_a_lost_follow_up_that_did_not_take_is_unknown_and_never_resent(self):
        scenario = spec("polls=3")
        first = self.finished_run(scenario)
        run_id = first["run"]["id"]
        code, events, _ = self.follow_up(spec("fault=drop_before;phase=resume"), run_id)
        error = events[-1]
        self.assertEqual(codegen_bridge.EXIT_CODES["connection"], code)
        self.assertEqual(("connection", False, "unknown"), (error["type"], error["retryable"], error["create_outcome"]))
        self.assertEqual({"id": run_id, "web_url": first["run"]["web_url"]}, error["run"])
        self.assertIn("not known whether the follow-up to agent run %d was taken" % run_id, error["message"])
        self.assertIn(first["run"]["web_url"], error["message"])
        self.assertEqual(1, error["stats"]["by_phase"]["resume"])
        self.assertEqual([], of(events, "created"))
        self.assertEqual(0, self.runs_of(scenario)[0]["resumes"])

    def test_a_timed_out_follow_up_is_sent_once_whatever_the_verdict(self):
        # The server takes the follow-up after 1.0 s; the bridge gives up after 0.3 s and reads the run
        # again after lookup_grace: before the server took it (unknown) or after (taken).
        for grace, took in ((0.0, False), (2.5, True)):
            with self.subTest(lookup_grace=grace):
                scenario = spec("polls=3")
                run_id = self.finished_run(scenario)["run"]["id"]
                code, events, _ = self.follow_up(spec("fault=slow;delay=1.0;phase=resume"), run_id,
                                                 request_timeout=0.3, lookup_grace=grace)
                self.assertEqual(took, code == 0, events[-1])
                if not took:
                    self.assertEqual(("timeout", "unknown", False),
                                     (events[-1]["type"], events[-1]["create_outcome"], events[-1]["retryable"]))
                self.assertEqual(1, events[-1]["stats"]["by_phase"]["resume"])
                until = time.monotonic() + 10
                while self.runs_of(scenario)[0]["resumes"] == 0 and time.monotonic() < until:
                    time.sleep(0.05)
                self.assertEqual(1, self.runs_of(scenario)[0]["resumes"])

    def test_refusals_continue_nothing_and_say_so(self):
        scenario = spec("polls=1")
        run_id = self.finished_run(scenario)["run"]["id"]
        for fault, error_type, retryable in (("422", "validation", False), ("403", "permission", False),
                                             ("404", "not_found", False), ("429", "rate_limit", True)):
            with self.subTest(fault=fault):
                code, events, _ = self.follow_up(spec("fault=%s;phase=resume;times=all;retry_after=0" % fault), run_id)
                error = events[-1]
                self.assertEqual((error_type, "not_created", retryable, "resume"),
                                 (error["type"], error["create_outcome"], error["retryable"], error["phase"]))
        self.assertEqual(0, self.runs_of(scenario)[0]["resumes"])

    def test_an_unknown_run_is_not_found(self):
        for live in (True, False):
            with self.subTest(live_log=live):
                code, events, _ = self.follow_up(spec("success"), 987654, live_log=live)
                error = events[-1]
                self.assertEqual("not_found", error["type"])
                self.assertIn("no agent run 987654 in organization 1", error["message"])
                self.assertEqual(0, error["stats"]["by_phase"].get("resume", 0))

    def test_new_fields_are_validated(self):
        bad = ({"follow_up_run_id": 0}, {"follow_up_run_id": "7"}, {"follow_up_run_id": 3, "resume_run_id": 3},
               {"follow_up_run_id": 3, "lookup_before_create": True}, {"live_log": "yes"}, {"live_log": None},
               {"log_skip": -1}, {"log_skip": "2"}, {"log_skip": True}, {"log_skip": 1.5})
        for fields in bad:
            with self.subTest(fields=fields):
                code, events, _ = self.bridge(self.request(spec("success"), **fields))
                self.assertEqual(codegen_bridge.EXIT_CODES["validation"], code)
                self.assertEqual("validation", events[-1]["type"])
                self.assertTrue(events[-1]["message"].startswith(sorted(fields)[0]), events[-1]["message"])


if __name__ == "__main__":
    unittest.main()
