"""Payload 2.0 events: API Gateway HTTP APIs and Lambda function URLs.

``rawPath`` is the path as sent: it keeps a trailing slash that
``requestContext.http.path`` drops, and, under a named HTTP API stage on the
execute-api host, starts with ``/stage``, which becomes the SCRIPT_NAME.
``rawQueryString`` is the query as sent (the decoded parameters join
repeated keys with commas and cannot be told apart from a value holding
one). Cookies come in a list of their own, and go back in one.
"""

from __future__ import annotations

from .config import Config
from .errors import EventError
from .headers import add_to_environ, mapping, strings
from .request import (
    BASE_ENVIRON,
    Request,
    decode_body,
    method_of,
    path_of,
    set_path,
    set_server,
    stage_script_name,
)
from .response import Answer, body_fields, grouped, layout_of, simple_headers
from .text import quote, wsgi_text


def request(event: dict[str, object], config: Config) -> Request:
    """Return the request a payload 2.0 event carries.

    Written flat, with few calls: it runs for every request.
    """
    context = event.get("requestContext")
    if type(context) is not dict:
        context = mapping(event, "requestContext")
    http = context.get("http")
    if type(http) is not dict:
        http = mapping(context, "http")
    method = method_of(http.get("method"), "requestContext.http.method")
    path = event.get("rawPath")
    if type(path) is not str:
        path = path_of(http.get("path") if path is None else path, "rawPath")
    source = event.get("headers")
    if type(source) is not dict:
        source = mapping(event, "headers")
    environ = BASE_ENVIRON.copy()
    add_to_environ(environ, source)
    cookies = event.get("cookies")
    if cookies:
        cookies = strings(cookies, "cookies")
        _add_cookies(environ, cookies)
    else:
        cookies = []
    body = event.get("body")
    if type(body) is str and not event.get("isBase64Encoded"):
        body = body.encode("utf-8")
    else:
        body = decode_body(event)
    environ["REQUEST_METHOD"] = method
    query = event.get("rawQueryString")
    environ["QUERY_STRING"] = query if type(query) is str and query.isascii() else _query_string(event)
    protocol = http.get("protocol")
    if type(protocol) is str:
        environ["SERVER_PROTOCOL"] = protocol
    if set_server(environ, context.get("domainName")):
        stage = context.get("stage")
        prefix = stage_script_name(stage) if type(stage) is str and stage != "$default" else ""
    else:
        prefix = config.base_path
    set_path(environ, path, prefix)
    source_ip = http.get("sourceIp")
    if type(source_ip) is str and source_ip:
        environ["REMOTE_ADDR"] = source_ip
    environ["CONTENT_LENGTH"] = str(len(body))
    return Request(environ, body, path, source, cookies)


def _add_cookies(environ: dict[str, object], cookies: list[str]) -> None:
    """Add the event's cookies to HTTP_COOKIE, joined as one header."""
    joined = wsgi_text("; ".join(cookies))
    existing = environ.get("HTTP_COOKIE")
    environ["HTTP_COOKIE"] = f"{existing}; {joined}" if existing else joined


def _query_string(event: dict[str, object]) -> str:
    """Return the query string as sent, or rebuilt when the event lacks it."""
    raw = event.get("rawQueryString")
    if type(raw) is str:
        return wsgi_text(raw)
    if raw is not None:
        raise EventError("rawQueryString must be a string or null")
    parameters = mapping(event, "queryStringParameters")
    return "&".join(
        quote(name) + "=" + quote(value)
        for name, values in parameters.items()
        for value in strings(values, f"query parameter '{name}'")
    )


def respond(event: dict[str, object], answer: Answer, config: Config) -> dict[str, object]:
    """Return the payload 2.0 response of ANSWER.

    Set-Cookie values may hold commas (Expires=...), so they cannot be joined
    like other headers: they go in cookies. Joined and cookie values lose
    the blanks around them (Django's cookies start with one), which are no
    part of a field value (RFC 9110 5.5) but would show inside a list.
    """
    layout = layout_of(answer.headers)
    body, is_base64 = body_fields(answer, layout, config.media_types)
    single = simple_headers(answer.headers, layout)
    response: dict[str, object] = {
        "statusCode": answer.status,
        "headers": single,
        "body": body,
        "isBase64Encoded": is_base64,
    }
    if single is None:
        groups = grouped(answer.headers)
        cookies = [
            value.strip(" \t")
            for name, values in groups.items()
            if name.lower() == "set-cookie"
            for value in values
        ]
        others = {name: values for name, values in groups.items() if name.lower() != "set-cookie"}
        response["headers"] = {
            name: values[0] if len(values) == 1 else ", ".join(v.strip(" \t") for v in values)
            for name, values in others.items()
        }
        if cookies:
            response["cookies"] = cookies
    return response
