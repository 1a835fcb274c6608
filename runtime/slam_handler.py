"""Lambda entry point of Slam: turns events into WSGI calls and back.

Slam ships this module at the root of every Lambda package, next to the app
code and ``slam_config.json``; Lambda calls ``lambda_handler(event, context)``.

The config (``{"version": 1, "name", "module", "app", "interface", "devstage",
"environment": {K: V}, "stages": {stage: {K: V}}}``) is read from the folder of
this module, or from the file named by the ``SLAM_CONFIG_PATH`` environment
variable (tests use it). That folder is put on ``sys.path`` for the app's import.
Config and app are loaded at the first invocation, not at import: an app often
reads ``os.environ`` while it is imported, and the stage whose environment it
should see is only known from an invocation. A failure to load is answered with
a clean error, like a malformed event, and retried at the next invocation.

Stage: the alias in ``context.invoked_function_arn``; without one (unqualified,
``$LATEST`` or a version number) the ``STAGE`` stage variable of the event, then
``requestContext.stage`` when it names a configured stage, then ``devstage``.
(A function URL event names no stage: its alias is the only source.)
``os.environ`` gets the shared ``environment``, then the stage's own, then
``STAGE``; whatever an earlier invocation set for another stage is first put
back as it was, so nothing leaks from one stage to the next in a warm process.

Interface ``detect`` decides once, from the object the app attribute names:
  - asgi: a coroutine function of three parameters (scope, receive, send), or an
    object whose ``__call__`` is a coroutine function (FastAPI, Starlette);
  - wsgi: a function or method with a parameter ``start_response`` among its
    first two, or any other callable object that is neither a function nor a
    class (Flask, Django's WSGIHandler, Bottle, Falcon);
  - function: every other function, method or class.
Name the interface in slam.yaml when this rule guesses wrong.

Events: an API Gateway REST request (payload 1.0), or an HTTP API or function
URL request (payload 2.0: ``version`` "2.0" with ``requestContext.http``), runs
a WSGI app (PEP 3333), whose environ also carries ``slam.event`` and
``slam.context``; the response has the shape of the request's payload version.
A direct invocation ``{"args": [...], "kwargs": {...}}`` calls a plain function
and returns its result. Anything else gets a clean error: a JSON 400/500
response for HTTP events (ALB ones included), ``{"error": "..."}`` otherwise.
An exception in a web app is logged with its traceback and answered with a bare
500; one in a plain function propagates, so Lambda reports it as a function
error with its traceback.
"""

from __future__ import annotations

import base64
import binascii
import functools
import importlib
import inspect
import io
import json
import logging
import os
import sys
import urllib.parse
from dataclasses import dataclass
from typing import Any, Callable

_CONFIG_FILE = "slam_config.json"
_INTERFACES = ("wsgi", "asgi", "function", "detect")
_AWS_HOST_SUFFIXES = (".amazonaws.com", ".amazonaws.com.cn")
_TEXT_SUBTYPES = frozenset(
    (
        "json",
        "xml",
        "javascript",
        "x-javascript",
        "ecmascript",
        "yaml",
        "x-yaml",
        "x-www-form-urlencoded",
    )
)
_UNKNOWN_EVENT = (
    "unrecognised event: expected an API Gateway or function URL request or a "
    'direct invocation {"args": [...], "kwargs": {...}}'
)
_OTHER_HTTP_EVENT = (
    "unsupported event source: this function answers API Gateway (payload 1.0 "
    "and 2.0) and function URL requests"
)
_BAD_DIRECT_EVENT = (
    'a direct invocation needs a list in "args" and an object in "kwargs"'
)

# Through logging rather than raw stderr: the Lambda runtime keeps a logged
# traceback as one CloudWatch event instead of one event per line.
_logger = logging.getLogger("slam")

Headers = list[tuple[str, str]]


class _LoadError(Exception):
    """The config or the app cannot be loaded; the message says why."""


class _EventError(Exception):
    """The event is malformed; the message is safe to show the caller."""


@dataclass(frozen=True)
class _Config:
    """The parts of slam_config.json that the handler uses."""

    module: str
    app: str
    interface: str
    devstage: str
    environment: dict[str, str]
    stages: dict[str, dict[str, str]]
    folder: str


