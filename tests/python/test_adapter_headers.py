"""Adapter contract (docs/adapter.md): headers, cookies, client address, scheme."""

from __future__ import annotations

import json

import pytest
from apps import ECHO_APP, FLASK_APP, echoed
from support import (
    ALB_KINDS,
    CUSTOM_HOST,
    KINDS,
    PAYLOAD_2,
    Context,
    alb_event,
    header_values,
    http_event,
    rest_event,
    v2_event,
)

FORWARDED_FOR = "198.51.100.9, 203.0.113.7, 130.176.0.1"
COOKIE_A = "a=1; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT"
COOKIE_B = "b=2; HttpOnly"
# Sets two cookies and a header repeated under two spellings.
COOKIES_APP = f"""
    def app(environ, start_response):
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/plain"),
                ("Set-Cookie", {COOKIE_A!r}),
                ("Vary", "Accept"),
                ("Set-Cookie", {COOKIE_B!r}),
                ("vary", "Origin"),
            ],
        )
        return [b"ok"]
"""


def named(mapping: dict, name: str) -> dict:
    """Return the entries of MAPPING whose name is NAME in any letter case."""
    return {key: value for key, value in mapping.items() if key.lower() == name}


def test_rest_set_cookies_are_in_multi_value_headers_only(deploy):
    handler = deploy(COOKIES_APP)
    response = handler.lambda_handler(rest_event(), Context())
    assert named(response["multiValueHeaders"], "set-cookie") == {
        "Set-Cookie": [COOKIE_A, COOKIE_B]
    }
    assert named(response["headers"], "set-cookie") == {}
    assert header_values("rest", response, "Set-Cookie") == [COOKIE_A, COOKIE_B]


def test_rest_repeated_header_is_in_multi_value_headers_only(deploy):
    handler = deploy(COOKIES_APP)
    response = handler.lambda_handler(rest_event(), Context())
    assert named(response["multiValueHeaders"], "vary") == {"Vary": ["Accept", "Origin"]}
    assert named(response["headers"], "vary") == {}
    assert response["headers"]["Content-Type"] == "text/plain"
    assert header_values("rest", response, "Content-Type") == ["text/plain"]


@pytest.mark.parametrize("kind", PAYLOAD_2)
def test_payload_2_set_cookies_are_in_cookies_only(deploy, kind):
    handler = deploy(COOKIES_APP)
    response = handler.lambda_handler(http_event(kind), Context())
    assert response["cookies"] == [COOKIE_A, COOKIE_B]
    assert named(response["headers"], "set-cookie") == {}
    assert named(response["headers"], "vary") == {"Vary": "Accept, Origin"}


def test_alb_multi_value_request_gets_multi_value_headers_only(deploy):
    handler = deploy(COOKIES_APP)
    response = handler.lambda_handler(alb_event(multi=True), Context())
    assert "headers" not in response
    assert named(response["multiValueHeaders"], "set-cookie") == {
        "Set-Cookie": [COOKIE_A, COOKIE_B]
    }
    assert named(response["multiValueHeaders"], "vary") == {"Vary": ["Accept", "Origin"]}


def test_alb_single_value_request_gets_headers_only(deploy):
    handler = deploy(COOKIES_APP)
    response = handler.lambda_handler(alb_event(), Context())
    assert "multiValueHeaders" not in response
    cookies = named(response["headers"], "set-cookie")
    # Two names differing in letter case: ALB sends two Set-Cookie headers.
    assert sorted(cookies.values()) == [COOKIE_A, COOKIE_B]
    assert named(response["headers"], "vary") == {"Vary": "Accept, Origin"}
    assert response["headers"]["Content-Type"] == "text/plain"


@pytest.mark.parametrize("kind", KINDS)
def test_request_cookies_become_one_cookie_header(deploy, kind):
    handler = deploy(ECHO_APP)
    event = http_event(kind, cookies=["a=1", "b=2"])
    assert echoed(handler.lambda_handler(event, Context()))["HTTP_COOKIE"] == "a=1; b=2"


@pytest.mark.parametrize("kind", PAYLOAD_2)
@pytest.mark.parametrize("cookies", [None, []])
def test_payload_2_without_cookies_has_no_cookie_header(deploy, kind, cookies):
    handler = deploy(ECHO_APP)
    event = http_event(kind)
    if cookies is not None:
        event["cookies"] = cookies
    assert "HTTP_COOKIE" not in echoed(handler.lambda_handler(event, Context()))


@pytest.mark.parametrize("kind", PAYLOAD_2)
def test_payload_2_cookies_reach_flask(deploy, kind):
    handler = deploy(FLASK_APP)
    event = http_event(kind, "GET", "/cookies", cookies=["a=1", "b=2"])
    response = handler.lambda_handler(event, Context())
    assert json.loads(response["body"]) == {"seen": {"a": "1", "b": "2"}}


