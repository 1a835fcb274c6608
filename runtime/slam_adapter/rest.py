"""API Gateway REST API events (payload 1.0), and HTTP APIs set to 1.0.

The path comes without the stage, which the execute-api host puts in front
of it: the app gets it as its SCRIPT_NAME, so that the URLs it makes keep
it. A custom domain maps the stage away; there a configured base path,
which the path does hold, becomes the SCRIPT_NAME instead. Query
parameters arrive decoded and are encoded again, so that "+" or "&" inside
a value reach the app as sent.
"""

from __future__ import annotations

from .config import Config
from .errors import EventError
from .headers import add_to_environ, mapping, single_valued, strings
from .request import (
    BASE_ENVIRON,
    Request,
    decode_body,
    set_path,
    set_server,
    stage_script_name,
)
from .response import Answer, body_fields, grouped, layout_of, simple_headers
from .text import quote


def request(event: dict[str, object], config: Config) -> Request:
    """Return the request an API Gateway REST event carries.

    Written flat, with few calls: it runs for every request.
    """
    method = event.get("httpMethod")
    if type(method) is not str or not method:
        raise EventError("httpMethod must be a non-empty string")
    path = event.get("path")
    if type(path) is not str:
        raise EventError("path must be a string")
    source = event.get("multiValueHeaders")
    if source:
        if type(source) is not dict:
            raise EventError("multiValueHeaders must be an object or null")
        source = single_valued(source, event.get("headers"))
    else:
        source = mapping(event, "headers")
    environ = BASE_ENVIRON.copy()
    add_to_environ(environ, source)
    body = event.get("body")
    if type(body) is str and not event.get("isBase64Encoded"):
        body = body.encode("utf-8")
    else:
        body = decode_body(event)
    environ["REQUEST_METHOD"] = method
    environ["QUERY_STRING"] = (
        query_string(event)
        if event.get("multiValueQueryStringParameters") or event.get("queryStringParameters")
        else ""
    )
    context = event.get("requestContext")
    if type(context) is not dict:
        context = mapping(event, "requestContext")
    protocol = context.get("protocol")
    if type(protocol) is str:
        environ["SERVER_PROTOCOL"] = protocol
    stage = context.get("stage")
    if not set_server(environ, context.get("domainName")):
        set_path(environ, path, config.base_path)
    elif type(stage) is not str or not stage or stage == "$default":
        set_path(environ, path, "")
    elif event.get("version") == "1.0":
        # An HTTP API's payload 1.0 keeps the stage in the path.
        set_path(environ, path, stage_script_name(stage))
    else:  # the REST path comes without the stage
        set_path(environ, path, "")
        environ["SCRIPT_NAME"] = stage_script_name(stage)
    identity = context.get("identity")
    if type(identity) is dict:
        source_ip = identity.get("sourceIp")
        if type(source_ip) is str and source_ip:
            environ["REMOTE_ADDR"] = source_ip
    environ["CONTENT_LENGTH"] = str(len(body))
    return Request(environ, body, path, source, [])


def query_string(event: dict[str, object]) -> str:
    """Return the query string, encoded again from the decoded parameters."""
    parameters = mapping(event, "multiValueQueryStringParameters") or mapping(
        event, "queryStringParameters"
    )
    if not parameters:
        return ""
    pairs = []
    for name, values in parameters.items():
        if type(values) is not list:
            values = strings(values, f"query parameter '{name}'")
        for value in values:
            if type(value) is not str:
                raise EventError(f"query parameter '{name}' must hold strings")
            pairs.append(quote(name) + "=" + quote(value))
    return "&".join(pairs)


def respond(event: dict[str, object], answer: Answer, config: Config) -> dict[str, object]:
    """Return the payload 1.0 response of ANSWER.

    A header given once goes in headers; a repeated one and every Set-Cookie
    in multiValueHeaders only: API Gateway merges both maps, and a value in
    both would be sent twice.
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
        single = response["headers"] = {}
        multiple: dict[str, list[str]] = {}
        for name, values in grouped(answer.headers).items():
            if len(values) > 1 or name.lower() == "set-cookie":
                multiple[name] = values
            else:
                single[name] = values[0]
        if multiple:
            response["multiValueHeaders"] = multiple
    return response
