"""The simulator's run logs (the alpha logs endpoint), its switch, and resume (follow-ups)."""
import http.client
import itertools
import unittest

from codegen_simulator import Simulator
from simulator_support import RUN_PATH, call, create, poll, under

_ids = itertools.count(1)


def unique():
    return "logs%d" % next(_ids)


def logs_path(run_id, query=""):
    return "/v1/alpha/organizations/1/agent/run/%d/logs%s" % (run_id, query)


def read_logs(base, run_id, query="?skip=0&limit=100"):
    reply = call(base, "GET", logs_path(run_id, query))
    assert reply.status == 200, reply
    return reply.json()


def resume(base, run_id, prompt="Address the review: rename the helper", org=1):
    return call(base, "POST", "/v1/organizations/%d/agent/run/resume" % org,
                {"agent_run_id": run_id, "prompt": prompt})


class LogEntriesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(time_scale=1000).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def test_a_run_that_ends_after_polls_logs_one_entry_per_read_then_a_final_answer(self):
        base = under(self.sim, "polls=4;id=" + unique())
        run_id = create(base).json()["id"]
        seen = []
        for expected_status in ("ACTIVE", "ACTIVE", "ACTIVE", "COMPLETE"):
            answer = read_logs(base, run_id, "?skip=%d&limit=100" % len(seen))
            self.assertEqual(answer["status"], expected_status)
            self.assertEqual(answer["total_logs"], len(seen) + len(answer["logs"]))
            self.assertTrue(answer["logs"], "every read before the end brings a new entry")
            seen.extend(answer["logs"])
        self.assertEqual(len(seen), 5)  # the start, one per read before the last, the final answer
        self.assertEqual(seen[-1]["message_type"], "FINAL_ANSWER")
        self.assertEqual(read_logs(base, run_id)["logs"], seen)  # the history never changes
        stamps = [entry["created_at"] for entry in seen]
        self.assertEqual(stamps, sorted(stamps))
        self.assertEqual(len(set(stamps)), len(stamps))

    def test_entries_carry_the_documented_fields_and_vary(self):
        base = under(self.sim, "polls=6;id=" + unique())
        run_id = create(base).json()["id"]
        entries = []
        for _ in range(6):
            entries = read_logs(base, run_id)["logs"]
        for entry in entries:
            self.assertEqual(entry["agent_run_id"], run_id)
            self.assertIsInstance(entry["thought"], str)
            self.assertEqual(set(entry), {"agent_run_id", "created_at", "tool_name", "message_type", "thought",
                                          "observation", "tool_input", "tool_output"})
        self.assertGreater(len(set(entry["message_type"] for entry in entries)), 1)
        self.assertGreater(len(set(entry["tool_name"] for entry in entries if entry["tool_name"])), 1)

    def test_a_timed_run_logs_one_entry_every_20_simulated_seconds(self):
        base = under(self.sim, "duration=100;id=" + unique())
        run_id = create(base).json()["id"]
        while poll(base, run_id).json()["status"] == "ACTIVE":
            pass
        entries = read_logs(base, run_id)["logs"]
        # At 0, 20, 40, 60, 80 and 100 simulated seconds, and the final answer.
        self.assertEqual(len(entries), 7)
        self.assertEqual([e["message_type"] for e in entries][-1], "FINAL_ANSWER")

    def test_entries_depend_on_the_run_id_only(self):
        spec = "instant=1;id=" + unique()
        first, second = create(under(self.sim, spec)).json()["id"], create(under(self.sim, spec)).json()["id"]
        thoughts = [[e["thought"] for e in read_logs(under(self.sim, spec), run)["logs"]] for run in (first, second)]
        self.assertNotEqual(thoughts[0][0], thoughts[1][0])
        self.assertEqual(thoughts[0], [e["thought"] for e in read_logs(self.sim.base_url, first)["logs"]])

    def test_paging_as_the_api_pages(self):
        base = under(self.sim, "polls=5;id=" + unique())
        run_id = create(base).json()["id"]
        for _ in range(5):
            read_logs(base, run_id, "?limit=1")
        everything = read_logs(base, run_id)["logs"]
        self.assertEqual(len(everything), 6)
        page = read_logs(base, run_id, "?skip=2&limit=2")
        self.assertEqual(page["logs"], everything[2:4])
        self.assertEqual((page["total_logs"], page["page"], page["size"], page["pages"]), (6, 2, 2, 3))
        self.assertEqual(read_logs(base, run_id, "?skip=6&limit=2")["logs"], [])
        self.assertEqual(read_logs(base, run_id, "?reverse=true")["logs"], everything[::-1])
        for query in ("?limit=0", "?limit=101", "?skip=-1", "?reverse=maybe"):
            with self.subTest(query=query):
                reply = call(base, "GET", logs_path(run_id, query))
                self.assertEqual(reply.status, 422)
                self.assertEqual(reply.json()["detail"][0]["loc"][0], "query")

    def test_logs_reads_count_apart_from_gets(self):
        spec = "polls=3;id=" + unique()
        base = under(self.sim, spec)
        run_id = create(base).json()["id"]
        read_logs(base, run_id)
        poll(base, run_id)
        read_logs(base, run_id)  # the third read of either kind ends the run
        record = self.sim.runs(spec=spec)[0]
        self.assertEqual((record["logs"], record["gets"], record["status"]), (2, 1, "COMPLETE"))
        self.assertEqual(record["log_entries"], 4)

    def test_logs_endpoint_false_answers_like_a_missing_route(self):
        spec = "logs_endpoint=false;id=" + unique()
        run_id = create(under(self.sim, spec)).json()["id"]
        reply = call(under(self.sim, spec), "GET", logs_path(run_id))
        self.assertEqual((reply.status, reply.json()), (404, {"detail": "Not Found"}))
        self.assertEqual(self.sim.runs(spec=spec)[0]["logs"], 0)
        self.assertEqual(poll(under(self.sim, spec), run_id).status, 200)