def lowercase_event(kind: str) -> dict:
    """Return a POST of KIND whose Content-Type and Host names are lowercase."""
    headers = {"content-type": "application/json", "host": CUSTOM_HOST}
    event = http_event(kind, "POST", "/", body=b"{}")
    if kind == "rest":
        event["headers"] = dict(headers)
        event["multiValueHeaders"] = {name: [value] for name, value in headers.items()}
    elif kind == "alb-multi":
        event["multiValueHeaders"] = {name: [value] for name, value in headers.items()}
    else:
        event["headers"] = dict(headers)
    return event


@pytest.mark.parametrize("kind", KINDS)
def test_lowercase_content_type_and_host_are_found(deploy, kind):
    handler = deploy(ECHO_APP)
    environ = echoed(handler.lambda_handler(lowercase_event(kind), Context()))
    assert (
        environ["CONTENT_TYPE"],
        environ["CONTENT_LENGTH"],
        environ["SERVER_NAME"],
        environ["HTTP_HOST"],
        "HTTP_CONTENT_TYPE" in environ,
        "HTTP_CONTENT_LENGTH" in environ,
    ) == ("application/json", "2", CUSTOM_HOST, CUSTOM_HOST, False, False)


@pytest.mark.parametrize("kind", ["rest", "alb-multi"])
def test_multi_value_header_values_are_joined_with_commas(deploy, kind):
    handler = deploy(ECHO_APP)
    event = http_event(kind, headers=[("Accept", "a"), ("Accept", "b")])
    assert echoed(handler.lambda_handler(event, Context()))["HTTP_ACCEPT"] == "a,b"


@pytest.mark.parametrize("kind", ["rest", "v2", "url"])
def test_remote_addr_is_the_source_ip_not_forwarded_for(deploy, kind):
    handler = deploy(ECHO_APP)
    event = http_event(
        kind, headers=[("X-Forwarded-For", FORWARDED_FOR)], source_ip="203.0.113.7"
    )
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["REMOTE_ADDR"], environ["HTTP_X_FORWARDED_FOR"]) == (
        "203.0.113.7",
        FORWARDED_FOR,
    )


@pytest.mark.parametrize("kind", ALB_KINDS)
def test_alb_remote_addr_is_the_last_forwarded_for_entry(deploy, kind):
    handler = deploy(ECHO_APP)
    event = http_event(kind, headers=[("X-Forwarded-For", FORWARDED_FOR)])
    assert echoed(handler.lambda_handler(event, Context()))["REMOTE_ADDR"] == "130.176.0.1"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("scheme", ["https", "http"])
def test_forwarded_proto_is_the_url_scheme(deploy, kind, scheme):
    handler = deploy(ECHO_APP)
    event = http_event(kind, headers=[("X-Forwarded-Proto", scheme)], host=CUSTOM_HOST)
    assert echoed(handler.lambda_handler(event, Context()))["wsgi.url_scheme"] == scheme


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("scheme", ["https", "http"])
def test_flask_external_urls_keep_the_forwarded_scheme(deploy, kind, scheme):
    handler = deploy(FLASK_APP)
    event = http_event(kind, headers=[("X-Forwarded-Proto", scheme)], host=CUSTOM_HOST)
    page = json.loads(handler.lambda_handler(event, Context())["body"])
    assert page["external_url"] == f"{scheme}://{CUSTOM_HOST}/target"


def test_scheme_is_https_without_forwarded_proto(deploy):
    handler = deploy(ECHO_APP)
    event = v2_event(host=CUSTOM_HOST)
    del event["headers"]["x-forwarded-proto"]
    assert echoed(handler.lambda_handler(event, Context()))["wsgi.url_scheme"] == "https"


def test_rest_console_event_with_null_headers_is_served(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event(path="/a")
    event["headers"] = None
    event["multiValueHeaders"] = None
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["PATH_INFO"], environ["REMOTE_ADDR"]) == ("/a", "203.0.113.7")


def test_rest_event_without_request_context_is_served(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event(path="/a", host=CUSTOM_HOST)
    del event["requestContext"]
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["PATH_INFO"], environ["SCRIPT_NAME"]) == ("/a", "")


@pytest.mark.parametrize("kind", ["v2", "url", "alb", "alb-multi"])
def test_null_headers_are_served(deploy, kind):
    handler = deploy(ECHO_APP)
    event = http_event(kind, path="/a")
    event["headers" if kind != "alb-multi" else "multiValueHeaders"] = None
    environ = echoed(handler.lambda_handler(event, Context()))
    assert environ["PATH_INFO"] == "/a"
