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
    method_of,
    on_aws_host,
    path_of,
    set_path,
    set_server,
)
from .response import Answer, body_fields, grouped, layout_of, simple_headers
from .text import quote, wsgi_text


def request(event: dict[str, object], config: Config) -> Request:
    """Return the request an API Gateway REST event carries."""
    method = method_of(event.get("httpMethod"), "httpMethod")
    path = path_of(event.get("path"), "path")
    multi = mapping(event, "multiValueHeaders")
    source = single_valued(multi, event.get("headers")) if multi else mapping(event, "headers")
    environ = BASE_ENVIRON.copy()
    add_to_environ(environ, source)
    context = mapping(event, "requestContext")
    body = decode_body(event)
    environ["REQUEST_METHOD"] = method
    environ["QUERY_STRING"] = query_string(event)
    protocol = context.get("protocol")
    if type(protocol) is str:
        environ["SERVER_PROTOCOL"] = protocol
    set_server(environ, context.get("domainName"))
    _set_script_and_path(event, environ, context, path, config)
    identity = context.get("identity")
    if type(identity) is dict:
        source_ip = identity.get("sourceIp")
        if type(source_ip) is str and source_ip:
            environ["REMOTE_ADDR"] = source_ip
    environ["CONTENT_LENGTH"] = str(len(body))
    return Request(environ, body, path, source, [])


def _set_script_and_path(
    event: dict[str, object],
    environ: dict[str, object],
    context: dict[str, object],
    path: str,
    config: Config,
) -> None:
    """Set SCRIPT_NAME and PATH_INFO (see the module docstring)."""
    if not on_aws_host(environ):
        set_path(environ, path, config.base_path)
        return
    stage = context.get("stage")
    if type(stage) is not str or not stage or stage == "$default":
        set_path(environ, path, "")
    elif event.get("version") == "1.0":
        # An HTTP API's payload 1.0 keeps the stage in the path.
        set_path(environ, path, wsgi_text("/" + stage))
    else:
        set_path(environ, path, "")
        environ["SCRIPT_NAME"] = wsgi_text("/" + stage)


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
