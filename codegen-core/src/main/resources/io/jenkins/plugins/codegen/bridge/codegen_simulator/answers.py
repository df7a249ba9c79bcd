# Part of codegen_simulator (modules.txt): answers, error bodies and the parsing of requests.
# ---------------------------------------------------------------------------------------------
# Answers.


class _Response(object):
    """An answer to send or, when `dropped`, a connection to close without one."""

    def __init__(self, status, body=b"", content_type="application/json", headers=None,
                 on_delivered=None, dropped=False):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = dict(headers or {})
        # Called when the answer goes out intact, i.e. the client is about to see exactly this.
        self.on_delivered = on_delivered
        self.dropped = dropped

    @classmethod
    def json(cls, status, payload, headers=None, on_delivered=None):
        body = json.dumps(payload).encode("utf-8")
        return cls(status, body, headers=headers, on_delivered=on_delivered)

    @classmethod
    def drop(cls):
        return cls(None, dropped=True)


class _Refusal(Exception):
    """Stops handling a request with this answer (a 4xx, mostly)."""

    def __init__(self, response):
        Exception.__init__(self, response.status)
        self.response = response


# For style=fastapi: where the complaint points, per status.
_STYLE_LOCATIONS = {401: ["header", "authorization"], 403: ["path", "org_id"],
                    404: ["path", "agent_run_id"]}


def _error(status, message, style="message"):
    """An error in one of the shapes servers in front of Codegen have been seen to use."""
    if style == "detail":
        body = {"detail": message}
    elif style == "fastapi":
        location = _STYLE_LOCATIONS.get(status, ["body"])
        body = {"detail": [{"loc": location, "msg": message, "type": "value_error"}]}
    else:
        body = {"message": message, "status_code": status}
    return _Response.json(status, body)


def _field_error(location, kind, message):
    return {"loc": list(location), "msg": message, "type": kind}


def _invalid(*errors):
    """FastAPI's 422: every problem found, each with where it is."""
    return _Refusal(_Response.json(422, {"detail": list(errors)}))


