"""The dispatch of one invocation: which event, which app, which answer.

Config and app are loaded at the first invocation, not at import: an app
often reads os.environ while it is imported, and the stage whose
environment it should see is only known from an invocation. A failure to
load is answered with a clean error and retried at the next invocation.
Each event source's module is imported the first time one of its events
arrives, and the ASGI machinery only for an ASGI app.
"""

import importlib

from .errors import EventError, LoadError

_HTTP_SOURCES = {"rest": "rest", "http_api": "http_api", "alb": "alb"}
_SOURCE_NAMES = {"rest": "API Gateway", "http_api": "API Gateway", "alb": "ALB"}
_UNKNOWN_EVENT = (
    "unrecognised event: expected an API Gateway, ALB or function URL request, "
    'a direct invocation {"args": [...], "kwargs": {...}}, a scheduled event '
    'or {"slam": "warm-up"}'
)

# Imported at the first invocation rather than with slam_handler: an import
# costs every cold start, an invocation only those that need it.
_config = None  # the project's Config
_app = None  # the loaded App
_stage = None  # the stage module
_server = None  # the ASGI server of an ASGI app
_wsgi = None  # the wsgi module, for any other app
# The whole common request of a WSGI app, tried before anything else.
_fast_serve = None
_sources: dict[str, object] = {}


def lambda_handler(event: object, context: object) -> object:
    """Answer one invocation (see docs/adapter.md)."""
    if _fast_serve is not None:
        response = _fast_serve(event, context)
        if response is not None:
            return response
    kind = event_kind(event)
    if kind is None:
        return {"error": f"{_UNKNOWN_EVENT}, got {type(event).__name__}"}
    cold = _app is None
    try:
        if cold:
            app = _prepare(event, context)
        else:  # the common case, without a call
            app = _app
            _stage.enter(event, context, _config)
    except LoadError as error:
        _log_exception("slam: %s", error)
        if kind in _HTTP_SOURCES:
            answer = _error_answer(500, "Internal Server Error", "the app could not be loaded")
            return _respond(kind, event, answer)
        return {"error": str(error)}
    if kind in _HTTP_SOURCES:
        return _serve(app, kind, event, context)
    if kind == "direct":
        from . import direct

        return direct.call(app, event, context)
    if kind == "schedule" and app.interface == "function":
        from . import direct

        return direct.scheduled(app, event, context)
    return {"slam": "warm", "cold": cold}


def shutdown() -> None:
    """End the app: an ASGI app's lifespan shutdown runs, its loop closes.

    For the end of the process (and for tests that load the adapter anew);
    the next invocation would load the app again.
    """
    global _app, _server, _fast_serve
    _fast_serve = None
    if _server is not None:
        server, _server = _server, None
        server.stop()
    _app = None


def event_kind(event: object) -> "str | None":
    """Return rest, http_api, alb, direct, schedule, warm-up or None."""
    if type(event) is not dict:
        return None
    request_context = event.get("requestContext")
    if type(request_context) is dict:
        if "http" in request_context:
            return "http_api"
        if "elb" in request_context:
            return "alb"
    if "httpMethod" in event or "requestContext" in event:
        return "rest"
    if event.get("slam") == "warm-up":
        return "warm-up"
    if event.get("source") == "aws.events" and event.get("detail-type") == "Scheduled Event":
        return "schedule"
    if event and set(event) <= {"args", "kwargs"}:
        return "direct"
    return None


def _prepare(event: dict[str, object], context: object) -> object:
    """Set the stage's environment, loading config and app when not yet done."""
    global _config, _app, _server, _wsgi, _stage, _fast_serve
    if _config is None:
        from . import config, stage

        _config = config.read_config()
        _stage = stage
    _stage.enter(event, context, _config)
    if _app is None:
        from .loader import load_app

        app = load_app(_config)
        if app.interface == "asgi":
            from . import asgi

            server = asgi.Server(app.call)
            server.start(context)
            _server = server
        else:
            from . import fast_lane, wsgi

            _wsgi = wsgi
            _fast_serve = fast_lane.make_serve(
                app.call, _config, _source("rest"), _source("http_api"), _failed
            )
        _app = app
    return _app


def _serve(app: object, kind: str, event: dict[str, object], context: object) -> dict:
    """Run the app on an HTTP event and return the response its source wants."""
    source = _sources.get(kind) or _source(kind)
    if app.interface == "function":
        message = "a plain function answers direct invocations, not HTTP requests"
        return _respond(kind, event, _error_answer(500, "Internal Server Error", message))
    try:
        request = source.request(event, _config)
    except (EventError, UnicodeError) as error:
        message = f"malformed {_SOURCE_NAMES[kind]} event: {error}"
        return _respond(kind, event, _error_answer(400, "Bad Request", message))
    environ = request.environ
    try:
        if _server is not None:
            answer = _server.serve(request, context)
        else:
            answer = _wsgi.run(app.call, request, event, context)
        return source.respond(event, answer, _config)
    except Exception:
        return _failed(kind, event, environ)


def _failed(kind: str, event: dict, environ: dict) -> dict:
    """Log the app's exception and return a 500 in the shape of KIND."""
    _log_exception(
        "slam: %s failed on %s %s",
        _app.label,
        environ["REQUEST_METHOD"],
        environ["PATH_INFO"],
    )
    answer = _error_answer(500, "Internal Server Error", "internal server error")
    return _respond(kind, event, answer)


def _error_answer(status: int, reason: str, message: str) -> object:
    """Return the app-less answer of an error: {"error": MESSAGE} as JSON."""
    from .response import error_answer

    return error_answer(status, reason, message)


def _respond(kind: str, event: dict[str, object], answer: object) -> dict:
    """Return ANSWER in the shape of the source of KIND."""
    config = _config
    if config is None:  # the config could not be read: built-in defaults
        from .media import MediaTypes

        return _source(kind).respond(event, answer, _DefaultConfig(MediaTypes([], [])))
    return _source(kind).respond(event, answer, config)


class _DefaultConfig:
    """What respond() reads of a config, for when none could be read."""

    def __init__(self, media_types: object) -> None:
        self.media_types = media_types


def _source(kind: str) -> object:
    """Return the module of an HTTP event source, imported at its first use."""
    module = _sources.get(kind)
    if module is None:
        module = _sources[kind] = importlib.import_module(
            f"{__package__}.{_HTTP_SOURCES[kind]}"
        )
    return module


def _log_exception(message: str, *args: object) -> None:
    """Log MESSAGE with the current exception's traceback.

    Through logging rather than raw stderr: the Lambda runtime keeps a
    logged traceback as one CloudWatch event instead of one per line.
    """
    import logging

    logging.getLogger("slam").exception(message, *args)
