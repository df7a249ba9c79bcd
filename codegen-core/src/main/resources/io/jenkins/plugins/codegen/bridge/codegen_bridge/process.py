# Part of codegen_bridge (modules.txt): the process in its folder: start, serve, kill, the lock, the secrets, the stop file.
# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def main(stdin=None, stdout=None, env=None):
    """The stream form: the request on stdin, the token in CODEGEN_TOKEN, events on stdout. For tests and
    for running the bridge by hand; the Java side uses the folder form (start, serve)."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    env = os.environ if env is None else env
    token = env.get("CODEGEN_TOKEN", "")
    return execute(stdin.read, Events(StreamSink(stdout), Clock(1.0), token), env, token, "on stdin")


def start(folder):
    """The launched command: starts the bridge detached from the launching call (a session of its own on
    POSIX, a detached process on Windows), writes its pid and returns at once. So the bridge needs nothing
    from the launched process's stdin or stdout, and outlives a launcher that gives it none."""
    folder = os.path.abspath(folder)
    if os.name == "nt":
        import subprocess
        detached = 0x00000008 | 0x00000200  # DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
        with open(os.path.join(folder, LOG), "ab") as log:
            options = (["-I"] if sys.flags.isolated else []) + (["-S"] if sys.flags.no_site else [])
            child = subprocess.Popen([sys.executable] + options + ["-c", _SERVE, os.path.dirname(os.path.abspath(__file__)),
                                                                  folder],
                                     cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                     creationflags=detached, close_fds=True)
        pid = child.pid
    else:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = EXIT_CODES["python"]
            try:
                os.setsid()
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, 0)
                code = serve(folder)
            except BaseException:  # a bridge that cannot even start says why in bridge.log
                import traceback
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
    _write_atomically(os.path.join(folder, PID), str(pid))
    return 0


# How start() runs the bridge on Windows, where there is no fork: argv[1] is the script's folder.
_SERVE = ("import sys; sys.path.insert(0, sys.argv[1]); import codegen_bridge; "
          "sys.exit(codegen_bridge.serve(sys.argv[2]))")


def serve(folder, env=None):
    """The bridge in its folder: takes the secrets (and deletes them) before anything else, then runs the
    request, with a watcher that beats the heartbeat and honours the stop file."""
    running = {"bridge": None, "lock": _hold_lock(folder)}
    env = dict(os.environ if env is None else env)
    token, variables = _take_secrets(folder)
    env.update(variables)
    events = Events(FileSink(folder), Clock(1.0), token)

    def checkpoint():
        if os.path.exists(os.path.join(folder, STOP)):
            raise _aborted(running["bridge"])

    running["checkpoint"] = checkpoint
    _thread.start_new_thread(_watch, (folder, events, running))
    return execute(lambda: _read_bytes(os.path.join(folder, REQUEST)), events, env, token, "in " + REQUEST, running)


def kill(folder):
    """The fallback when a stop was not honoured: ends the bridge of this folder and anything it started,
    never another process (1 when there is nothing it may end)."""
    import signal
    with open(os.path.join(folder, PID)) as source:
        pid = int(source.read().strip())
    if not _runs_in(pid, folder):
        return 1  # the bridge is gone, or not provably this pid: a stale pid may be another process's by now
    try:
        if os.name == "nt":
            os.kill(pid, signal.SIGTERM)  # TerminateProcess
        else:
            os.killpg(pid, signal.SIGKILL)  # the bridge leads its own session and process group
    except OSError:
        return 1  # already gone
    return 0


def _runs_in(pid, folder):
    """Whether the process is provably the bridge of this folder: its command line names the folder, or,
    where no command line can be read (no /proc: macOS, Windows), the folder's lock is held, which only
    the live bridge does (so the pid it wrote is still its own). Anything else is not killed."""
    command_line = _command_line(pid)
    if command_line is not None:
        return os.path.abspath(folder).encode("utf-8") in command_line
    return _lock_held(folder)


def _command_line(pid):
    """The process's command line (its arguments, NUL-separated), or None where it cannot be read."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as source:
            return source.read()
    except OSError:
        return None


def _hold_lock(folder):
    """Locks the folder's lock file for the rest of this process's life (the descriptor stays open; the
    lock goes with the process, however it ends). What kill() takes as proof that the bridge lives."""
    try:
        descriptor = os.open(os.path.join(folder, LOCK), os.O_RDWR | os.O_CREAT, 0o600)
        _lock(descriptor, True)
        return descriptor
    except (OSError, ImportError):
        return None  # no lock, no kill: the stop file still ends the bridge


def _lock_held(folder):
    """Whether a live process holds the folder's lock: a lock we can take ourselves is held by nobody."""
    try:
        descriptor = os.open(os.path.join(folder, LOCK), os.O_RDWR)
    except OSError:
        return False
    try:
        try:
            _lock(descriptor, False)
        except ImportError:
            return False
        except OSError:
            return True
        try:
            _lock(descriptor, None)  # let go of it at once: a bridge that starts now must get it
        except OSError:
            pass
        return False
    finally:
        os.close(descriptor)


def _lock(descriptor, wait):
    """An exclusive lock on the file's first byte (wait: until it is free; None: unlock): fcntl's (POSIX
    record locks, which Java's FileLock sees too) or msvcrt's (Windows byte-range locks, likewise)."""
    if os.name == "nt":
        import msvcrt
        mode = msvcrt.LK_UNLCK if wait is None else msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK
        msvcrt.locking(descriptor, mode, 1)
    else:
        import fcntl
        mode = fcntl.LOCK_UN if wait is None else fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        fcntl.lockf(descriptor, mode, 1)


