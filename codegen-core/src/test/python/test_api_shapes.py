"""Contract tests: the simulator's answers and the bridge's requests for the logs endpoint and resume
against a summary of the official OpenAPI document (src/test/resources/api-shapes/logs-and-resume.json)."""
import io
import json
import os
import unittest
from urllib.parse import parse_qs, urlsplit

import codegen_bridge
from codegen_simulator import Simulator
from simulator_support import RUN_PATH, call, create, poll, under

SHAPES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources", "api-shapes",
                           "logs-and-resume.json")
with open(SHAPES_PATH) as source:
    SHAPES = json.load(source)
SCHEMAS = SHAPES["schemas"]
_JSON_TYPES = {"integer": lambda v: isinstance(v, int) and not isinstance(v, bool), "string": lambda v: isinstance(v, str),
               "null": lambda v: v is None, "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
               "boolean": lambda v: isinstance(v, bool)}


def problems(value, schema_name, where=""):
    """What in `value` the summary does not allow: missing required fields, unknown fields, wrong types."""
    schema = SCHEMAS[schema_name]
    if not isinstance(value, dict):
        return ["%s is not an object" % (where or schema_name)]
    found = ["%s%s is missing" % (where, name) for name in schema["required"] if name not in value]
    for name, item in value.items():
        allowed = schema["properties"].get(name)
        if allowed is None:
            found.append("%s%s is not in %s" % (where, name, schema_name))
        elif not any(_JSON_TYPES[kind](item) for kind in allowed):
            found.append("%s%s is %r, not %s" % (where, name, item, " or ".join(allowed)))
        elif isinstance(item, list) and name in schema.get("items", {}):
            inner = schema["items"][name]
            for index, element in enumerate(item):
                label = "%s%s[%d]." % (where, name, index)
                if inner in SCHEMAS:
                    found.extend(problems(element, inner, label))
                elif not _JSON_TYPES[inner](element):
                    found.append("%s is not %s" % (label, inner))
    return found


class SummaryTest(unittest.TestCase):
    def test_the_summary_names_its_source_and_covers_the_three_schemas(self):
        self.assertIn("9f970ba6", SHAPES["source"])
        self.assertIn("openapi3.json", SHAPES["source"])
        self.assertEqual({"AgentRunWithLogsResponse", "AgentRunLogResponse", "ResumeAgentRunInput"}, set(SCHEMAS))

    def test_the_checker_rejects_what_the_summary_does_not_allow(self):
        self.assertEqual([], problems({"id": 1, "organization_id": 1, "logs": []}, "AgentRunWithLogsResponse"))
        self.assertTrue(problems({"id": 1, "logs": []}, "AgentRunWithLogsResponse"))
        self.assertTrue(problems({"id": "1", "organization_id": 1, "logs": []}, "AgentRunWithLogsResponse"))
        self.assertTrue(problems({"id": 1, "organization_id": 1, "logs": [{"thought": "x"}]}, "AgentRunWithLogsResponse"))
        self.assertTrue(problems({"agent_run_id": 1, "prompt": "x", "github_pull_requests": []}, "ResumeAgentRunInput"))


class SimulatorShapesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(time_scale=1000).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def logs(self, base, run_id, query=""):
        return call(base, "GET", "/v1/alpha/organizations/1/agent/run/%d/logs%s" % (run_id, query))

    def test_logs_answers_in_every_state_match_the_schema(self):
        for text in ("polls=3", "instant", "failed", "no_pr", "duration=60", "log_thought=%3Cb%3E%0A"):
            with self.subTest(scenario=text):
                base = under(self.sim, text + ";id=shape-" + text[:6])
                run_id = create(base, metadata={"client_request_id": "c1"}).json()["id"]
                for _ in range(4):
                    answer = self.logs(base, run_id).json()
                    self.assertEqual([], problems(answer, "AgentRunWithLogsResponse"))
                call(base, "POST", RUN_PATH + "/resume", {"agent_run_id": run_id, "prompt": "More"})
                self.assertEqual([], problems(self.logs(base, run_id, "?reverse=true").json(),
                                              "AgentRunWithLogsResponse"))

    def test_query_bounds_are_the_documented_ones(self):
        run_id = create(self.sim.base_url).json()["id"]
        query = SHAPES["endpoints"]["logs"]["query"]
        limit, skip = query["limit"], query["skip"]
        for value, status in ((limit["minimum"], 200), (limit["maximum"], 200), (limit["minimum"] - 1, 422),
                              (limit["maximum"] + 1, 422)):
            with self.subTest(limit=value):
                self.assertEqual(status, self.logs(self.sim.base_url, run_id, "?limit=%d" % value).status)
        self.assertEqual(422, self.logs(self.sim.base_url, run_id, "?skip=%d" % (skip["minimum"] - 1)).status)
        defaults = self.logs(self.sim.base_url, run_id).json()
        self.assertEqual((limit["default"], 1), (defaults["size"], defaults["page"]))

    def test_resume_takes_the_documented_body_and_answers_the_run_object(self):
        run_id = create(self.sim.base_url).json()["id"]
        plain = poll(self.sim.base_url, run_id).json()
        body = {"agent_run_id": run_id, "prompt": "Follow up", "images": ["data:image/png;base64,AAAA"]}
        self.assertEqual([], problems(body, "ResumeAgentRunInput"))
        answer = call(self.sim.base_url, "POST", RUN_PATH + "/resume", body)
        self.assertEqual(200, answer.status)
        self.assertEqual(set(plain), set(answer.json()))  # AgentRunResponse, as a plain read answers it
        for required in SCHEMAS["ResumeAgentRunInput"]["required"]:
            with self.subTest(missing=required):
                partial = dict((k, v) for k, v in body.items() if k != required)
                self.assertEqual(422, call(self.sim.base_url, "POST", RUN_PATH + "/resume", partial).status)

    def test_the_documented_errors_of_both_endpoints(self):
        documented = set(SHAPES["endpoints"]["logs"]["errors"]) | set(SHAPES["endpoints"]["resume"]["errors"])
        run_id = create(self.sim.base_url).json()["id"]
        seen = {self.logs(self.sim.base_url, 999999).status,
                call(self.sim.base_url, "GET", "/v1/alpha/organizations/2/agent/run/%d/logs" % run_id).status,
                self.logs(self.sim.base_url, run_id, "?limit=0").status,
                call(self.sim.base_url, "POST", "/v1/organizations/2/agent/run/resume",
                     {"agent_run_id": run_id, "prompt": "x"}).status,
                call(self.sim.base_url, "POST", RUN_PATH + "/resume", {"agent_run_id": 999999, "prompt": "x"}).status,
                call(self.sim.base_url, "POST", RUN_PATH + "/resume", {"prompt": "x"}).status}
        self.assertEqual({403, 404, 422}, seen)
        self.assertTrue(seen <= documented)


class BridgeRequestShapesTest(unittest.TestCase):
    def test_logs_reads_and_the_resume_body_are_what_the_document_allows(self):
        sent = []
        original = codegen_bridge.Transport.send

        def recording(transport, method, path, headers, body):
            sent.append((method, path, body))
            return original(transport, method, path, headers, body)

        codegen_bridge.Transport.send = recording
        self.addCleanup(setattr, codegen_bridge.Transport, "send", original)
        with Simulator() as sim:
            run_id = create(sim.base_url).json()["id"]
            poll(sim.base_url, run_id)
            request = {"protocol": 1, "command": "run", "api_url": under(sim, "polls=3"), "org_id": 1,
                       "prompt": "Address the review", "follow_up_run_id": run_id, "request_timeout": 5,
                       "poll": {"interval": 0.01, "max_interval": 0.02}}
            out = io.StringIO()
            code = codegen_bridge.main(io.BytesIO(json.dumps(request).encode()), out, {"CODEGEN_TOKEN": "tok-12345"})
        self.assertEqual(0, code, out.getvalue())
        resumes = [(path, body) for method, path, body in sent if method == "POST"]
        self.assertEqual(1, len(resumes))
        self.assertTrue(resumes[0][0].endswith(SHAPES["endpoints"]["resume"]["path"].replace("{org_id}", "1")))
        self.assertEqual([], problems(json.loads(resumes[0][1]), "ResumeAgentRunInput"))
        bounds = SHAPES["endpoints"]["logs"]["query"]
        reads = [urlsplit(path) for method, path, _ in sent if "/logs" in path]
        self.assertGreaterEqual(len(reads), 2)
        for read in reads:
            query = dict((k, int(v[-1])) for k, v in parse_qs(read.query).items())
            self.assertTrue(set(query) <= set(bounds))
            for name, value in query.items():
                self.assertGreaterEqual(value, bounds[name]["minimum"])
                self.assertLessEqual(value, bounds[name].get("maximum", value))


if __name__ == "__main__":
    unittest.main()
