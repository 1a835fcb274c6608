"""Helpers for the tests of runtime/slam_handler.py: events, contexts, loading."""

from __future__ import annotations

import copy
import importlib
import sys
from base64 import b64decode, b64encode
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[2]
HANDLER_FILE = REPO / "runtime" / "slam_handler.py"
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:demo"
API_HOST = "abc123.execute-api.us-east-1.amazonaws.com"
APP_MODULE = "slam_test_app"


class Context:
    """The part of a Lambda context object that the handler reads."""

    def __init__(self, alias: str | None = None) -> None:
        self.invoked_function_arn = FUNCTION_ARN + (f":{alias}" if alias else "")


def load_handler() -> ModuleType:
    """Return a freshly imported slam_handler, with none of its state kept.

    The adapter package slam_adapter is imported anew too, so that each test
    starts from a cold start.
    """
    runtime = str(HANDLER_FILE.parent)
    if sys.path[:1] != [runtime]:
        sys.path.insert(0, runtime)
    previous = sys.modules.get("slam_adapter.handler")
    if previous is not None:
        previous.shutdown()  # ends an ASGI app's lifespan and event loop
    for name in list(sys.modules):
        if name == "slam_handler" or name.split(".")[0] == "slam_adapter":
            del sys.modules[name]
    return importlib.import_module("slam_handler")


def rest_response(
    status: int, body: str, headers: dict[str, list[str]], *, base64: bool = False
) -> dict[str, Any]:
    """Return the REST (payload 1.0) response the adapter gives.

    A header given once is in headers; a repeated one and every Set-Cookie
    only in multiValueHeaders, which is absent when empty.
    """
    single = {
        name: values[0]
        for name, values in headers.items()
        if len(values) == 1 and name.lower() != "set-cookie"
    }
    multi = {name: values for name, values in headers.items() if name not in single}
    response: dict[str, Any] = {
        "statusCode": status,
        "headers": single,
        "body": body,
        "isBase64Encoded": base64,
    }
    if multi:
        response["multiValueHeaders"] = multi
    return response


def rest_event(
    method: str = "GET",
    path: str = "/",
    *,
    query: dict[str, list[str]] | None = None,
    headers: dict[str, list[str]] | None = None,
    body: str | None = None,
    base64: bool = False,
    stage: str = "dev",
    host: str = API_HOST,
    source_ip: str = "203.0.113.7",
) -> dict[str, Any]:
    """Return an API Gateway REST (payload 1.0) event as the proxy sends it."""
    multi_headers = {"Host": [host], "X-Forwarded-Proto": ["https"]}
    multi_headers.update(copy.deepcopy(headers or {}))
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": {name: values[-1] for name, values in multi_headers.items()},
        "multiValueHeaders": multi_headers,
        "queryStringParameters": (
            {name: values[-1] for name, values in query.items()} if query else None
        ),
        "multiValueQueryStringParameters": copy.deepcopy(query) if query else None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": {"STAGE": stage},
        "requestContext": {
            "stage": stage,
            "path": f"/{stage}{path}",
            "httpMethod": method,
            "protocol": "HTTP/1.1",
            "identity": {"sourceIp": source_ip},
        },
        "body": body,
        "isBase64Encoded": base64,
    }


def v2_event(
    method: str = "GET",
    raw_path: str = "/",
    *,
    query: str = "",
    headers: dict[str, str] | None = None,
    cookies: list[str] | None = None,
    body: str | None = None,
    base64: bool = False,
    stage: str = "$default",
    host: str = API_HOST,
    source_ip: str = "203.0.113.7",
) -> dict[str, Any]:
    """Return an HTTP API (payload 2.0) event as the integration sends it.

    RAW_PATH is what the client asked for: with a named STAGE it starts with
    /STAGE, as on the execute-api host.
    """
    all_headers = {"host": host, "x-forwarded-proto": "https"}
    all_headers.update(headers or {})
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": raw_path,
        "rawQueryString": query,
        "headers": all_headers,
        "requestContext": {
            "domainName": host,
            "http": {
                "method": method,
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": "test",
            },
            "routeKey": "$default",
            "stage": stage,
        },
        "isBase64Encoded": base64,
    }
    if cookies is not None:
        event["cookies"] = list(cookies)
    if body is not None:
        event["body"] = body
    if stage != "$default":
        event["stageVariables"] = {"STAGE": stage}
    return event


