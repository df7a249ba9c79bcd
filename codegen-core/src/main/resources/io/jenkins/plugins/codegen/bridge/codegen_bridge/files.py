# Part of codegen_bridge (modules.txt): the event stream, the bridge folder's files and the clock.
# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

class Events:
    """Writes protocol lines. Every line is masked, so not even a bug can print the token."""

    def __init__(self, sink, clock, secret):
        self.sink = sink
        self.clock = clock
        # A very short "token" would mask ordinary words; such a token is refused anyway.
        self.secret = secret if secret and len(secret) >= 4 else None

    def emit(self, event, **fields):
        fields["event"] = event
        fields["time"] = _utc_timestamp()
        fields["elapsed"] = round(self.clock.now(), 3)
        line = self.sink.dumps(fields)
        if self.secret:
            line = line.replace(self.secret, "****")
        if event in ("result", "error"):
            return self.sink.final(line)
        self.sink.event(line)
        return True


class StreamSink:
    """Every line to one stream (stdout): the stream form of the protocol, in ASCII."""
    dumps = staticmethod(json_dumps)

    def __init__(self, stream):
        self.stream = stream

    def event(self, line):
        self.stream.write(line + "\n")
        self.stream.flush()

    def final(self, line):
        self.event(line)
        return True


class FileSink:
    """Progress to events.jsonl, the final event to result.json (renamed into place, so a reader never
    sees half of it). Exactly one final event: the first of the bridge and an abort wins. Both files are
    UTF-8: a character of an agent's log in Chinese takes 3 bytes there, where a \\u escape takes 6."""
    dumps = staticmethod(json_dumps_text)

    def __init__(self, folder):
        self.folder = folder
        self.events = _open_text(os.path.join(folder, EVENTS), "a")
        self.lock = _thread.allocate_lock()
        self.finished = False

    def event(self, line):
        with self.lock:
            if not self.finished:
                self.events.write(line + "\n")
                self.events.flush()

    def final(self, line):
        with self.lock:
            if self.finished:
                return False
            self.finished = True
            self.events.close()
            _write_atomically(os.path.join(self.folder, RESULT), line + "\n")
            return True


def _write_atomically(path, text):
    """A reader sees the whole file or none: the rename is atomic. (No fsync: it would cost a task
    milliseconds, and a machine that loses power loses the bridge with its files anyway.)"""
    temporary = path + ".tmp"
    with _open_text(temporary, "w") as out:
        out.write(text)
    os.replace(temporary, path)


def _open_text(path, mode):
    """UTF-8 whatever the locale says; a lone surrogate (which a JSON answer can hold) is written as
    the JSON escape it came as, so a line is always valid UTF-8 and valid JSON."""
    return open(path, mode, encoding="utf-8", errors="backslashreplace")


def _epoch_seconds(stamp):
    """Seconds since the epoch of an ISO 8601 time as the API writes it ('2025-05-01T12:00:00.123456+00:00',
    '...Z', or without a zone, which is UTC); None when it is not one."""
    if not isinstance(stamp, str) or len(stamp) < 19:
        return None
    try:
        from datetime import datetime, timedelta, timezone
        when = datetime(int(stamp[0:4]), int(stamp[5:7]), int(stamp[8:10]), int(stamp[11:13]), int(stamp[14:16]),
                        int(stamp[17:19]), tzinfo=timezone.utc)
        zone = stamp[19:].lstrip("0123456789.")
        if zone[:1] in ("+", "-") and len(zone) >= 6:
            offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
            when -= offset if zone[0] == "+" else -offset
        return when.timestamp()
    except ValueError:
        return None


def _utc_timestamp():
    now = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + (".%03dZ" % int((now % 1) * 1000))


class Clock:
    """Simulated seconds since start. time_scale > 1 only against the simulator, for benchmarks."""

    def __init__(self, time_scale):
        self.scale = float(time_scale)
        self.start = time.monotonic()

    def now(self):
        return (time.monotonic() - self.start) * self.scale

    def sleep(self, seconds):
        if seconds > 0:
            time.sleep(seconds / self.scale)

    def real(self, seconds):
        return seconds / self.scale