def _take_secrets(folder):
    """The token and the secret variables (a proxy URL with a password), and the file gone at once."""
    path = os.path.join(folder, SECRETS)
    try:
        data = _read_bytes(path)
    except OSError:
        return "", {}
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
    try:
        secrets = json_loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return "", {}
    if not isinstance(secrets, dict):
        return "", {}
    token = secrets.get("token")
    variables = secrets.get("environment")
    variables = {str(k): str(v) for k, v in variables.items()} if isinstance(variables, dict) else {}
    return (token if isinstance(token, str) else ""), variables


def _read_bytes(path):
    with open(path, "rb") as source:
        return source.read()


def _watch(folder, events, running):
    """A thread: the heartbeat that tells the caller the bridge lives, and the stop file that aborts it. A
    stop ends the process from here, so that it also ends a request that is waiting for an answer; so
    does the removal of the folder."""
    stop = os.path.join(folder, STOP)
    heartbeat = os.path.join(folder, HEARTBEAT)
    ticks = 0
    while True:
        if not os.path.isdir(folder):
            os._exit(EXIT_CODES["aborted"])  # the folder was removed (a later task cleaned up): nobody listens
        if os.path.exists(stop):
            if _emit_error(events, _aborted(running.get("bridge")), running.get("bridge")):
                os._exit(EXIT_CODES["aborted"])
            return
        if ticks % HEARTBEAT_EVERY == 0:
            try:
                with open(heartbeat, "w") as out:
                    out.write(str(ticks // HEARTBEAT_EVERY))
            except OSError:
                pass
        ticks += 1
        time.sleep(WATCH_INTERVAL)


def _aborted(bridge):
    run_id = bridge.run_id if bridge is not None else None
    if run_id is not None:
        return BridgeError("aborted", "stopped on request; agent run %s may still be working" % run_id,
                           create_outcome=CREATED, retryable=False,
                           guidance="Open %s to follow or stop it." % (bridge.web_url or RUNS_PAGE_URL))
    started = bridge is not None and any(bridge.api.counts.get(phase) for phase in STARTING_PHASES)
    outcome = UNKNOWN if started else NOT_CREATED
    return BridgeError("aborted", "stopped on request", create_outcome=outcome, retryable=False)


def execute(read_request, events, env, token, where, running=None):
    """Runs one request and emits its events and its one final event; returns the exit code."""
    clock = events.clock
    bridge = None
    try:
        if sys.version_info < (3, 8):
            raise BridgeError("python", "Python %d.%d is too old" % sys.version_info[:2], retryable=False,
                              guidance="Install Python 3.8 or newer on the build agent, or set the Python path.")
        request = Request(_parse_request(read_request, where), env)
        clock.scale = request.time_scale
        _check_token(token)
        events.emit("start", command=request.command, backend=request.backend, protocol=PROTOCOL,
                    python="%d.%d.%d" % sys.version_info[:3])
        bridge = Bridge(request, token, env, events, clock)
        if running is not None:
            running["bridge"] = bridge
            bridge.api.checkpoint = running["checkpoint"]
        outcome = getattr(bridge, request.command)()
        events.emit("result", stats=bridge.stats(), **outcome)
        return 0
    except BridgeError as e:
        _emit_error(events, e, bridge)
        return EXIT_CODES.get(e.type, EXIT_CODES["unknown"])
    except KeyboardInterrupt:
        _emit_error(events, BridgeError("unknown", "interrupted", retryable=False), bridge)
        return 130
    except Exception as e:  # a bug here must still end the protocol cleanly
        _emit_error(events, BridgeError("python", "internal error in the bridge: %s: %s" % (type(e).__name__, e),
                                        retryable=False), bridge)
        return EXIT_CODES["python"]


def _parse_request(read_request, where):
    try:
        data = read_request()
        return json_loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (ValueError, UnicodeDecodeError) as e:
        raise _invalid("request", "%s is not valid JSON (%s)" % (where, e))
    except OSError as e:
        raise _invalid("request", "%s cannot be read (%s)" % (where, e))


def _check_token(token):
    if not token:
        raise BridgeError("authentication", "no API token: CODEGEN_TOKEN is not set for the bridge", retryable=False,
                          guidance="Give the task a Codegen API token (%s): a Secret text credential in Jenkins, "
                                   "or CODEGEN_TOKEN on the command line." % TOKEN_PAGE_URL)
    if any(c.isspace() for c in token) or any(ord(c) < 32 or ord(c) > 126 for c in token):
        raise BridgeError("authentication", "the API token contains spaces, line breaks or other characters a token "
                                            "cannot have", retryable=False,
                          guidance="Paste the token again (credential or CODEGEN_TOKEN), without surrounding spaces or a "
                                   "trailing newline.")


def _emit_error(events, error, bridge):
    fields = {"type": error.type, "message": error.message, "retryable": bool(error.retryable),
              "create_outcome": error.create_outcome}
    for name in ("http_status", "retry_after", "phase", "guidance"):
        value = getattr(error, name)
        if value is not None:
            fields[name] = value
    run = error.run
    if run is None and bridge is not None and bridge.run_id is not None:
        run = {"id": bridge.run_id, "web_url": bridge.web_url}
    if run is not None:
        fields["run"] = run
    if bridge is not None:
        fields["stats"] = bridge.stats()
    return events.emit("error", **fields)


if __name__ == "__main__":
    sys.exit(main())