URL_HOST = "abcdefghij.lambda-url.us-east-1.on.aws"
ALB_HOST = "demo-alb-123456789.us-east-1.elb.amazonaws.com"
CUSTOM_HOST = "api.example.com"
TARGET_GROUP = (
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/demo/0123"
)
# The event kinds an HTTP request can arrive as: API Gateway REST (payload
# 1.0), HTTP API (payload 2.0), function URL, ALB in each header mode.
KINDS = ("rest", "v2", "url", "alb", "alb-multi")
PAYLOAD_2 = ("v2", "url")
ALB_KINDS = ("alb", "alb-multi")

Pairs = list[tuple[str, str]]


def url_event(method: str = "GET", raw_path: str = "/", **options: Any) -> dict[str, Any]:
    """Return a Lambda function URL event: payload 2.0 without any stage."""
    event = v2_event(method, raw_path, host=options.pop("host", URL_HOST), **options)
    event.pop("routeKey")
    for key in ("routeKey", "stage"):
        event["requestContext"].pop(key)
    event["requestContext"]["domainPrefix"] = event["requestContext"][
        "domainName"
    ].split(".")[0]
    return event


def alb_event(
    method: str = "GET",
    path: str = "/",
    *,
    query: Pairs | None = None,
    headers: Pairs | None = None,
    body: str | None = None,
    base64: bool = False,
    multi: bool = False,
    host: str = ALB_HOST,
    client_ip: str = "198.51.100.20",
) -> dict[str, Any]:
    """Return an ALB target event, single-value or (MULTI) multi-value.

    QUERY holds the names and values as the client sent them: ALB does not
    decode them. Header names are lowercase, as ALB gives them.
    """
    all_headers = [
        ("host", host),
        ("x-forwarded-for", client_ip),
        ("x-forwarded-port", "443"),
        ("x-forwarded-proto", "https"),
    ]
    given = [(name.lower(), value) for name, value in headers or []]
    given_names = {name for name, _ in given}
    all_headers = [pair for pair in all_headers if pair[0] not in given_names] + given
    event: dict[str, Any] = {
        "requestContext": {"elb": {"targetGroupArn": TARGET_GROUP}},
        "httpMethod": method,
        "path": path,
        "body": "" if body is None else body,
        "isBase64Encoded": base64,
    }
    if multi:
        event["multiValueQueryStringParameters"] = _grouped(query or [])
        event["multiValueHeaders"] = _grouped(all_headers)
    else:
        event["queryStringParameters"] = dict(query or [])
        event["headers"] = dict(all_headers)
    return event


def sent_query(kind: str, pairs: Pairs) -> Pairs:
    """Return the query parameters an event of KIND can carry of PAIRS.

    An ALB in single-value mode keeps only the last value of a repeated name
    (in the place of its first).
    """
    return list(dict(pairs).items()) if kind == "alb" else list(pairs)


def _grouped(pairs: Pairs) -> dict[str, list[str]]:
    """Return the values of each name in PAIRS, in order."""
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped


