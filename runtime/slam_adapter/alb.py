"""Application Load Balancer events, in either header mode of the target group.

An ALB passes the path and query parameters as sent, percent-encoded, so
they are decoded once, by the app, and never encoded again. Its only record
of the client is X-Forwarded-For, whose last entry is the one the ALB itself
appended (earlier ones come from the client and may be forged). The answer
takes the request's mode: a multi-value request (multiValueHeaders) gets only
multiValueHeaders back, a single-value one only headers.
"""

from __future__ import annotations

from .config import Config
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
from .response import Answer, body_fields, grouped, layout_of
from .text import wsgi_text


def request(event: dict[str, object], config: Config) -> Request:
    """Return the request an ALB event carries."""
    method = method_of(event.get("httpMethod"), "httpMethod")
    path = path_of(event.get("path"), "path")
    multi = mapping(event, "multiValueHeaders")
    source = single_valued(multi, event.get("headers")) if multi else mapping(event, "headers")
    environ = BASE_ENVIRON.copy()
    add_to_environ(environ, source)
    body = decode_body(event)
    environ["REQUEST_METHOD"] = method
    environ["QUERY_STRING"] = _query_string(event)
    set_server(environ, None)
    set_path(environ, path, "" if on_aws_host(environ) else config.base_path)
    client = environ.get("HTTP_X_FORWARDED_FOR", "").rpartition(",")[2].strip()
    if client:
        environ["REMOTE_ADDR"] = client
    environ["CONTENT_LENGTH"] = str(len(body))
    return Request(environ, body, path, source, [])


def _query_string(event: dict[str, object]) -> str:
    """Return the query string from the parameters, as sent."""
    parameters = mapping(event, "multiValueQueryStringParameters") or mapping(
        event, "queryStringParameters"
    )
    return wsgi_text(
        "&".join(
            [
                f"{name}={value}"
                for name, values in parameters.items()
                for value in strings(values, f"query parameter '{name}'")
            ]
        )
    )


def respond(event: dict[str, object], answer: Answer, config: Config) -> dict[str, object]:
    """Return the ALB response of ANSWER, in the request's header mode."""
    body, is_base64 = body_fields(answer, layout_of(answer.headers), config.media_types)
    response: dict[str, object] = {
        "statusCode": answer.status,
        "statusDescription": f"{answer.status} {answer.reason}".rstrip(),
        "body": body,
        "isBase64Encoded": is_base64,
    }
    values = grouped(answer.headers)
    if type(event.get("multiValueHeaders")) is dict:
        response["multiValueHeaders"] = values
    else:
        response["headers"] = _single_values(values)
    return response


def _single_values(values: dict[str, list[str]]) -> dict[str, str]:
    """Return the headers for single-value mode.

    Repeated headers are joined with ", ", except Set-Cookie, whose values
    may hold commas: each goes under a spelling of the name that differs in
    letter case only, which a map keeps apart and the ALB sends as separate
    Set-Cookie headers.
    """
    headers: dict[str, str] = {}
    for name, items in values.items():
        if name.lower() != "set-cookie":
            headers[name] = ", ".join(items)
            continue
        for spelling, item in zip(_case_spellings(name), items):
            headers[spelling] = item
    return headers


def _case_spellings(name: str):
    """Yield spellings of NAME that differ only in letter case, NAME first."""
    letters = [index for index, char in enumerate(name) if char.isalpha()]
    for mask in range(1 << len(letters)):
        chars = list(name)
        for bit, index in enumerate(letters):
            if mask >> bit & 1:
                chars[index] = chars[index].swapcase()
        yield "".join(chars)