@dataclass(frozen=True)
class _Payload:
    """How to read one payload version's requests and write its responses."""

    environ: Callable[[dict[str, Any], Any], dict[str, Any]]
    response: Callable[[int, Headers, bytes], dict[str, Any]]


@dataclass(frozen=True)
class _App:
    """The loaded app: the callable, its interface and a name for messages."""

    call: Callable[..., Any]
    interface: str
    label: str


_config: _Config | None = None
_app: _App | None = None
# Value of each variable before a stage set it (None: it was unset).
_saved_environment: dict[str, str | None] = {}


def lambda_handler(event: Any, context: Any) -> Any:
    """Answer one invocation: an HTTP request (payload 1.0 or 2.0) or a call."""
    kind = _event_kind(event)
    if kind == "unknown":
        return {"error": f"{_UNKNOWN_EVENT}, got {type(event).__name__}"}
    if kind == "other-http":
        return _error_response(500, _OTHER_HTTP_EVENT)
    try:
        app = _prepare(event, context)
    except _LoadError as error:
        _logger.exception("slam: %s", error)
        if kind in _PAYLOADS:
            return _error_response(500, "the app could not be loaded")
        return {"error": str(error)}
    if kind == "direct":
        return _call_function(app, event)
    return _answer_http(app, _PAYLOADS[kind], event, context)


def _event_kind(event: Any) -> str:
    """Return "rest", "v2", "direct", "other-http" (ALB...) or "unknown"."""
    if not isinstance(event, dict):
        return "unknown"
    request_context = event.get("requestContext")
    if isinstance(request_context, dict) and "http" in request_context:
        # HTTP API and function URLs; an HTTP API set to payload 1.0 sends
        # REST-shaped events without "http".
        return "v2" if event.get("version") == "2.0" else "other-http"
    if isinstance(request_context, dict) and "elb" in request_context:
        return "other-http"
    if "httpMethod" in event or "requestContext" in event:
        return "rest"
    if event and set(event) <= {"args", "kwargs"}:
        return "direct"
    return "unknown"


def _prepare(event: dict[str, Any], context: Any) -> _App:
    """Set the stage's environment, loading config and app when not yet done."""
    global _config, _app
    if _config is None:
        _config = _read_config()
    _apply_stage_environment(_config, _stage_of(event, context, _config))
    if _app is None:
        _app = _load_app(_config)
    return _app


def _read_config() -> _Config:
    """Return the config from slam_config.json, validated."""
    path = os.environ.get("SLAM_CONFIG_PATH") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), _CONFIG_FILE
    )
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError) as error:
        raise _LoadError(f"cannot read '{path}': {error}") from error
    if not isinstance(data, dict) or data.get("version") != 1:
        raise _LoadError(f"'{path}' is not a version 1 Slam config; rebuild it")
    interface = data.get("interface", "detect")
    if interface not in _INTERFACES:
        raise _LoadError(
            f"'{path}': interface must be one of {', '.join(_INTERFACES)}, "
            f"got '{interface}'"
        )
    stages = data.get("stages")
    stages = {} if stages is None else stages
    if not isinstance(stages, dict):
        raise _LoadError(f"'{path}': stages must be an object")
    return _Config(
        module=_text_field(data, "module", path),
        app=_text_field(data, "app", path),
        interface=interface,
        devstage=_text_field(data, "devstage", path),
        environment=_variables(data.get("environment"), f"'{path}': environment"),
        stages={
            name: _variables(values, f"'{path}': stage '{name}'")
            for name, values in stages.items()
        },
        folder=os.path.dirname(os.path.abspath(path)),
    )


def _text_field(data: dict[str, Any], key: str, path: str) -> str:
    """Return the non-empty string DATA[KEY] of the config at PATH."""
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise _LoadError(f"'{path}': {key} must be a non-empty string")
    return value