def http_event(
    kind: str,
    method: str = "GET",
    path: str = "/",
    *,
    query: Pairs | None = None,
    headers: Pairs | None = None,
    cookies: list[str] | None = None,
    body: bytes | None = None,
    base64: bool = False,
    host: str | None = None,
    source_ip: str = "203.0.113.7",
) -> dict[str, Any]:
    """Return one request as an event of KIND (one of KINDS).

    PATH is what the client sent after any stage (percent-encoded); QUERY the
    decoded names and values; COOKIES become payload 2.0 cookies or a Cookie
    header. BODY goes as base64 when BASE64, else as UTF-8 text. REST events
    have the stage dev; payload 2.0 ones the $default stage.
    """
    pairs = list(query or [])
    header_pairs = list(headers or [])
    if cookies and kind not in PAYLOAD_2:
        header_pairs.append(("Cookie", "; ".join(cookies)))
    text = None
    if body is not None:
        text = _b64(body) if base64 else body.decode("utf-8")
    if kind == "rest":
        event = rest_event(
            method,
            path,
            query=_grouped(pairs) or None,
            headers=_grouped(header_pairs),
            body=text,
            base64=base64,
            host=host or API_HOST,
            source_ip=source_ip,
        )
        return event
    if kind in PAYLOAD_2:
        build = v2_event if kind == "v2" else url_event
        options: dict[str, Any] = {"host": host or (API_HOST if kind == "v2" else URL_HOST)}
        event = build(
            method,
            path,
            query=_raw_query(pairs),
            headers={
                name.lower(): ",".join(values)
                for name, values in _grouped(header_pairs).items()
            },
            cookies=cookies,
            body=text,
            base64=base64,
            source_ip=source_ip,
            **options,
        )
        if pairs:
            event["queryStringParameters"] = {
                name: ",".join(values) for name, values in _grouped(pairs).items()
            }
        return event
    raw = [_raw_pair(name, value) for name, value in pairs]
    return alb_event(
        method,
        path,
        query=raw,
        headers=header_pairs,
        body=text,
        base64=base64,
        multi=kind == "alb-multi",
        host=host or ALB_HOST,
        client_ip=source_ip,
    )


def _b64(data: bytes) -> str:
    return b64encode(data).decode("ascii")


def _raw_pair(name: str, value: str) -> tuple[str, str]:
    """Return a decoded query parameter percent-encoded, as a client sends it."""
    return quote(name, safe=""), quote(value, safe="")


def _raw_query(pairs: Pairs) -> str:
    """Return the query string a client sends for the decoded PAIRS."""
    return "&".join("=".join(_raw_pair(name, value)) for name, value in pairs)


def response_headers(kind: str, response: dict[str, Any]) -> Pairs:
    """Return the headers the client receives from a response of KIND.

    REST: API Gateway merges headers into multiValueHeaders, keeping a pair
    present in both once. Payload 2.0: cookies become Set-Cookie headers. ALB:
    a multi-value request must get only multiValueHeaders, a single-value one
    only headers (ALB rejects or ignores the other map).
    """
    if kind == "rest":
        multi = [
            (name, value)
            for name, values in (response.get("multiValueHeaders") or {}).items()
            for value in values
        ]
        seen = {(name.lower(), value) for name, value in multi}
        single = [
            (name, value)
            for name, value in (response.get("headers") or {}).items()
            if (name.lower(), value) not in seen
        ]
        return multi + single
    if kind in PAYLOAD_2:
        pairs = list((response.get("headers") or {}).items())
        return pairs + [("Set-Cookie", cookie) for cookie in response.get("cookies", [])]
    if kind == "alb-multi":
        assert "headers" not in response, response
        return [
            (name, value)
            for name, values in response["multiValueHeaders"].items()
            for value in values
        ]
    assert "multiValueHeaders" not in response, response
    return list(response["headers"].items())


def header_values(kind: str, response: dict[str, Any], name: str) -> list[str]:
    """Return the values the client receives for the response header NAME."""
    return [
        value
        for key, value in response_headers(kind, response)
        if key.lower() == name.lower()
    ]


def response_body(response: dict[str, Any]) -> bytes:
    """Return the body of a response as bytes, decoding base64 when flagged."""
    body = response.get("body") or ""
    if response.get("isBase64Encoded"):
        return b64decode(body)
    return body.encode("utf-8")
