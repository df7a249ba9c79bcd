# Part of codegen_bridge (modules.txt): how a run is created: REST, or the official SDK (imported only for it).
# --------------------------------------------------------------------------------------------
# Backends: who creates the run (reads always go through REST, which has the pull requests)
# --------------------------------------------------------------------------------------------

class RestCreator:
    name = "rest"
    can_tag = True

    def __init__(self, api):
        self.api = api

    def create(self, request, repo_id):
        payload = {"prompt": request.prompt, "metadata": dict(request.metadata)}
        if request.client_request_id:
            payload["metadata"]["client_request_id"] = request.client_request_id
        if repo_id is not None:
            payload["repo_id"] = repo_id
        return self.api.create_run(payload)


class SdkCreator:
    """The official SDK: Agent(token, org_id, base_url).run(prompt). It takes only a prompt."""
    name = "sdk"
    can_tag = False

    def __init__(self, agent_class, token, request):
        self.agent = agent_class(token=token, org_id=request.org_id, base_url=request.api_url)

    def create(self, request, repo_id):
        try:
            task = self.agent.run(request.prompt)
        except Exception as e:  # the SDK's own exception types are duck-typed: we do not import them
            raise sdk_failure(e)
        return {"id": getattr(task, "id", None), "status": getattr(task, "status", None),
                "web_url": getattr(task, "web_url", None), "result": getattr(task, "result", None)}


def load_sdk_agent(env=None):
    """codegen.Agent, or a BridgeError('import') that says how to get it or avoid it."""
    _widen_path_for_sdk(os.environ if env is None else env)
    try:
        try:
            from codegen import Agent
        except ImportError as first:
            if getattr(first, "name", None) == "codegen":
                raise
            from codegen.agents.agent import Agent  # older releases
        return Agent
    except ImportError as e:
        missing = getattr(e, "name", None)
        if missing == "codegen":
            problem = "the official Codegen SDK is not installed for %s" % sys.executable
        else:
            problem = "the official Codegen SDK is installed but broken (%s: %s)" % (type(e).__name__, e)
        raise BridgeError("import", problem, retryable=False,
                          guidance="Install it on the build agent with '%s -m pip install codegen', or set the "
                                   "backend to 'rest' (the default), which needs no package." % sys.executable)
    except Exception as e:  # an SDK that fails while importing is as unusable as a missing one
        raise BridgeError("import", "importing the official Codegen SDK failed (%s: %s)" % (type(e).__name__, e),
                          retryable=False,
                          guidance="Repair the SDK installation ('%s -m pip install --upgrade codegen') or set "
                                   "the backend to 'rest'." % sys.executable)


def _widen_path_for_sdk(env):
    """The bridge runs isolated (python -I): PYTHONPATH and the user's site-packages are not on sys.path,
    so that nothing there runs in the bridge or replaces a module of its own. The SDK may be installed
    there (PYTHONPATH=..., pip install --user codegen), so for its import they are added, after the
    standard library (whose modules they cannot replace) and before the interpreter's site-packages,
    in the order Python itself would give them."""
    if not sys.flags.isolated:
        return
    import site
    extra = [entry for entry in (env.get("PYTHONPATH") or "").split(os.pathsep) if entry]
    user = None
    # As Python decides it: not when asked not to, nor in a process running as another user (setuid).
    if not env.get("PYTHONNOUSERSITE") and not (hasattr(os, "geteuid") and (os.geteuid() != os.getuid()
                                                                             or os.getegid() != os.getgid())):
        user = site.getusersitepackages()
        if os.path.isdir(user):
            extra.append(user)
    extra = [entry for entry in extra if entry not in sys.path]
    if not extra:
        return
    system = set(site.getsitepackages()) if hasattr(site, "getsitepackages") else set()
    position = next((i for i, entry in enumerate(sys.path) if entry in system), len(sys.path))
    sys.path[position:position] = extra
    if user in extra:
        site.addsitedir(user)  # its .pth files (editable installs), as a normal start reads them


def sdk_failure(error):
    """Classifies an SDK exception: ApiException has .status and .headers; transport errors are urllib3's."""
    status = getattr(error, "status", None)
    if isinstance(status, int) and status > 0:
        headers = getattr(error, "headers", None) or {}
        retry_after = None
        try:
            retry_after = _retry_after(headers.get("Retry-After") or headers.get("retry-after"))
        except AttributeError:
            pass
        detail = _error_detail(_as_bytes(getattr(error, "body", b"")))
        outcome = UNKNOWN if status >= 500 else NOT_CREATED
        return _sdk_unknown_outcome(BridgeError(
            classify_status(status), "SDK Agent.run(): HTTP %d%s" % (status, (" - " + detail) if detail else ""),
            http_status=status, retry_after=retry_after, phase="create", create_outcome=outcome))
    name = type(error).__name__
    text = "%s: %s" % (name, error)
    if name in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError", "ConnectionRefusedError"):
        return BridgeError("connection", "SDK Agent.run() could not connect (%s)" % text, phase="create",
                           create_outcome=NOT_CREATED)
    if name == "MaxRetryError":
        reason = getattr(error, "reason", None)
        if reason is not None and type(reason).__name__ in ("NewConnectionError", "NameResolutionError",
                                                              "ConnectTimeoutError"):
            return BridgeError("connection", "SDK Agent.run() could not connect (%s)" % text, phase="create",
                               create_outcome=NOT_CREATED)
    kind = "timeout" if "Timeout" in name or "timed out" in str(error) else "connection"
    return _sdk_unknown_outcome(BridgeError(kind, "SDK Agent.run() failed after sending (%s)" % text,
                                            phase="create", create_outcome=UNKNOWN))


def _sdk_unknown_outcome(error):
    """The SDK cannot tag a run, so a create that may have succeeded must not be sent again."""
    if error.create_outcome == UNKNOWN:
        error.retryable = False
        error.guidance = ("The agent run may have been created, and the official SDK cannot tag runs, so it was not "
                          "retried (that could start a second run). Check %s for a new run before running again; "
                          "the 'rest' backend retries such failures safely." % RUNS_PAGE_URL)
    return error


def _as_bytes(value):
    if isinstance(value, bytes):
        return value
    return ("" if value is None else str(value)).encode("utf-8")
