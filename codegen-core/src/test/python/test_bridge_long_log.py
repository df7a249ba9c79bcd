"""A long live log in the folder's files: the agent_log events of a run with 10,000 long entries in
Chinese are written as UTF-8 (3 bytes a character, not a 6-byte \\u escape), every one whole, and a
lone surrogate from a JSON answer never breaks a line."""
import json
import os
import shutil
import tempfile
import types
import unittest

import codegen_bridge
from bridge_support import TOKEN

ENTRIES = 10000
# 1,000 characters: as long as the bridge keeps a thought.
THOUGHT = ("正在修改表单验证逻辑，确保空的电子邮件地址被拒绝并在字段旁显示错误。" * 40)[:codegen_bridge.THOUGHT_LIMIT]


class LogsApi:
    """The logs endpoint of a run that keeps working: pages of long entries, a total that says more remain."""

    def __init__(self, total, thought):
        self.total = total
        self.thought = thought
        self.reads = 0

    def run_logs(self, run_id, skip, limit):
        self.reads += 1
        entries = [{"created_at": "2026-11-30T10:%02d:%02dZ" % (i // 60 % 60, i % 60), "message_type": "ACTION",
                    "tool_name": "edit_file", "thought": self.thought} for i in range(skip, min(self.total, skip + limit))]
        return {"id": run_id, "status": "ACTIVE", "logs": entries, "total_logs": self.total}


class LongLogTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="bridge-long-log-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.sink = codegen_bridge.FileSink(self.folder)
        self.events = codegen_bridge.Events(self.sink, codegen_bridge.Clock(1.0), TOKEN)

    def follow(self, api):
        request = types.SimpleNamespace(debug=False, live_log=True, log_skip=0)
        live = codegen_bridge.LiveLog(api, self.events, request, TOKEN)
        while live.seen < api.total:
            live.read(7)
        self.assertTrue(self.sink.final(codegen_bridge.json_dumps({"event": "result"})))

    def lines(self):
        with open(os.path.join(self.folder, codegen_bridge.EVENTS), "rb") as source:
            return source.read().split(b"\n")[:-1]

    def test_ten_thousand_long_entries_in_chinese_are_written_whole_in_utf8(self):
        api = LogsApi(ENTRIES, THOUGHT)
        self.follow(api)
        lines = self.lines()
        self.assertEqual(ENTRIES, len(lines))
        for index, line in enumerate(lines):
            event = json.loads(line.decode("utf-8"))
            self.assertEqual(("agent_log", index, THOUGHT), (event["event"], event["index"], event["thought"]))
            self.assertFalse(b"\\u" in line, "line %d is written with \\u escapes" % index)
        # 3 bytes a character and about 200 bytes of fields: a third of what \u escapes took.
        longest = max(len(line) for line in lines)
        self.assertLess(longest, 3 * len(THOUGHT) + 300)
        self.assertEqual(100, api.reads)

    def test_a_lone_surrogate_is_written_as_its_json_escape(self):
        api = LogsApi(3, "half a pair: \ud83d, then text")
        self.follow(api)
        for line in self.lines():
            self.assertEqual("half a pair: \ud83d, then text", json.loads(line.decode("utf-8"))["thought"])
        with open(os.path.join(self.folder, codegen_bridge.RESULT), "rb") as source:
            self.assertEqual({"event": "result"}, json.loads(source.read().decode("utf-8")))

    def test_the_stream_form_stays_ascii(self):
        out = codegen_bridge.StreamSink(None)
        self.assertEqual('{"thought":"\\u4e2d"}', out.dumps({"thought": "中"}))


if __name__ == "__main__":
    unittest.main()
