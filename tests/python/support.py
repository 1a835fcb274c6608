"""Helpers for the tests of runtime/slam_handler.py: events, contexts, loading."""

from __future__ import annotations

import copy
import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

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