def _spoil(fault, response):
    """Breaks the answer to a request that was processed in full (a created run stays created)."""
    if fault == "drop_after":
        return _Response.drop()
    if fault == "malformed":
        # Cutting a JSON document short never leaves valid JSON; Content-Length stays truthful.
        cut = response.body[:max(1, len(response.body) // 2)]
        return _Response(response.status, cut, response.content_type, response.headers)
    if fault == "empty":
        return _Response(response.status, b"", response.content_type, response.headers)
    return response


# The documented values of `source_type` (ApiAgentRunSourceType); runs made here are all API runs.
SOURCE_TYPES = ("LOCAL", "SLACK", "GITHUB", "GITHUB_CHECK_SUITE", "GITHUB_PR_REVIEW", "LINEAR", "API", "CHAT",
                "JIRA", "CLICKUP", "MONDAY", "SETUP_COMMANDS")


def _one_of(values):
    """FastAPI's wording of an enum's values: 'A', 'B' or 'C'."""
    quoted = ["'%s'" % value for value in values]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _page(items, total, skip, limit):
    return {"items": items, "total": total, "page": skip // limit + 1, "size": limit,
            "pages": (total + limit - 1) // limit}


# ---------------------------------------------------------------------------------------------
# Request parsing.

_Request = namedtuple("_Request", "method target authorization body")
# What an endpoint gets: the scenario, path ids as ints, query values, the raw body.
_Call = namedtuple("_Call", "scenario ids query body")


def _bearer_token(authorization):
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _query_values(query):
    """The last value of each query parameter; an empty value counts as absent (`user_id=`)."""
    values = {}
    for name, given in parse_qs(query, keep_blank_values=True).items():
        if given[-1] != "":
            values[name] = given[-1]
    return values


def _query_int(query, name, default, minimum, maximum=None):
    if name not in query:
        return default
    try:
        value = int(query[name])
    except ValueError:
        raise _invalid(_field_error(("query", name), "int_parsing",
                                    "Input should be a valid integer, unable to parse string as an integer"))
    if value < minimum:
        raise _invalid(_field_error(("query", name), "greater_than_equal",
                                    "Input should be greater than or equal to %d" % minimum))
    if maximum is not None and value > maximum:
        raise _invalid(_field_error(("query", name), "less_than_equal",
                                    "Input should be less than or equal to %d" % maximum))
    return value


def _query_bool(query, name, default):
    """A boolean query parameter as FastAPI reads one."""
    if name not in query:
        return default
    value = query[name].lower()
    if value in ("1", "true", "yes", "on", "t", "y"):
        return True
    if value in ("0", "false", "no", "off", "f", "n"):
        return False
    raise _invalid(_field_error(("query", name), "bool_parsing", "Input should be a valid boolean, unable to "
                                                                  "interpret input"))


def _paging(query):
    return _query_int(query, "skip", 0, 0), _query_int(query, "limit", 100, 1, 100)


def _path_ids(params):
    ids = {}
    for name, value in params.items():
        try:
            ids[name] = int(value)
        except ValueError:
            raise _invalid(_field_error(("path", name), "int_parsing",
                                        "Input should be a valid integer, unable to parse string as an integer"))
    return ids


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


# Optional create fields: (name, accepts, error type, message), checked when not null.
_OPTIONAL_FIELDS = (
    ("images", lambda value: isinstance(value, list), "list_type", "Input should be a valid list"),
    ("metadata", lambda value: isinstance(value, dict), "dict_type", "Input should be a valid dictionary"),
    ("repo_id", _is_int, "int_type", "Input should be a valid integer"),
    ("model", lambda value: isinstance(value, str), "string_type", "Input should be a valid string"),
    ("agent_type", lambda value: value in ("codegen", "claude_code"), "enum",
     "Input should be 'codegen' or 'claude_code'"),
)


def _json_object(body):
    """The request body as a JSON object, or FastAPI's 422 for a missing, broken or other body."""
    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else None
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError both are
        raise _invalid(_field_error(("body", getattr(error, "pos", 0)), "json_invalid", "JSON decode error"))
    if data is None:
        raise _invalid(_field_error(("body",), "missing", "Field required"))
    if not isinstance(data, dict):
        raise _invalid(_field_error(("body",), "model_attributes_type",
                                    "Input should be a valid dictionary or object to extract fields from"))
    return data


def _prompt_errors(data):
    prompt = data.get("prompt")
    if "prompt" not in data:
        return [_field_error(("body", "prompt"), "missing", "Field required")]
    if not isinstance(prompt, str):
        return [_field_error(("body", "prompt"), "string_type", "Input should be a valid string")]
    if not prompt.strip():
        return [_field_error(("body", "prompt"), "string_too_short", "String should have at least 1 character")]
    return []


def _create_fields(body, repos_by_id, org_id):
    """The fields of a create request, or a 422 listing every problem, as FastAPI words them."""
    data = _json_object(body)
    errors = _prompt_errors(data)
    for name, accepts, kind, message in _OPTIONAL_FIELDS:
        value = data.get(name)
        if value is not None and not accepts(value):
            errors.append(_field_error(("body", name), kind, message))
        elif name == "repo_id" and value is not None and value not in repos_by_id:
            errors.append(_field_error(("body", name), "value_error",
                                       "Repository %d is not in organization %d" % (value, org_id)))
    if errors:
        raise _invalid(*errors)
    names = ("prompt", "images", "metadata", "repo_id", "model", "agent_type")
    return dict((name, data.get(name)) for name in names)


def _resume_fields(body):
    """The fields of a ResumeAgentRunInput (agent_run_id, prompt, images), or a 422 listing every problem."""
    data = _json_object(body)
    errors = []
    if "agent_run_id" not in data:
        errors.append(_field_error(("body", "agent_run_id"), "missing", "Field required"))
    elif not _is_int(data["agent_run_id"]):
        errors.append(_field_error(("body", "agent_run_id"), "int_type", "Input should be a valid integer"))
    errors.extend(_prompt_errors(data))
    images = data.get("images")
    if images is not None and not (isinstance(images, list) and all(isinstance(i, str) for i in images)):
        errors.append(_field_error(("body", "images"), "list_type", "Input should be a valid list of strings"))
    if errors:
        raise _invalid(*errors)
    return {"agent_run_id": data["agent_run_id"], "prompt": data["prompt"], "images": images}


def _make_repos(org_id, extra):
    rows = list(BASE_REPOS)
    for index in range(1, extra + 1):
        rows.append((EXTRA_REPO_FIRST_ID + index - 1, "repo-%03d" % index,
                     "A generated repository for paging tests.", "Go", "PRIVATE"))
    return [{"id": repo_id, "name": name, "full_name": "acme/" + name, "description": description,
             "github_id": 700000 + repo_id, "organization_id": org_id, "visibility": visibility,
             "archived": False, "setup_status": "COMPLETED", "language": language}
            for repo_id, name, description, language, visibility in rows]
