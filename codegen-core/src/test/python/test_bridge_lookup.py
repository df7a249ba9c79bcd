"""The search for an earlier run by its tag (lookup_before_create): within lookup_window it pages back
as far as the runs are newer than the window, so a fix's run behind hundreds of newer runs is still
found; it stops at the first page that reaches past the window."""
import io
import json
import time
import unittest
import urllib.request
import uuid

import codegen_bridge
from bridge_support import TOKEN, BridgeTestCase, spec

DAY = 86400


def create_runs(base_url, count, metadata=None):
    """Runs made through the API as any client makes them; the last one's id."""
    run_id = None
    for _ in range(count):
        body = json.dumps({"prompt": "Other work", "metadata": metadata or {}}).encode("utf-8")
        request = urllib.request.Request(base_url + "/v1/organizations/1/agent/run", data=body, method="POST",
                                         headers={"Authorization": "Bearer other", "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as answer:
            run_id = json.loads(answer.read().decode("utf-8"))["id"]
    return run_id


class WindowTest(BridgeTestCase):
    def test_a_tagged_run_behind_300_newer_runs_is_found(self):
        tag = "codegen-fix-" + uuid.uuid4().hex
        scenario = spec("instant")
        tagged = create_runs(self.url(scenario), 1, {"client_request_id": tag})
        create_runs(self.url(scenario), 310)
        before = len(self.sim.runs())
        code, events, _ = self.bridge(self.request(scenario, client_request_id=tag, lookup_before_create=True,
                                                   lookup_grace=0, lookup_window=7 * DAY))
        self.assertEqual(0, code, events[-1])
        created = [e for e in events if e["event"] == "created"]
        self.assertEqual([("found", tagged)], [(e["how"], e["run_id"]) for e in created])
        self.assertEqual(before, len(self.sim.runs()), "a second run was created")
        self.assertEqual(4, events[-1]["stats"]["by_phase"]["lookup"])


class ListApi:
    """An organization with a run every 864 s (100 a day), none of them tagged."""

    def __init__(self):
        self.counts = {}
        self.rate_limited = 0
        self.now = time.time()

    def list_runs(self, skip):
        self.counts["lookup"] = self.counts.get("lookup", 0) + 1
        items = [{"id": 100000 - i, "metadata": {}, "created_at": _iso(self.now - i * DAY / 100)}
                 for i in range(skip, skip + 100)]
        return {"items": items, "total": 100000}

    def create_run(self, payload):
        return {"id": 100001, "status": "COMPLETE", "web_url": None, "github_pull_requests": []}


def _iso(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)) + ".000000+00:00"


class BoundTest(unittest.TestCase):
    def run_bridge(self, **fields):
        raw = {"protocol": 1, "command": "run", "api_url": "http://127.0.0.1:9", "org_id": 1, "prompt": "Fix it",
               "client_request_id": "codegen-fix-x", "lookup_before_create": True, "lookup_grace": 0}
        raw.update(fields)
        out = io.StringIO()
        events = codegen_bridge.Events(codegen_bridge.StreamSink(out), codegen_bridge.Clock(1.0), TOKEN)
        bridge = codegen_bridge.Bridge(codegen_bridge.Request(raw, {}), TOKEN, {}, events, events.clock)
        bridge.api = ListApi()
        bridge.run()
        return bridge.api.counts["lookup"], [json.loads(line) for line in out.getvalue().splitlines()]

    def test_the_search_stops_at_the_first_page_past_the_window(self):
        # A day and the clock's allowance of an hour: pages of 100 runs, a day each.
        pages, events = self.run_bridge(lookup_window=DAY)
        self.assertEqual(2, pages)
        self.assertEqual([False], [e["found"] for e in events if e["event"] == "lookup"])

    def test_without_a_window_the_search_reads_the_newest_three_pages(self):
        pages, _ = self.run_bridge()
        self.assertEqual(3, pages)
        pages, _ = self.run_bridge(lookup_window=10 * DAY)
        self.assertEqual(11, pages)

    def test_a_window_must_not_be_negative(self):
        with self.assertRaises(codegen_bridge.BridgeError) as refused:
            codegen_bridge.Request({"protocol": 1, "command": "run", "api_url": "http://x", "org_id": 1,
                                    "prompt": "p", "lookup_window": -1}, {})
        self.assertEqual("validation", refused.exception.type)


if __name__ == "__main__":
    unittest.main()
