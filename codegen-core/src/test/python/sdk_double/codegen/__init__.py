"""A test double of the official Codegen SDK (pip install codegen), with the real one's shape.

Real SDK (codegen-sh/codegen, src/codegen/agents/agent.py): Agent(token, org_id=None, base_url=...);
agent.run(prompt) takes only a prompt and returns an AgentTask with id, org_id, status, result and
web_url; task.refresh() re-reads only status and result. API errors are
codegen_api_client.exceptions.ApiException (status, reason, body, headers); network failures are
urllib3 exceptions. This double talks to whatever base_url it is given (the simulator in tests).
"""
import http.client
import json
import socket

from codegen_api_client.exceptions import exception_for_status
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError, ReadTimeoutError

__version__ = "0.0.0+test-double"


class AgentTask:
    def __init__(self, data, agent):
        self.id = data.get("id")
        self.org_id = agent.org_id
        self.status = data.get("status")
        self.result = data.get("result")
        self.web_url = data.get("web_url")
        self._agent = agent

    def refresh(self):
        data = self._agent._call("GET", "/v1/organizations/%d/agent/run/%d" % (self.org_id, self.id), None)
        self.status = data.get("status")
        self.result = data.get("result")


class Agent:
    def __init__(self, token, org_id=None, base_url="https://api.codegen.com"):
        self.token = token
        self.org_id = int(org_id if org_id is not None else 1)
        self.base_url = base_url.rstrip("/")
        self.current_job = None

    def run(self, prompt):
        data = self._call("POST", "/v1/organizations/%d/agent/run" % self.org_id, {"prompt": prompt})
        self.current_job = AgentTask(data, self)
        return self.current_job

    def get_status(self):
        if self.current_job is None:
            return None
        self.current_job.refresh()
        job = self.current_job
        return {"id": job.id, "status": job.status, "result": job.result, "web_url": job.web_url}

    def _call(self, method, path, payload):
        scheme, rest = self.base_url.split("://", 1)
        hostport, _, prefix = rest.partition("/")
        connection_class = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        connection = connection_class(hostport, timeout=10)
        body = None if payload is None else json.dumps(payload)
        headers = {"Authorization": "Bearer " + self.token, "Content-Type": "application/json",
                   "User-Agent": "codegen-sdk-test-double"}
        try:
            try:
                connection.request(method, ("/" + prefix if prefix else "") + path, body=body, headers=headers)
            except (ConnectionRefusedError, socket.gaierror) as e:
                raise MaxRetryError(None, path, reason=NewConnectionError(None, str(e)))
            try:
                response = connection.getresponse()
                raw = response.read()
            except socket.timeout:
                raise ReadTimeoutError(None, path, "Read timed out.")
            except (http.client.RemoteDisconnected, ConnectionResetError) as e:
                raise ProtocolError("Connection aborted.", e)
        finally:
            connection.close()
        if response.status >= 400:
            raise exception_for_status(response.status, response.reason, raw, dict(response.getheaders()))
        return json.loads(raw.decode("utf-8"))
