"""What every HTTP event source gives the interfaces: one Request.

A source module (rest, http_api, alb) reads its event into a Request: the
CGI variables of PEP 3333 (``environ``, which the WSGI interface completes and
the ASGI one reads), the decoded body, the path as sent, and the headers as
the event holds them. The helpers here are the parts the sources share.
"""

from __future__ import annotations

import binascii
import sys

from .errors import EventError
from .text import unquote_to_latin1, wsgi_text

# Hosts of AWS endpoints (execute-api, elb, lambda-url); any other host is a
# custom domain, where a configured base path applies instead of the stage.
_AWS_HOST_SUFFIXES = (".amazonaws.com", ".amazonaws.com.cn", ".on.aws")
_LOOPBACK_HOSTS = frozenset(("localhost", "[::1]"))
_STRICT_BASE64 = sys.version_info >= (3, 11)
_stage_script_names: dict[str, str] = {}
# What set_server() worked out, by its inputs.
_servers: dict[tuple, tuple[str, str, str, bool]] = {}
# The constant part of every environ, copied for each request.
BASE_ENVIRON = {
    "wsgi.version": (1, 0),
    "wsgi.errors": sys.stderr,
    "wsgi.multithread": False,
    "wsgi.multiprocess": True,
    "wsgi.run_once": False,
    "SERVER_PROTOCOL": "HTTP/1.1",
    "SCRIPT_NAME": "",
}


class Request:
    """An HTTP request read from an event, ready for WSGI or ASGI."""

    __slots__ = ("environ", "body", "raw_path", "headers", "cookies")

    def __init__(
        self,
        environ: dict[str, object],
        body: bytes,
        raw_path: str,
        headers: dict[str, object],
        cookies: list[str],
    ) -> None:
        self.environ = environ  # all of the WSGI environ but wsgi.input
        self.body = body
        self.raw_path = raw_path  # as sent, before percent-decoding
        self.headers = headers  # the event's own map of headers
        self.cookies = cookies  # payload 2.0 keeps them apart from headers


def decode_body(event: dict[str, object]) -> bytes:
    """Return the request body as bytes, base64-decoded when flagged so."""
    body = event.get("body")
    if body is None:
        return b""
    if type(body) is not str:
        raise EventError("body must be a string or null")
    if not event.get("isBase64Encoded"):
        return body.encode("utf-8")
    try:
        if _STRICT_BASE64:
            return binascii.a2b_base64(body, strict_mode=True)
        import base64  # Python 3.9 and 3.10: no strict_mode

        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError) as error:
        raise EventError("body is not valid base64") from error


def set_server(environ: dict[str, object], domain_name: object) -> bool:
    """Set SERVER_NAME, SERVER_PORT and wsgi.url_scheme from the headers.

    Return whether the request came to an AWS endpoint rather than through
    a custom domain: the event's requestContext.domainName says so where it
    has one (API Gateway and function URLs); else (ALB) the Host header.
    On AWS both name the same host; `slam serve` names its API's own
    endpoint there, whatever Host its client sent (a machine name, a
    compose service). The three come from three headers that hardly ever
    change between requests, so each combination is worked out once.
    """
    named = domain_name if type(domain_name) is str else ""
    host = environ.get("HTTP_HOST") or named
    key = (host, environ.get("HTTP_X_FORWARDED_PROTO"), environ.get("HTTP_X_FORWARDED_PORT"),
           named)
    server = _servers.get(key)
    if server is None:
        server = _server_of(*key)
        if len(_servers) >= 64:
            _servers.clear()
        _servers[key] = server
    environ["SERVER_NAME"], environ["SERVER_PORT"], environ["wsgi.url_scheme"], aws = server
    return aws


def _server_of(host: str, proto: str | None, port: str | None,
               named: str) -> tuple[str, str, str, bool]:
    """Return the server name, port, scheme and AWS-ness of a request."""
    name, colon, host_port = host.rpartition(":")
    if not colon or not host_port.isdigit():
        name, host_port = host, ""
    scheme = "http" if (proto or "").split(",")[0].strip().lower() == "http" else "https"
    forwarded_port = (port or "").split(",")[0].strip()
    if forwarded_port.isdigit():
        host_port = forwarded_port
    # Judged before "localhost" stands in for a missing host: a console
    # test event without one is no request to `slam serve`.
    aws = _is_api_host((named or name).lower())
    port = host_port or ("443" if scheme == "https" else "80")
    return name or "localhost", port, scheme, aws


def _is_api_host(name: str) -> bool:
    """Return whether NAME is an AWS endpoint or `slam serve`'s front door.

    `slam serve` plays the execute-api host on a loopback address, so that
    the stage prefix of its URLs stays in SCRIPT_NAME there too; no custom
    domain is ever a loopback address.
    """
    return name.endswith(_AWS_HOST_SUFFIXES) or name in _LOOPBACK_HOSTS or (
        name.startswith("127.") or name.endswith(".localhost")
    )


def stage_script_name(stage: str) -> str:
    """Return the SCRIPT_NAME of a stage in the path: "/dev" ("" for none)."""
    script_name = _stage_script_names.get(stage)
    if script_name is None:
        script_name = wsgi_text("/" + stage) if stage else ""
        if len(_stage_script_names) < 64:
            _stage_script_names[stage] = script_name
    return script_name


def set_path(environ: dict[str, object], path: str, prefix: str) -> None:
    """Set SCRIPT_NAME to PREFIX when PATH starts with it, and PATH_INFO.

    PATH is percent-encoded as sent; PREFIX ("/dev", "/users") is decoded.
    """
    path_info = path if "%" not in path and path.isascii() else unquote_to_latin1(path)
    if prefix and path_info.startswith(prefix):
        rest = path_info[len(prefix) :]
        if not rest or rest[0] == "/":
            environ["SCRIPT_NAME"] = prefix
            environ["PATH_INFO"] = rest
            return
    environ["SCRIPT_NAME"] = ""
    environ["PATH_INFO"] = path_info


def method_of(value: object, what: str) -> str:
    """Return an event's HTTP method, checked."""
    if type(value) is not str or not value:
        raise EventError(f"{what} must be a non-empty string")
    return value


def path_of(value: object, what: str) -> str:
    """Return an event's path, checked."""
    if type(value) is not str:
        raise EventError(f"{what} must be a string")
    return value or "/"