class WithoutLogsEndpointTest(unittest.TestCase):
    def test_the_option_removes_the_route_for_every_spec(self):
        with Simulator(logs_endpoint=False) as sim:
            run_id = create(sim.base_url).json()["id"]
            for base in (sim.base_url, under(sim, "id=" + unique())):
                reply = call(base, "GET", logs_path(run_id))
                self.assertEqual((reply.status, reply.json()), (404, {"detail": "Not Found"}))
            self.assertEqual(sim.stats()["by_phase"].get("logs"), None)


class ResumeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(time_scale=1000).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def finished_run(self, base):
        run_id = create(base, prompt="Add the login page").json()["id"]
        while poll(base, run_id).json()["status"] != "COMPLETE":
            pass
        return run_id

    def test_a_completed_run_works_again_and_ends_with_a_new_pull_request(self):
        spec = "polls=2;id=" + unique()
        base = under(self.sim, spec)
        run_id = self.finished_run(base)
        first_pr = poll(base, run_id).json()["github_pull_requests"][0]
        entries_before = read_logs(base, run_id)["total_logs"]
        answer = resume(base, run_id)
        self.assertEqual(answer.status, 200)
        self.assertEqual((answer.json()["id"], answer.json()["status"]), (run_id, "ACTIVE"))
        logs = read_logs(base, run_id)
        self.assertEqual(logs["status"], "ACTIVE")
        self.assertGreater(logs["total_logs"], entries_before)
        self.assertEqual(read_logs(base, run_id)["status"], "COMPLETE")
        prs = poll(base, run_id).json()["github_pull_requests"]
        self.assertEqual(len(prs), 2)
        self.assertEqual(prs[1], first_pr)  # newest first
        self.assertNotEqual(prs[0]["url"], first_pr["url"])
        self.assertEqual(prs[0]["title"], "Address the review: rename the helper")
        record = self.sim.runs(spec=spec)[0]
        self.assertEqual((record["resumes"], record["follow_ups"]), (1, ["Address the review: rename the helper"]))
        self.assertEqual(record["pull_request_url"], prs[0]["url"])

    def test_resume_pr_same_updates_the_same_pull_request(self):
        base = under(self.sim, "resume_pr=same;id=" + unique())
        run_id = self.finished_run(base)
        first_pr = poll(base, run_id).json()["github_pull_requests"]
        self.assertEqual(resume(base, run_id).json()["status"], "ACTIVE")
        self.assertEqual(poll(base, run_id).json()["status"], "COMPLETE")
        self.assertEqual(poll(base, run_id).json()["github_pull_requests"], first_pr)

    def test_refusals(self):
        base = under(self.sim, "id=" + unique())
        run_id = self.finished_run(base)
        self.assertEqual(resume(base, 999999).status, 404)
        self.assertEqual(resume(base, run_id, org=77).status, 403)
        for body in ({"prompt": "x"}, {"agent_run_id": run_id}, {"agent_run_id": "one", "prompt": "x"},
                     {"agent_run_id": run_id, "prompt": "x", "images": "not a list"}, [1]):
            with self.subTest(body=body):
                reply = call(base, "POST", RUN_PATH + "/resume", body)
                self.assertEqual(reply.status, 422)
        self.assertEqual(self.sim.runs(spec="id=" + base.rsplit("=", 1)[1])[0]["resumes"], 0)

    def test_dropped_answers_resume_and_dropped_requests_do_not(self):
        for fault, resumed in (("drop_after", 1), ("drop_before", 0)):
            with self.subTest(fault=fault):
                plain = "id=" + unique()
                run_id = self.finished_run(under(self.sim, plain))
                faulted = under(self.sim, "fault=%s;phase=resume;id=%s" % (fault, unique()))
                with self.assertRaises((http.client.HTTPException, ConnectionError)):
                    resume(faulted, run_id)
                self.assertEqual(self.sim.runs(spec=plain)[0]["resumes"], resumed)

    def test_run_id_makes_the_run_a_follow_up_names_once_and_later_runs_count_on(self):
        with Simulator() as sim:
            named = create(under(sim, "run_id=48213")).json()["id"]
            again = create(under(sim, "run_id=48213")).json()["id"]
            plain = create(sim.base_url).json()["id"]
            self.assertEqual((named, again, plain), (48213, 48214, 48215))
            self.assertEqual(resume(sim.base_url, 48213).json()["status"], "ACTIVE")

    def test_stats_count_gets_logs_and_resumes(self):
        with Simulator() as sim:
            run_id = create(sim.base_url).json()["id"]
            poll(sim.base_url, run_id)
            read_logs(sim.base_url, run_id)
            read_logs(sim.base_url, run_id)
            resume(sim.base_url, run_id)
            stats = sim.stats()
            self.assertEqual((stats["gets"], stats["logs"], stats["resumes"]), (1, 2, 1))
            self.assertEqual(stats["by_phase"]["resume"], 1)


if __name__ == "__main__":
    unittest.main()
