"""Tests of the bridge behind an HTTP proxy."""

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


class ProxyTest(BridgeTestCase):
    def test_no_proxy_and_loopback_bypass(self):
        env = {"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "internal.example,.corp.example"}
        self.assertEqual("http://proxy:3128", codegen_bridge._proxy_for("https", "api.codegen.com", env))
        self.assertIsNone(codegen_bridge._proxy_for("https", "internal.example", env))
        self.assertIsNone(codegen_bridge._proxy_for("https", "api.corp.example", env))
        self.assertIsNone(codegen_bridge._proxy_for("https", "127.0.0.1", env))
        self.assertIsNone(codegen_bridge._proxy_for("http", "api.codegen.com", env))
        self.assertEqual("http://p:1", codegen_bridge._proxy_for("http", "x", {"http_proxy": "p:1"}))
        self.assertIsNone(codegen_bridge._proxy_for("https", "x", {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"}))

    def test_plain_http_goes_through_the_proxy(self):
        with ForwardProxy(self.sim.base_url) as proxy:
            request = self.request("x", api_url="http://api.codegen.invalid/s/" + spec("success"))
            code, events, _ = self.bridge(request, env={"HTTP_PROXY": proxy.url})
        self.assertEqual(0, code, events[-1])
        self.assertTrue(any(line.startswith("POST http://api.codegen.invalid/s/") for line in proxy.request_lines))

    def test_https_tunnel_refused_by_the_proxy(self):
        with RefusingProxy() as proxy:
            request = self.request("x", api_url="https://api.codegen.invalid")
            proxy_url = "http://user:p%%40ss@127.0.0.1:%d" % proxy.port
            code, events, _ = self.bridge(request, env={"HTTPS_PROXY": proxy_url})
        self.assertEqual(codegen_bridge.EXIT_CODES["proxy"], code)
        self.assertEqual("proxy", events[-1]["type"])
        self.assertIn("proxy refused the tunnel: HTTP/1.1 407", events[-1]["message"])
        self.assertFalse(events[-1]["retryable"])
        self.assertEqual("not_created", events[-1]["create_outcome"])
        self.assertEqual("CONNECT api.codegen.invalid:443 HTTP/1.1", proxy.request_lines[0])
        self.assertIn("Proxy-Authorization: Basic dXNlcjpwQHNz", proxy.request_lines)

    def test_plain_http_refused_by_the_proxy_is_a_proxy_error(self):
        with RefusingProxy() as proxy:
            request = self.request("x", api_url="http://api.codegen.invalid")
            proxy_url = "http://user:wrong@127.0.0.1:%d" % proxy.port
            code, events, _ = self.bridge(request, env={"HTTP_PROXY": proxy_url})
        self.assertEqual(codegen_bridge.EXIT_CODES["proxy"], code)
        self.assertEqual(("proxy", 407, False), (events[-1]["type"], events[-1]["http_status"],
                                                 events[-1]["retryable"]))
        self.assertIn("Proxy-Authorization: Basic dXNlcjp3cm9uZw==", proxy.request_lines)


class _LineServer:
    """A one-thread TCP server that records request lines; subclasses decide the answer."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self.request_lines = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.close()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                self.request_lines.extend(lines)
                length = next((int(l.split(":", 1)[1]) for l in lines if l.lower().startswith("content-length:")), 0)
                while len(body) < length:
                    body += conn.recv(65536)
                conn.sendall(self.answer(lines, body))


class ForwardProxy(_LineServer):
    """Forwards absolute-form requests to the simulator, as an HTTP proxy would."""

    def __init__(self, target):
        _LineServer.__init__(self)
        self.target = target

    def answer(self, lines, body):
        method, url, _ = lines[0].split(" ")
        path = "/" + url.split("://", 1)[1].split("/", 1)[1]
        headers = dict(l.split(": ", 1) for l in lines[1:] if ": " in l)
        host = self.target.split("://", 1)[1]
        name, port = host.split(":")
        with socket.create_connection((name, int(port))) as upstream:
            head = ["%s %s HTTP/1.1" % (method, path), "Host: " + host, "Connection: close",
                    "Authorization: " + headers.get("Authorization", ""), "Content-Type: application/json",
                    "Content-Length: %d" % len(body)]
            upstream.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
            reply = b""
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    return reply
                reply += chunk


class RefusingProxy(_LineServer):
    def answer(self, lines, body):
        return b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"


if __name__ == "__main__":
    unittest.main()
