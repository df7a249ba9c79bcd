# Part of codegen_bridge (modules.txt): the small HTTP client: endpoints, proxies, connections, responses.
# --------------------------------------------------------------------------------------------
# HTTP over sockets: small, fast to import, and precise about what reached the server
# --------------------------------------------------------------------------------------------

class Endpoint:
    """Scheme, host, port and base path of a URL, and how to reach it (directly or by proxy)."""

    def __init__(self, url, env):
        scheme, rest = url.split("://", 1)
        self.scheme = scheme.lower()
        hostport, _, path = rest.partition("/")
        self.base_path = ("/" + path).rstrip("/")
        if "@" in hostport:
            raise _invalid("api_url", "contains user information", "put the token in the credential instead")
        self.host, self.port = _split_host_port(hostport, 443 if self.scheme == "https" else 80)
        self.proxy = _proxy_for(self.scheme, self.host, env)

    def origin(self):
        default = 443 if self.scheme == "https" else 80
        host = "[%s]" % self.host if ":" in self.host else self.host
        return host if self.port == default else "%s:%d" % (host, self.port)


def _split_host_port(hostport, default_port):
    if hostport.startswith("["):
        host, _, rest = hostport[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif hostport.count(":") == 1:
        host, port = hostport.split(":")
    else:
        host, port = hostport, ""
    if not host:
        raise _invalid("api_url", "has no host")
    try:
        return host, int(port) if port else default_port
    except ValueError:
        raise _invalid("api_url", "has an invalid port %r" % (port,))


def _proxy_for(scheme, host, env):
    """The proxy URL for this scheme and host, honouring NO_PROXY the way curl and urllib do."""
    names = ("HTTPS_PROXY", "https_proxy") if scheme == "https" else ("HTTP_PROXY", "http_proxy")
    proxy = next((env[n] for n in names if env.get(n)), None)
    if not proxy or _is_loopback(host):
        return None
    no_proxy = env.get("NO_PROXY") or env.get("no_proxy") or ""
    host = host.lower()
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        entry = entry.split(":")[0] if entry.count(":") == 1 else entry
        if entry == "*":
            return None
        if entry and (host == entry.lstrip(".") or host.endswith("." + entry.lstrip("."))):
            return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    return proxy


def _is_loopback(host):
    """Loopback never goes through a proxy (mock mode talks to a simulator on this machine)."""
    host = host.lower()
    return host == "localhost" or host.startswith("127.") or host == "::1"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


class Transport:
    """One request per connection (polls are seconds apart); no dependency beyond socket and ssl."""

    def __init__(self, endpoint, clock, timeout):
        self.endpoint = endpoint
        self.clock = clock
        self.timeout = timeout
        self.tls = None

    def send(self, method, path, headers, body):
        """Returns a Response, or raises SentState saying whether the request left the machine."""
        deadline = time.monotonic() + self.clock.real(self.timeout)
        sock = None
        sent = False
        try:
            sock = self._connect(deadline)
            target = self.endpoint.base_path + path
            head = ["Host: " + self.endpoint.origin(), "Connection: close", "Content-Length: %d" % len(body)]
            if self.endpoint.proxy and self.endpoint.scheme == "http":
                target = "http://%s%s" % (self.endpoint.origin(), target)
                auth = self.endpoint.proxy.split("://", 1)[1].split("/")[0].rpartition("@")[0]
                if auth:  # a plain-http proxy sees every request: each carries its credentials
                    head.append(_proxy_authorization(auth))
            head.insert(0, "%s %s HTTP/1.1" % (method, target))
            head.extend("%s: %s" % item for item in headers.items())
            data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.sendall(data)
            sent = True
            return _read_response(sock, deadline, method)
        except SentState:
            raise
        except _socket.timeout:
            if sent:
                raise SentState("timeout", "no answer within %s" % _seconds(self.timeout), True)
            raise SentState("connection", "could not connect within %s" % _seconds(self.timeout), False)
        except _socket.gaierror as e:
            raise SentState("connection", "cannot resolve host %s (%s)" % (self._target_host(), e.strerror), False)
        except ConnectionRefusedError:
            raise SentState("connection", "connection refused by %s" % self._target_name(), False)
        except OSError as e:
            name = type(e).__name__
            if sent:
                raise SentState("connection", "the connection was closed before an answer came (%s)" % name, True)
            raise SentState("connection", "cannot connect to %s (%s: %s)" % (self._target_name(), name,
                                                                             e.strerror or e), False)
        finally:
            if sock is not None:
                try:
                    sock.close()
                except OSError:
                    pass

    def _target_host(self):
        return self.endpoint.proxy.split("://", 1)[1].split("@")[-1] if self.endpoint.proxy else self.endpoint.host

    def _target_name(self):
        return ("proxy " + self._target_host()) if self.endpoint.proxy else self.endpoint.origin()

    def _connect(self, deadline):
        ep = self.endpoint
        if ep.proxy:
            proxy_scheme, proxy_rest = ep.proxy.split("://", 1)
            auth, _, hostport = proxy_rest.split("/")[0].rpartition("@")
            host, port = _split_host_port(hostport, 443 if proxy_scheme == "https" else 80)
        else:
            auth, host, port = "", ep.host, ep.port
        sock = _open_connection(host, port, deadline)
        try:
            if ep.proxy and ep.scheme == "https":
                _tunnel(sock, ep, auth, deadline)
            if ep.scheme == "https":
                import socket
                import ssl
                if self.tls is None:
                    self.tls = ssl.create_default_context()  # loading the CA store once per process is enough
                sock = self.tls.wrap_socket(socket.socket(fileno=sock.detach()), server_hostname=ep.host)
            return sock
        except BaseException:
            sock.close()
            raise


def _open_connection(host, port, deadline):
    """socket.create_connection on the C module: the first address that accepts, or the last error."""
    error = None
    try:
        name = host.encode("ascii")  # a str host makes getaddrinfo import the IDNA codec, and with it `re`
    except UnicodeEncodeError:
        name = host
    for family, kind, proto, _, address in _socket.getaddrinfo(name, port, 0, _socket.SOCK_STREAM):
        sock = _socket.socket(family, kind, proto)
        try:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.connect(address)
            sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
            return sock
        except OSError as e:
            sock.close()
            error = e
    raise error or OSError("no address for %s" % host)


def _tunnel(sock, endpoint, auth, deadline):
    """HTTP CONNECT through a proxy; the TLS session then runs end to end with the API."""
    lines = ["CONNECT %s:%d HTTP/1.1" % (endpoint.host, endpoint.port), "Host: %s:%d" % (endpoint.host, endpoint.port)]
    if auth:
        lines.append(_proxy_authorization(auth))
    sock.settimeout(max(0.001, deadline - time.monotonic()))
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = sock.recv(4096)
        if not chunk:
            break
        reply += chunk
    status_line = reply.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or parts[1] != "200":
        # 407: the proxy wants (other) credentials; no retry will bring them.
        raise SentState("proxy" if parts[1:2] == ["407"] else "connection",
                        "the proxy refused the tunnel: %s" % status_line[:100], False)


def _proxy_authorization(auth):
    """The header line for the `user:password` (URL-encoded) of a proxy URL."""
    import base64
    from urllib.parse import unquote
    user, _, password = auth.partition(":")
    credentials = ("%s:%s" % (unquote(user), unquote(password))).encode("utf-8")
    return "Proxy-Authorization: Basic " + base64.b64encode(credentials).decode("ascii")


def _read_response(sock, deadline, method):
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = _recv(sock, deadline)
        if not chunk:
            raise SentState("connection", "the connection was closed before an answer came", True)
        buffer += chunk
        if len(buffer) > 65536:
            raise SentState("server", "the answer's headers are too long", True)
    head, _, body = buffer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise SentState("server", "the answer is not HTTP: %r" % lines[0][:60], True)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    status = int(parts[1])
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return Response(status, headers, b"")
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _read_chunked(sock, body, deadline)
    elif "content-length" in headers:
        try:
            length = int(headers["content-length"])
        except ValueError:
            raise SentState("server", "the answer has an invalid Content-Length", True)
        while len(body) < length:
            chunk = _recv(sock, deadline)
            if not chunk:
                raise SentState("connection", "the connection closed in the middle of the answer", True)
            body += chunk
        body = body[:length]
    else:
        while True:
            chunk = _recv(sock, deadline)
            if not chunk:
                break
            body += chunk
    return Response(status, headers, body)


def _read_chunked(sock, data, deadline):
    body = b""
    while True:
        while b"\r\n" not in data:
            chunk = _recv(sock, deadline)
            if not chunk:
                raise SentState("connection", "the connection closed in the middle of the answer", True)
            data += chunk
        size_line, _, data = data.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
        except ValueError:
            raise SentState("server", "the answer's chunked encoding is broken", True)
        if size == 0:
            return body
        while len(data) < size + 2:
            chunk = _recv(sock, deadline)
            if not chunk:
                raise SentState("connection", "the connection closed in the middle of the answer", True)
            data += chunk
        body += data[:size]
        data = data[size + 2:]


def _recv(sock, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _socket.timeout("timed out")
    sock.settimeout(remaining)
    return sock.recv(65536)


def _seconds(value):
    return "%g s" % round(value, 1)