def _variables(value: Any, where: str) -> dict[str, str]:
    """Return VALUE, a mapping of variable names to strings, or {} for null."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        _is_variable(name, text) for name, text in value.items()
    ):
        raise _LoadError(f"{where} must map variable names to strings")
    return value


def _is_variable(name: str, value: Any) -> bool:
    """Return whether os.environ can hold the variable NAME=VALUE."""
    return (
        isinstance(value, str)
        and bool(name)
        and "=" not in name
        and "\0" not in name + value
    )


def _stage_of(event: dict[str, Any], context: Any, config: _Config) -> str:
    """Return the stage an invocation belongs to (see the module docstring)."""
    arn = getattr(context, "invoked_function_arn", None)
    parts = arn.split(":") if isinstance(arn, str) else []
    # arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER
    if len(parts) == 8 and parts[7] != "$LATEST" and not parts[7].isdigit():
        return parts[7]
    variables = event.get("stageVariables")
    if isinstance(variables, dict) and _text(variables.get("STAGE")):
        return variables["STAGE"]
    request_context = event.get("requestContext")
    if isinstance(request_context, dict):
        api_stage = request_context.get("stage")
        if isinstance(api_stage, str) and api_stage in config.stages:
            return api_stage
    return config.devstage


def _apply_stage_environment(config: _Config, stage: str) -> None:
    """Set os.environ for STAGE, putting back what other stages changed."""
    wanted = {**config.environment, **config.stages.get(stage, {}), "STAGE": stage}
    for name in [name for name in _saved_environment if name not in wanted]:
        original = _saved_environment.pop(name)
        if original is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = original
    for name, value in wanted.items():
        _saved_environment.setdefault(name, os.environ.get(name))
        os.environ[name] = value


def _load_app(config: _Config) -> _App:
    """Import the app module and return its app attribute with its interface."""
    if config.folder not in sys.path:
        sys.path.insert(0, config.folder)
    label = f"{config.module}:{config.app}"
    try:
        module = importlib.import_module(config.module)
        call = functools.reduce(getattr, config.app.split("."), module)
    except Exception as error:
        raise _LoadError(
            f"cannot load '{label}': {type(error).__name__}: {error}"
        ) from error
    if not callable(call):
        raise _LoadError(f"'{label}' is not callable")
    interface = config.interface
    if interface == "detect":
        interface = _detect_interface(call)
    return _App(call=call, interface=interface, label=label)


def _detect_interface(call: Callable[..., Any]) -> str:
    """Return "wsgi", "asgi" or "function" for CALL (rule in the docstring)."""
    if inspect.isclass(call):
        return "function"
    if inspect.isroutine(call):
        try:
            parameters = list(inspect.signature(call).parameters)
        except (TypeError, ValueError):
            parameters = []
        if inspect.iscoroutinefunction(call) and len(parameters) == 3:
            return "asgi"
        return "wsgi" if "start_response" in parameters[:2] else "function"
    if inspect.iscoroutinefunction(type(call).__call__):
        return "asgi"
    return "wsgi"


def _call_function(app: _App, event: dict[str, Any]) -> Any:
    """Call a plain function with the event's args and kwargs."""
    args = event.get("args")
    kwargs = event.get("kwargs")
    args = [] if args is None else args
    kwargs = {} if kwargs is None else kwargs
    if not isinstance(args, list) or not isinstance(kwargs, dict):
        return {"error": _BAD_DIRECT_EVENT}
    if app.interface != "function":
        return {
            "error": f"'{app.label}' is a {app.interface} app: send it HTTP "
            "requests, or set interface: function to call it with args and kwargs"
        }
    return app.call(*args, **kwargs)


def _answer_http(
    app: _App, payload: _Payload, event: dict[str, Any], context: Any
) -> dict[str, Any]:
    """Run a WSGI app on an HTTP request and return the PAYLOAD response."""
    if app.interface == "function":
        return _error_response(500, "a plain function answers direct invocations")
    if app.interface == "asgi":
        # TODO: run ASGI apps once the ASGI adapter exists.
        return _error_response(500, "ASGI apps are not supported yet")
    try:
        environ = payload.environ(event, context)
    except (_EventError, UnicodeError) as error:
        return _error_response(400, f"malformed API Gateway event: {error}")
    try:
        return payload.response(*_run_wsgi(app.call, environ))
    except Exception:
        _logger.exception(
            "slam: %s failed on %s %s",
            app.label,
            environ["REQUEST_METHOD"],
            environ["PATH_INFO"],
        )
        return _error_response(500, "internal server error")


