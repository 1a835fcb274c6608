"""The common request of a warm WSGI function, in as few steps as possible.

Most requests a warm function answers look alike: an API Gateway event
whose headers are single strings with names seen before (their environ keys
already worked out by ``headers``), a server seen before (``request``), no
query parameters to encode again, no base64 body, an ASCII path without
escapes, the stage the previous request had; and an app that answers with a
status line seen before, headers that do not repeat, and a UTF-8 text body.
For these, this module builds the environ and the response itself, inline:
a call costs as much as a header here, and the per-request budget is a few
microseconds. Anything else, however small, returns None before the app is
called (the request) or hands the answer to the source's respond() (the
response), which give the same result the long way.
tests/python/test_adapter_fast_lane.py checks that both ways agree.
"""

from __future__ import annotations

import io
from operator import itemgetter

from . import headers as _headers
from . import request as _request
from . import response as _response
from . import stage as _stage
from . import wsgi as _wsgi
from .request import BASE_ENVIRON

_layouts = _headers._layouts
_servers = _request._servers
_script_names = _request._stage_script_names
_statuses = _wsgi._statuses
_answer_layouts = _response._layouts
_name_of = itemgetter(0)


def make_serve(app: object, config: object, rest: object, http_api: object, failed):
    """Return serve(event, context): the whole common request, or None.

    None means "not the common case" and comes before the app is called;
    the caller then takes the long way. An exception of the app is answered
    by FAILED(kind, event, environ), as the long way does.
    """
    aliases = _stage._aliases
    stage = _stage

    def serve(event: object, context: object) -> dict | None:
        if type(event) is not dict:
            return None
        arn = getattr(context, "invoked_function_arn", None)
        if type(arn) is not str or aliases.get(arn) != stage._applied:
            return None
        request_context = event.get("requestContext")
        if type(request_context) is not dict:
            return None
        if "http" in request_context:
            kind, source, environ = "http_api", http_api, http_api_environ(event, context)
        elif "elb" in request_context or "httpMethod" not in event:
            return None
        else:
            kind, source, environ = "rest", rest, rest_environ(event, context)
        if environ is None:
            return None
        try:
            return answer(app, environ, event, source, config)
        except Exception:
            return failed(kind, event, environ)

    return serve


def rest_environ(event: dict, context: object) -> dict | None:
    """Return the WSGI environ of a common REST event, or None."""
    request_context = event.get("requestContext")
    method = event.get("httpMethod")
    path = event.get("path")
    multi = event.get("multiValueHeaders")
    single = event.get("headers")
    body = event.get("body")
    if (
        type(request_context) is not dict
        or type(method) is not str
        or not method
        or type(path) is not str
        or type(multi) is not dict
        or type(single) is not dict
        or len(single) != len(multi)
        or event.get("isBase64Encoded")
        or event.get("multiValueQueryStringParameters")
        or event.get("queryStringParameters")
        or "version" in event
        or "%" in path
        or not path.isascii()
    ):
        return None
    try:  # a repeated header must reach the app joined: the long way
        if sum(map(len, multi.values())) != len(multi):
            return None
    except TypeError:
        return None
    stage = request_context.get("stage")
    script_name = _script_names.get(stage) if type(stage) is str else None
    if not script_name:
        return None
    environ = _common_environ(single, method, body, context, event)
    if environ is None:
        return None
    environ["SCRIPT_NAME"] = script_name
    environ["PATH_INFO"] = path
    identity = request_context.get("identity")
    if type(identity) is dict:
        source_ip = identity.get("sourceIp")
        if type(source_ip) is str and source_ip:
            environ["REMOTE_ADDR"] = source_ip
    protocol = request_context.get("protocol")
    if type(protocol) is str:
        environ["SERVER_PROTOCOL"] = protocol
    return environ


def http_api_environ(event: dict, context: object) -> dict | None:
    """Return the WSGI environ of a common payload 2.0 event, or None."""
    request_context = event.get("requestContext")
    single = event.get("headers")
    path = event.get("rawPath")
    query = event.get("rawQueryString")
    if (
        type(request_context) is not dict
        or type(single) is not dict
        or type(path) is not str
        or type(query) is not str
        or event.get("isBase64Encoded")
        or event.get("cookies")
        or "%" in path
        or not path.isascii()
        or not query.isascii()
    ):
        return None
    http = request_context.get("http")
    stage = request_context.get("stage")
    if type(http) is not dict or stage not in (None, "$default"):
        return None
    method = http.get("method")
    if type(method) is not str or not method:
        return None
    environ = _common_environ(single, method, event.get("body"), context, event)
    if environ is None:
        return None
    environ["QUERY_STRING"] = query
    environ["PATH_INFO"] = path
    source_ip = http.get("sourceIp")
    if type(source_ip) is str and source_ip:
        environ["REMOTE_ADDR"] = source_ip
    protocol = http.get("protocol")
    if type(protocol) is str:
        environ["SERVER_PROTOCOL"] = protocol
    return environ


def _common_environ(single, method, body, context, event) -> dict | None:
    """Return the environ parts both sources share, or None.

    SINGLE is the event's map of header names to single strings, whose
    names must have been seen before and whose values must be ASCII. None
    also when the host is not AWS's: a custom domain's base path is left to
    the long way.
    """
    keys = _layouts.get(tuple(single))
    if keys is None:
        return None
    values = single.values()
    try:
        if not "".join(values).isascii():
            return None
    except TypeError:
        return None
    if body is None:
        data = b""
    elif type(body) is str:
        try:
            data = body.encode("utf-8")
        except UnicodeError:  # a lone surrogate: the long way says what
            return None
    else:
        return None
    environ = BASE_ENVIRON.copy()
    environ.update(zip(keys, values))
    request_context = event.get("requestContext")
    named = request_context.get("domainName") if type(request_context) is dict else ""
    server = _servers.get(
        (
            environ.get("HTTP_HOST"),
            environ.get("HTTP_X_FORWARDED_PROTO"),
            environ.get("HTTP_X_FORWARDED_PORT"),
            named if type(named) is str else "",
        )
    )
    if server is None or not server[3]:
        return None
    environ["SERVER_NAME"], environ["SERVER_PORT"], environ["wsgi.url_scheme"], _ = server
    environ["REQUEST_METHOD"] = method
    environ["QUERY_STRING"] = ""
    environ["CONTENT_LENGTH"] = str(len(data))
    environ["wsgi.input"] = io.BytesIO(data)
    environ["slam.event"] = event
    environ["slam.context"] = context
    return environ


def answer(app: object, environ: dict, event: dict, source: object, config: object) -> dict:
    """Run the app and return its response, the short way when it can."""
    status, headers, body = _wsgi.collect(app, environ)
    parsed = _statuses.get(status)
    layout = _answer_layouts.get(tuple(map(_name_of, headers)))
    if parsed is not None and layout is not None and layout.simple:
        mapped = dict(headers)
        content_type = layout.content_type
        joined = "".join(mapped.values())
        if (
            layout.content_encoding < 0
            and joined.isascii()
            and "\n" not in joined
            and "\r" not in joined
            and config.media_types.is_text(headers[content_type][1] if content_type >= 0 else "")
        ):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return {
                    "statusCode": parsed[0],
                    "headers": mapped,
                    "body": text,
                    "isBase64Encoded": False,
                }
    return source.respond(event, _wsgi.answer_of(status, headers, body), config)
