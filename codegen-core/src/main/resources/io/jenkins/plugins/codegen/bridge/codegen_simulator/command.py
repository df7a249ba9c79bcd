# Part of codegen_simulator (modules.txt): the command line, in the foreground or detached in a folder.
# ---------------------------------------------------------------------------------------------
# Command line.


def _arguments(argv):
    import argparse
    parser = argparse.ArgumentParser(
        prog="codegen_simulator.py",
        description="A simulated Codegen API on loopback. Prints its base URL as the first line of "
                    "stdout, then serves until SIGTERM/SIGINT (or stdin EOF with --exit-on-stdin-close).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (default)")
    parser.add_argument("--scenario", default="success", help="spec for requests without /s/<spec>")
    parser.add_argument("--time-scale", type=float, default=1.0, help="simulated seconds per real second")
    parser.add_argument("--rate-limits", action="store_true", help="enforce the documented rate limits")
    parser.add_argument("--no-retry-after", action="store_true", help="never send Retry-After")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="random fault probability, 0..1")
    parser.add_argument("--seed", type=int, default=None, help="seed for --fault-rate")
    parser.add_argument("--org-id", type=int, default=1)
    parser.add_argument("--no-run-links", action="store_true",
                        help="runs carry no web_url (mock mode: the server is gone when the task ends)")
    parser.add_argument("--no-logs-endpoint", action="store_true",
                        help="answer the alpha logs endpoint with 404 Not Found, as if it did not exist")
    parser.add_argument("--repos", type=int, default=0, help="extra repositories acme/repo-001...")
    parser.add_argument("--token", default=None,
                        help="accept only this token (default: $%s, else any non-empty token)" % TOKEN_VARIABLE)
    parser.add_argument("--exit-on-stdin-close", action="store_true",
                        help="exit when stdin reaches EOF, so that a dead parent never leaves it running")
    parser.add_argument("--folder", default=None,
                        help="talk through this folder instead of stdin/stdout: detach, write url and pid there, "
                             "take the token from secrets.json, stop when a stop file appears or the folder goes")
    parser.add_argument("--foreground", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="one line per request on stderr")
    return parser.parse_args(argv)


def _watch_stdin(stop):
    """Sets `stop` at EOF on stdin. Anything written to stdin is read and ignored."""
    def watch():
        try:
            descriptor = sys.stdin.fileno()
            while os.read(descriptor, 4096):
                pass
        except (AttributeError, OSError, ValueError):
            pass  # no usable stdin counts as closed
        stop.set()
    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


# The files of the folder form (--folder), as the bridge's folder names them.
FOLDER_URL, FOLDER_PID, FOLDER_STOP, FOLDER_SECRETS, FOLDER_LOG = "url", "pid", "stop", "secrets.json", "bridge.log"
FOLDER_EXITED = "exited"


def _write_atomically(path, text):
    with open(path + ".tmp", "w") as out:
        out.write(text)
    os.replace(path + ".tmp", path)


def _take_token(folder):
    """The accepted token from secrets.json, and the file gone at once (it is owner-only while it lives)."""
    path = os.path.join(folder, FOLDER_SECRETS)
    try:
        with open(path) as source:
            text = source.read()
    except OSError:
        return None
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
    try:
        token = json.loads(text).get("token")
    except (ValueError, AttributeError):
        return None
    return token if isinstance(token, str) and token else None


def _detach(folder, argv):
    """Runs the simulator detached from the launching call (new session; DETACHED_PROCESS on Windows),
    writes its pid and returns in the launching process; returns None in the detached one."""
    if os.name == "nt":
        import subprocess
        detached = 0x00000008 | 0x00000200  # DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
        with open(os.path.join(folder, FOLDER_LOG), "ab") as log:
            child = subprocess.Popen([sys.executable, "-B", os.path.abspath(__file__)] + list(argv) + ["--foreground"],
                                     cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                     creationflags=detached, close_fds=True)
        _write_atomically(os.path.join(folder, FOLDER_PID), str(child.pid))
        return 0
    pid = os.fork()
    if pid:
        _write_atomically(os.path.join(folder, FOLDER_PID), str(pid))
        return 0
    os.setsid()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    return None


def _in_folder(args, argv):
    """The folder form: for launchers that give a process no stdin and hand back no stdout. A bad
    option fails here, with exit code 2, before the detach; the server starts after it."""
    folder = os.path.abspath(args.folder)
    log = os.open(os.path.join(folder, FOLDER_LOG), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)  # before the detach: the launching call's output pipe must not stay open in the server
    os.dup2(log, 2)
    if not args.foreground:
        token = _take_token(folder)
        if token is not None:
            os.environ[TOKEN_VARIABLE] = token  # for the detached server: never on its command line
    try:
        simulator = _simulator(args)
    except (ValueError, OSError) as error:
        sys.stderr.write("codegen_simulator: %s\n" % error)
        return 2
    if not args.foreground and _detach(folder, argv) is not None:
        return 0
    try:
        simulator.start()
        _write_atomically(os.path.join(folder, FOLDER_URL), simulator.base_url + "\n")
        stop = os.path.join(folder, FOLDER_STOP)
        while os.path.isdir(folder) and not os.path.exists(stop):
            time.sleep(0.1)
        simulator.stop()
        try:
            open(os.path.join(folder, FOLDER_EXITED), "w").close()
        except OSError:
            pass  # the folder is gone: nobody waits for this
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _simulator(args):
    """The simulator the options describe, not started yet."""
    return Simulator(scenario=args.scenario, time_scale=args.time_scale,
                     rate_limits=args.rate_limits, retry_after=not args.no_retry_after,
                     fault_rate=args.fault_rate, seed=args.seed, org_id=args.org_id,
                     extra_repos=args.repos, token=args.token or os.environ.get(TOKEN_VARIABLE) or None,
                     host=args.host, port=args.port, run_links=not args.no_run_links, verbose=args.verbose,
                     logs_endpoint=not args.no_logs_endpoint)


def main(argv=None):
    import signal
    argv = sys.argv[1:] if argv is None else argv
    args = _arguments(argv)
    if args.folder:
        return _in_folder(args, argv)
    try:
        simulator = _simulator(args).start()
    except (ValueError, OSError) as error:
        sys.stderr.write("codegen_simulator: %s\n" % error)
        return 2
    stop = threading.Event()
    signalled = []

    def on_signal(signum, frame):
        signalled.append(signum)  # no locks in a signal handler: the loop below polls this

    # Before the URL goes out: a caller may signal as soon as it has read it.
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    sys.stdout.write(simulator.base_url + "\n")
    sys.stdout.flush()
    if args.exit_on_stdin_close:
        _watch_stdin(stop)
    while not signalled and not stop.wait(0.1):
        pass
    simulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