def _rest_environ(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Return the WSGI environ for an API Gateway REST request."""
    method = event.get("httpMethod")
    path = event.get("path")
    if not isinstance(method, str) or not method:
        raise _EventError("httpMethod must be a non-empty string")
    if not isinstance(path, str):
        raise _EventError("path must be a string")
    request_context = _object(event, "requestContext")
    headers = _request_headers(event)
    environ = _base_environ(event, context, method, _request_body(event))
    environ["PATH_INFO"] = _path_info(path)
    environ["QUERY_STRING"] = _query_string(event)
    environ["SERVER_PROTOCOL"] = (
        _text(request_context.get("protocol")) or "HTTP/1.1"
    )
    environ.update(_server_variables(headers, request_context))
    # The execute-api host puts the stage in front of the path; a custom
    # domain maps it away, so only the former needs a SCRIPT_NAME.
    stage = _text(request_context.get("stage"))
    on_aws_host = environ["SERVER_NAME"].lower().endswith(_AWS_HOST_SUFFIXES)
    environ["SCRIPT_NAME"] = f"/{stage}" if stage and on_aws_host else ""
    identity = request_context.get("identity")
    # The address API Gateway saw; X-Forwarded-For is whatever the client sent.
    source_ip = _text(identity.get("sourceIp")) if isinstance(identity, dict) else ""
    if source_ip:
        environ["REMOTE_ADDR"] = source_ip
    environ.update(_header_variables(headers))
    return environ


def _base_environ(
    event: dict[str, Any], context: Any, method: str, body: bytes
) -> dict[str, Any]:
    """Return the environ variables that do not depend on the payload version."""
    return {
        "REQUEST_METHOD": method,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "slam.event": event,
        "slam.context": context,
    }


def _path_info(path: str) -> str:
    """Return PATH as PEP 3333 wants it: percent-decoded bytes as latin-1."""
    return urllib.parse.unquote_to_bytes(path).decode("latin-1")


def _v2_environ(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Return the WSGI environ for a payload 2.0 request (HTTP API, URL)."""
    request_context = _object(event, "requestContext")
    http = _object(request_context, "http")
    method = http.get("method")
    raw_path = event.get("rawPath")
    query = event.get("rawQueryString")
    if not isinstance(method, str) or not method:
        raise _EventError("requestContext.http.method must be a non-empty string")
    if not isinstance(raw_path, str):
        raise _EventError("rawPath must be a string")
    if query is not None and not isinstance(query, str):
        raise _EventError("rawQueryString must be a string or null")
    headers = _v2_request_headers(event)
    environ = _base_environ(event, context, method, _request_body(event))
    script_name, path = _split_stage(raw_path, _text(request_context.get("stage")))
    environ["SCRIPT_NAME"] = _path_info(script_name)
    environ["PATH_INFO"] = _path_info(path)
    environ["QUERY_STRING"] = _wsgi_text(query or "")
    environ["SERVER_PROTOCOL"] = _text(http.get("protocol")) or "HTTP/1.1"
    environ.update(_server_variables(headers, request_context))
    # The address the front door saw, not the client's X-Forwarded-For.
    if _text(http.get("sourceIp")):
        environ["REMOTE_ADDR"] = http["sourceIp"]
    environ.update(_header_variables(headers))
    return environ


def _split_stage(raw_path: str, stage: str) -> tuple[str, str]:
    """Return the stage prefix of an HTTP API path, if any, and the rest.

    On the execute-api host a named stage is the path's first segment, which
    SCRIPT_NAME must keep for the app's own URLs; the $default stage and
    function URLs have no stage segment.
    """
    prefix = f"/{stage}"
    if stage and stage != "$default" and (
        raw_path == prefix or raw_path.startswith(prefix + "/")
    ):
        return prefix, raw_path[len(prefix) :]
    return "", raw_path


def _v2_request_headers(event: dict[str, Any]) -> dict[str, list[str]]:
    """Return the request headers by lowercase name, the cookies put back."""
    headers = _headers_by_name(_object(event, "headers"))
    cookies = _strings(event.get("cookies"), "cookies")
    if cookies:  # _header_variables joins them with "; "
        headers.setdefault("cookie", []).extend(cookies)
    return headers


def _header_variables(headers: dict[str, list[str]]) -> dict[str, str]:
    """Return the environ variables of the headers: CONTENT_TYPE and HTTP_*."""
    variables = {}
    for name, values in headers.items():
        if name == "content-length":
            continue  # CONTENT_LENGTH is measured on the body itself
        key = name.upper().replace("-", "_")
        if key != "CONTENT_TYPE":
            key = "HTTP_" + key
        # Split cookie headers (HTTP/2) rejoin with "; " (RFC 9113 8.2.3).
        separator = "; " if name == "cookie" else ","
        variables[key] = _wsgi_text(separator.join(values))
    return variables


def _server_variables(
    headers: dict[str, list[str]], request_context: dict[str, Any]
) -> dict[str, str]:
    """Return SERVER_NAME, SERVER_PORT and wsgi.url_scheme."""
    host = headers.get("host", [""])[0]
    name, _, port = host.rpartition(":")
    if not name or not port.isdigit():
        name, port = host, ""
    scheme = headers.get("x-forwarded-proto", ["https"])[0]
    port = headers.get("x-forwarded-port", [port])[0]
    return {
        "SERVER_NAME": _wsgi_text(
            name or _text(request_context.get("domainName")) or "localhost"
        ),
        "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
        "wsgi.url_scheme": scheme,
    }


def _request_headers(event: dict[str, Any]) -> dict[str, list[str]]:
    """Return the request headers by lowercase name, multi-value ones first."""
    source = _object(event, "multiValueHeaders") or _object(event, "headers")
    return _headers_by_name(source)


def _headers_by_name(source: dict[str, Any]) -> dict[str, list[str]]:
    """Return the headers of SOURCE (name: value or values) by lowercase name."""
    headers: dict[str, list[str]] = {}
    for name, values in source.items():
        headers.setdefault(name.lower(), []).extend(
            _strings(values, f"header '{name}'")
        )
    return {name: values for name, values in headers.items() if values}


def _query_string(event: dict[str, Any]) -> str:
    """Return the query string, re-encoded from the decoded parameters."""
    parameters = _object(event, "multiValueQueryStringParameters") or _object(
        event, "queryStringParameters"
    )
    pairs = [
        (name, value)
        for name, values in parameters.items()
        for value in _strings(values, f"query parameter '{name}'")
    ]
    return urllib.parse.urlencode(pairs)


def _request_body(event: dict[str, Any]) -> bytes:
    """Return the request body as bytes, base64-decoded when flagged so."""
    body = event.get("body")
    if body is None:
        return b""
    if not isinstance(body, str):
        raise _EventError("body must be a string or null")
    if not event.get("isBase64Encoded"):
        return body.encode("utf-8")
    try:
        return base64.b64decode(body, validate=True)
    except binascii.Error as error:
        raise _EventError("body is not valid base64") from error


def _object(event: dict[str, Any], key: str) -> dict[str, Any]:
    """Return the object EVENT[KEY], or {} when it is absent or null."""
    value = event.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _EventError(f"{key} must be an object or null")
    return value


def _strings(value: Any, what: str) -> list[str]:
    """Return VALUE (a string, a list of strings or null) as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _EventError(f"{what} must be a string or a list of strings")
    return value


def _text(value: Any) -> str:
    """Return VALUE when it is a string, else ""."""
    return value if isinstance(value, str) else ""


def _wsgi_text(text: str) -> str:
    """Return TEXT as a PEP 3333 native string: its UTF-8 bytes as latin-1."""
    return text.encode("utf-8").decode("latin-1")


class _WsgiResponse:
    """Collects what a WSGI app gives start_response() and write()."""

    def __init__(self) -> None:
        self.status: str | None = None
        self.headers: Headers = []
        self.chunks: list[bytes] = []

    def start_response(
        self, status: str, headers: Headers, exc_info: Any = None
    ) -> Callable[[bytes], None]:
        """Record the status and headers; return write()."""
        if exc_info is not None:
            try:
                if self.chunks:  # the headers count as sent: too late
                    raise exc_info[1].with_traceback(exc_info[2])
            finally:
                exc_info = None  # break the frame reference cycle
        elif self.status is not None:
            raise RuntimeError("start_response() called twice without exc_info")
        headers = list(headers)
        for name, value in headers:
            if not isinstance(name, str) or not isinstance(value, str):
                raise TypeError(f"header {name!r}: names and values must be str")
        self.status = status
        self.headers = headers
        return self.write

    def write(self, data: bytes) -> None:
        """Append a chunk of the body; empty chunks are ignored."""
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f"body chunks must be bytes, got {type(data).__name__}")
        if not data:
            return
        if self.status is None:
            raise RuntimeError("body produced before start_response()")
        self.chunks.append(bytes(data))


def _run_wsgi(
    app: Callable[..., Any], environ: dict[str, Any]
) -> tuple[int, Headers, bytes]:
    """Call a WSGI app and return its status code, headers and whole body."""
    response = _WsgiResponse()
    result = app(environ, response.start_response)
    try:
        for chunk in result:
            response.write(chunk)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    status = response.status or ""
    code = status.split(" ", 1)[0]
    if len(code) != 3 or not (code.isascii() and code.isdigit()):
        raise ValueError(f"the app gave no valid status line, got {status!r}")
    return int(code), response.headers, b"".join(response.chunks)


def _rest_response(status: int, headers: Headers, body: bytes) -> dict[str, Any]:
    """Return the API Gateway REST response for a WSGI app's answer."""
    multi_value = _header_values(headers)
    text, is_base64 = _encode_body(body, headers)
    # API Gateway merges both maps and drops a pair present in both, so the
    # last value in headers adds nothing to multiValueHeaders.
    return {
        "statusCode": status,
        "headers": {name: values[-1] for name, values in multi_value.items()},
        "multiValueHeaders": multi_value,
        "body": text,
        "isBase64Encoded": is_base64,
    }


def _v2_response(status: int, headers: Headers, body: bytes) -> dict[str, Any]:
    """Return the payload 2.0 response (HTTP API, function URL) of an answer."""
    # Set-Cookie values may hold commas (Expires=...), so they cannot be joined
    # like other headers; payload 2.0 has a list of its own for them. Values
    # lose the blanks around them (Django's cookies start with one), which are
    # no part of a field value (RFC 9110 5.5) but would show inside a list.
    headers = [(name, value.strip(" \t")) for name, value in headers]
    cookies = [
        _from_wsgi_text(value)
        for name, value in headers
        if name.lower() == "set-cookie"
    ]
    others = _header_values(
        [(name, value) for name, value in headers if name.lower() != "set-cookie"]
    )
    text, is_base64 = _encode_body(body, headers)
    response: dict[str, Any] = {
        "statusCode": status,
        "headers": {name: ", ".join(values) for name, values in others.items()},
        "body": text,
        "isBase64Encoded": is_base64,
    }
    if cookies:
        response["cookies"] = cookies
    return response


def _header_values(headers: Headers) -> dict[str, list[str]]:
    """Return the values of each response header, named as first spelled."""
    values: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    for name, value in headers:
        key = spelling.setdefault(name.lower(), name)
        values.setdefault(key, []).append(_from_wsgi_text(value))
    return values


def _header(headers: Headers, name: str) -> str:
    """Return the first value of the response header NAME (lowercase), or ""."""
    return next((value for key, value in headers if key.lower() == name), "")


def _from_wsgi_text(text: str) -> str:
    """Return a PEP 3333 native string as text, reading its bytes as UTF-8."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def _encode_body(body: bytes, headers: Headers) -> tuple[str, bool]:
    """Return the body as text when it is text, else as base64, and which."""
    if not body:
        return "", False
    content_type = _header(headers, "content-type")
    content_encoding = _header(headers, "content-encoding")
    if _is_text_type(content_type) and content_encoding.lower() in ("", "identity"):
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(body).decode("ascii"), True


def _is_text_type(content_type: str) -> bool:
    """Return whether a Content-Type names a text format."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    kind, _, subtype = media_type.partition("/")
    return (
        kind == "text"
        or subtype in _TEXT_SUBTYPES
        or subtype.endswith(("+json", "+xml", "+yaml"))
    )


def _error_response(status: int, message: str) -> dict[str, Any]:
    """Return a JSON error response that every HTTP event source accepts."""
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"error": message}),
        "isBase64Encoded": False,
    }


_PAYLOADS = {
    "rest": _Payload(environ=_rest_environ, response=_rest_response),
    "v2": _Payload(environ=_v2_environ, response=_v2_response),
}
