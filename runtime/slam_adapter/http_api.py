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
    on_aws_host,
    path_of,
    set_path,
    set_server,
)
from .response import Answer, body_fields, grouped, layout_of, simple_headers
from .text import from_wsgi_text, quote, wsgi_text


def request(event: dict[str, object], config: Config) -> Request:
    """Return the request a payload 2.0 event carries."""
    context = mapping(event, "requestContext")
    http = mapping(context, "http")
    method = method_of(http.get("method"), "requestContext.http.method")
    raw_path = event.get("rawPath")
    path = path_of(http.get("path") if raw_path is None else raw_path, "rawPath")
    source = mapping(event, "headers")
    environ = BASE_ENVIRON.copy()
    add_to_environ(environ, source)
    cookies = strings(event.get("cookies"), "cookies")
    if cookies:
        _add_cookies(environ, cookies)
    body = decode_body(event)
    environ["REQUEST_METHOD"] = method
    environ["QUERY_STRING"] = _query_string(event)
    protocol = http.get("protocol")
    if type(protocol) is str:
        environ["SERVER_PROTOCOL"] = protocol
    set_server(environ, context.get("domainName"))
    set_path(environ, path, _prefix(environ, context, config))
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


def _prefix(
    environ: dict[str, object], context: dict[str, object], config: Config
) -> str:
    """Return the SCRIPT_NAME the path may start with: stage or base path."""
    if not on_aws_host(environ):
        return config.base_path
    stage = context.get("stage")
    if type(stage) is str and stage and stage != "$default":
        return wsgi_text("/" + stage)
    return ""


def respond(event: dict[str, object], answer: Answer, config: Config) -> dict[str, object]:
    """Return the payload 2.0 response of ANSWER.

    Set-Cookie values may hold commas (Expires=...), so they cannot be joined
    like other headers: they go in cookies. Values lose the blanks around
    them (Django's cookies start with one), which are no part of a field
    value (RFC 9110 5.5) but would show inside a joined list.
    """
    layout = layout_of(answer.headers)
    body, is_base64 = body_fields(answer, layout, config.media_types)
    single = simple_headers(answer.headers, layout)
    if single is not None and all(value == value.strip(" \t") for value in single.values()):
        return {
            "statusCode": answer.status,
            "headers": single,
            "body": body,
            "isBase64Encoded": is_base64,
        }
    cookies: list[str] = []
    others = []
    for name, value in answer.headers:
        if name.lower() == "set-cookie":
            cookies.append(from_wsgi_text(value.strip(" \t")))
        else:
            others.append((name, value.strip(" \t")))
    response: dict[str, object] = {
        "statusCode": answer.status,
        "headers": {name: ", ".join(values) for name, values in grouped(others).items()},
        "body": body,
        "isBase64Encoded": is_base64,
    }
    if cookies:
        response["cookies"] = cookies
    return response
