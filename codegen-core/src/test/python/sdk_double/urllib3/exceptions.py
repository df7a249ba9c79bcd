"""urllib3's exception names and shapes, as the SDK's transport raises them."""


class HTTPError(Exception):
    pass


class PoolError(HTTPError):
    def __init__(self, pool, message):
        self.pool = pool
        HTTPError.__init__(self, "%s: %s" % (pool, message))


class RequestError(PoolError):
    def __init__(self, pool, url, message):
        self.url = url
        PoolError.__init__(self, pool, message)


class MaxRetryError(RequestError):
    def __init__(self, pool, url, reason=None):
        self.reason = reason
        RequestError.__init__(self, pool, url, "Max retries exceeded with url: %s (Caused by %r)" % (url, reason))


class NewConnectionError(HTTPError):
    def __init__(self, conn, message):
        self.conn = conn
        HTTPError.__init__(self, message)


class ReadTimeoutError(RequestError):
    pass


class ProtocolError(HTTPError):
    pass
