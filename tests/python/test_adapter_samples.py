"""Adapter contract (docs/adapter.md) on AWS's own sample events.

Each sample request runs against the echo apps; the environ is checked field
by field against the event. Responses must have the shape of the matching
sample response.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import unquote_to_bytes

import pytest
from apps import ASGI_ECHO_APP, ECHO_APP, body_of, echoed, query_of
from support import Context, header_values, response_headers

REST_SAMPLES = ["apigw-request.json", "apigw-restapi-openapi-request.json"]
V2_SAMPLES = [
    "apigw-v2-request-iam.json",
    "apigw-v2-request-jwt-authorizer.json",
    "apigw-v2-request-lambda-authorizer.json",
    "apigw-v2-request-no-authorizer.json",
    "lambda-urls-request.json",
]
ALB_SAMPLES = [
    "alb-lambda-target-request-headers-only.json",
    "alb-lambda-target-request-multivalue-headers.json",
]
SAMPLES = REST_SAMPLES + V2_SAMPLES + ALB_SAMPLES


def kind_of(name: str) -> str:
    if name in REST_SAMPLES:
        return "rest"
    if name in V2_SAMPLES:
        return "v2"
    return "alb-multi" if "multivalue" in name else "alb"


def request_headers(event: dict) -> dict[str, list[str]]:
    """Return the request headers of a sample event by lowercase name."""
    headers: dict[str, list[str]] = {}
    source = event.get("multiValueHeaders") or {
        name: [value] for name, value in (event.get("headers") or {}).items()
    }
    for name, values in source.items():
        headers.setdefault(name.lower(), []).extend(values)
    return headers


def expected_environ(event: dict) -> dict[str, str]:
    """Return what the environ must hold for a sample EVENT."""
    headers = request_headers(event)
    body = (event.get("body") or "").encode()
    if "version" in event:  # payload 2.0
        method = event["requestContext"]["http"]["method"]
        path = event["rawPath"]
        remote = event["requestContext"]["http"]["sourceIp"]
        if event.get("cookies"):
            headers["cookie"] = ["; ".join(event["cookies"])]
    elif "elb" in event["requestContext"]:
        method, path = event["httpMethod"], event["path"]
        remote = headers["x-forwarded-for"][-1].split(",")[-1].strip()
    else:
        method, path = event["httpMethod"], event["path"]
        remote = event["requestContext"]["identity"]["sourceIp"]
    # Only the REST samples are on an execute-api host with a named stage.
    stage = event["requestContext"].get("stage", "$default")
    expected = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "" if stage == "$default" or "version" in event else f"/{stage}",
        "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
        "REMOTE_ADDR": remote,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.url_scheme": headers.get("x-forwarded-proto", ["https"])[0],
        "SERVER_NAME": headers.get("host", [event["requestContext"].get("domainName")])[0],
    }
    for name, values in headers.items():
        if name == "content-length":
            continue
        key = name.upper().replace("-", "_")
        key = key if key == "CONTENT_TYPE" else "HTTP_" + key
        expected[key] = ",".join(values)
    return expected


def expected_query(event: dict) -> list[tuple[str, str]]:
    """Return the query parameters the app must read for a sample EVENT."""
    if "version" in event:
        return [tuple(pair.split("=", 1)) for pair in event["rawQueryString"].split("&") if pair]
    multi = event.get("multiValueQueryStringParameters")
    if multi:
        return [(name, value) for name, values in multi.items() for value in values]
    return list((event.get("queryStringParameters") or {}).items())


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_request_reaches_the_wsgi_environ(deploy, sample_event, name):
    handler = deploy(ECHO_APP)
    event = sample_event(name)
    environ = echoed(handler.lambda_handler(event, Context()))
    expected = expected_environ(event)
    assert {key: environ.get(key) for key in expected} == expected
    extra = {
        key
        for key in environ
        if key.startswith("HTTP_") and key not in expected
    }
    assert extra == set()
    assert query_of(environ) == expected_query(event)
    assert body_of(environ) == (event.get("body") or "").encode()


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_request_reaches_the_asgi_scope(deploy, sample_event, forget_starlette, name):
    handler = deploy(ASGI_ECHO_APP)
    event = sample_event(name)
    response = handler.lambda_handler(event, Context())
    assert response["statusCode"] == 200, response
    scope = json.loads(response["body"])
    expected = expected_environ(event)
    assert (scope["method"], scope["scheme"], scope["client"][0]) == (
        expected["REQUEST_METHOD"],
        expected["wsgi.url_scheme"],
        expected["REMOTE_ADDR"],
    )
    # REST paths leave out the stage; a payload 2.0 rawPath keeps it.
    decoded = unquote_to_bytes(event.get("rawPath") or event["path"]).decode()
    prefix = expected["SCRIPT_NAME"] if "rawPath" not in event else ""
    assert (scope["root_path"], scope["path"]) == (expected["SCRIPT_NAME"], prefix + decoded)
    assert base64.b64decode(scope["body"]) == (event.get("body") or "").encode()


def app_answering(status: str, headers: list[tuple[str, str]], body: str) -> str:
    """Return the source of a WSGI app giving this fixed answer."""
    return (
        "def app(environ, start_response):\n"
        f"    start_response({status!r}, {headers!r})\n"
        f"    return [{body.encode()!r}]\n"
    )


@pytest.mark.parametrize("name", REST_SAMPLES)
def test_rest_response_has_the_sample_shape(deploy, sample_event, name):
    sample = sample_event("apigw-response.json")
    headers = [("Content-Type", "text/plain")] + list(sample["headers"].items())
    handler = deploy(app_answering("200 OK", headers, sample["body"]))
    response = handler.lambda_handler(sample_event(name), Context())
    assert (response["statusCode"], response["body"], response["isBase64Encoded"]) == (
        200,
        "Hello World",
        False,
    )
    assert response["headers"] == dict(headers)
    assert response_headers("rest", response) == headers


@pytest.mark.parametrize("name", V2_SAMPLES)
def test_payload_2_response_is_the_sample(deploy, sample_event, name):
    sample = sample_event("lambda-urls-response.json")
    headers = list(sample["headers"].items()) + [
        ("Set-Cookie", cookie) for cookie in sample["cookies"]
    ]
    handler = deploy(app_answering("201 Created", headers, sample["body"]))
    assert handler.lambda_handler(sample_event(name), Context()) == sample


@pytest.mark.parametrize("name", ALB_SAMPLES)
def test_alb_response_has_the_sample_shape(deploy, sample_event, name):
    sample = sample_event("alb-lambda-target-response.json")
    headers = [
        (header, value)
        for header, values in sample["multiValueHeaders"].items()
        for value in values
    ]
    handler = deploy(app_answering("200 OK", headers, sample["body"]))
    response = handler.lambda_handler(sample_event(name), Context())
    kind = kind_of(name)
    common = {key: sample[key] for key in ("statusCode", "statusDescription", "body", "isBase64Encoded")}
    assert {key: response.get(key) for key in common} == common
    if kind == "alb-multi":
        assert response == {**common, "multiValueHeaders": sample["multiValueHeaders"]}
    else:
        assert set(response) == set(common) | {"headers"}
        assert header_values(kind, response, "Set-Cookie") == sample["multiValueHeaders"]["Set-cookie"]
        assert header_values(kind, response, "Content-Type") == ["application/json"]
