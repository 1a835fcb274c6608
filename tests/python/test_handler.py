"""Tests of runtime/slam_handler.py: events in, WSGI calls, results out."""

from __future__ import annotations

import base64
import json
import logging
import sys
import textwrap
from typing import Any

import pytest
from apps import ECHO_APP, FLASK_APP, MIRROR_APP, echoed, error_response
from support import API_HOST, APP_MODULE, Context, rest_event, rest_response

STAGE_NAMES = ("STAGE", "SHARED", "OVERRIDE", "DEV_ONLY", "PROD_ONLY")
ENVIRONMENT_FUNCTION = f"""
    import os

    def app():
        return {{name: os.environ.get(name) for name in {STAGE_NAMES!r}}}
"""
ENVIRONMENT_WSGI_APP = """
    import os

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [os.environ["STAGE"].encode()]
"""

UNKNOWN_EVENT = (
    "unrecognised event: expected an API Gateway, ALB or function URL request, "
    'a direct invocation {"args": [...], "kwargs": {...}}, a scheduled event '
    'or {"slam": "warm-up"}, got '
)
BAD_DIRECT_EVENT = (
    'a direct invocation needs a list in "args" and an object in "kwargs"'
)


def text_response(status: int, body: str, **headers: list[str]) -> dict[str, Any]:
    """Return a REST response with a text body and these multi-value headers."""
    multi = {name.replace("_", "-"): values for name, values in headers.items()}
    return rest_response(status, body, multi)


def test_sample_rest_event_becomes_whole_wsgi_environ(deploy, sample_event):
    handler = deploy(ECHO_APP)
    response = handler.lambda_handler(
        sample_event("apigw-request.json"), Context("prod")
    )
    assert echoed(response) == {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "/testStage",
        "PATH_INFO": "/hello/world",
        "QUERY_STRING": "name=me",
        "SERVER_NAME": "gy415nuibc.execute-api.us-east-1.amazonaws.com",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.168.196.186",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": "13",
        "wsgi.url_scheme": "https",
        "HTTP_ACCEPT": "*/*",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate",
        "HTTP_CACHE_CONTROL": "no-cache",
        "HTTP_CLOUDFRONT_FORWARDED_PROTO": "https",
        "HTTP_CLOUDFRONT_IS_DESKTOP_VIEWER": "true",
        "HTTP_CLOUDFRONT_IS_MOBILE_VIEWER": "false",
        "HTTP_CLOUDFRONT_IS_SMARTTV_VIEWER": "false",
        "HTTP_CLOUDFRONT_IS_TABLET_VIEWER": "false",
        "HTTP_CLOUDFRONT_VIEWER_COUNTRY": "US",
        "HTTP_HEADERNAME": "headerValue",
        "HTTP_HOST": "gy415nuibc.execute-api.us-east-1.amazonaws.com",
        "HTTP_POSTMAN_TOKEN": "9f583ef0-ed83-4a38-aef3-eb9ce3f7a57f",
        "HTTP_USER_AGENT": "PostmanRuntime/2.4.5",
        "HTTP_VIA": "1.1 d98420743a69852491bbdea73f7680bd.cloudfront.net "
        "(CloudFront)",
        "HTTP_X_AMZ_CF_ID": "pn-PWIJc6thYnZm5P0NMgOUglL1DYtl0gdeJky8tqsg8iS_sgsKD1A==",
        "HTTP_X_FORWARDED_FOR": "54.240.196.186, 54.182.214.83",
        "HTTP_X_FORWARDED_PORT": "443",
        "HTTP_X_FORWARDED_PROTO": "https",
        "body": base64.b64encode(b'{\r\n\t"a": 1\r\n}').decode(),
        "wsgi": [
            [1, 0],
            True,
            True,
            False,
            True,
            False,
            "/hello/world",
            "arn:aws:lambda:us-east-1:123456789012:function:demo:prod",
        ],
    }


def test_sample_rest_event_gets_whole_rest_response(deploy, sample_event):
    handler = deploy(
        """
        def app(environ, start_response):
            start_response(
                "200 OK",
                [("Content-Type", "text/plain; charset=utf-8"), ("X-Request", "1")],
            )
            return [b"Hello ", b"World"]
        """
    )
    response = handler.lambda_handler(sample_event("apigw-request.json"), Context())
    assert response == text_response(
        200,
        "Hello World",
        Content_Type=["text/plain; charset=utf-8"],
        X_Request=["1"],
    )


def test_console_test_event_with_null_fields_is_served(deploy, sample_event):
    handler = deploy(ECHO_APP)
    event = sample_event("apigw-request.json")
    for field in (
        "headers",
        "multiValueHeaders",
        "queryStringParameters",
        "multiValueQueryStringParameters",
        "pathParameters",
        "stageVariables",
        "body",
    ):
        event[field] = None
    event["requestContext"] = {"stage": "test-invoke-stage", "identity": None}
    assert echoed(handler.lambda_handler(event, None)) == {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/hello/world",
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_LENGTH": "0",
        "wsgi.url_scheme": "https",
        "body": "",
        "wsgi": [[1, 0], True, True, False, True, False, "/hello/world", None],
    }


def test_path_is_percent_decoded_to_bytes_as_latin1(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event(path="/caf%C3%A9/a%20b%2Fc/é")
    environ = echoed(handler.lambda_handler(event, Context()))
    assert environ["PATH_INFO"] == "/caf\xc3\xa9/a b/c/\xc3\xa9"


def test_flask_route_sees_decoded_unicode_path(deploy):
    handler = deploy(FLASK_APP)
    response = handler.lambda_handler(
        rest_event(path="/files/caf%C3%A9%20x"), Context()
    )
    assert json.loads(response["body"]) == {"name": "café x"}


def test_repeated_query_keys_and_reserved_characters_round_trip(deploy):
    handler = deploy(FLASK_APP)
    query = {"a": ["1", "2"], "q": ["x+y", "1=2&3", "%2B", "é", ""]}
    event = rest_event(query=query)
    assert json.loads(handler.lambda_handler(event, Context())["body"])["args"] == query


def test_query_string_is_rebuilt_from_multi_value_parameters(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event(query={"a": ["1", "2"], "q": ["x+y", "1=2&3", "é", ""]})
    environ = echoed(handler.lambda_handler(event, Context()))
    assert environ["QUERY_STRING"] == "a=1&a=2&q=x%2By&q=1%3D2%263&q=%C3%A9&q="


def test_single_value_query_parameters_are_used_without_multi_value(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event()
    event["queryStringParameters"] = {"name": "a b", "plus": "+"}
    event["multiValueQueryStringParameters"] = {}
    environ = echoed(handler.lambda_handler(event, Context()))
    assert environ["QUERY_STRING"] == "name=a%20b&plus=%2B"


def test_repeated_headers_are_joined_and_cookies_with_semicolons(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event(
        headers={
            "X-Tag": ["a", "b"],
            "Accept": ["text/html"],
            "accept": ["application/json"],
            "Cookie": ["a=1", "b=2"],
            "X-Name": ["café"],
            "Content-Length": ["999"],
        }
    )
    environ = echoed(handler.lambda_handler(event, Context()))
    headers = {key: value for key, value in environ.items() if key.startswith("HTTP_")}
    assert headers == {
        "HTTP_HOST": API_HOST,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_TAG": "a,b",
        "HTTP_ACCEPT": "text/html,application/json",
        "HTTP_COOKIE": "a=1; b=2",
        "HTTP_X_NAME": "caf\xc3\xa9",
    }
    assert environ["CONTENT_LENGTH"] == "0"


def test_single_value_headers_are_used_without_multi_value(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event()
    event["multiValueHeaders"] = None
    event["headers"] = {"Host": "api.example.com:8443", "X-Forwarded-Proto": "http"}
    environ = echoed(handler.lambda_handler(event, Context()))
    assert {key: environ[key] for key in environ if key.isupper()} == {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": "api.example.com",
        "SERVER_PORT": "8443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "CONTENT_LENGTH": "0",
        "HTTP_HOST": "api.example.com:8443",
        "HTTP_X_FORWARDED_PROTO": "http",
    }
    assert environ["wsgi.url_scheme"] == "http"


def test_base64_request_body_reaches_app_and_binary_comes_back(deploy):
    handler = deploy(FLASK_APP)
    payload = bytes(range(256))
    event = rest_event(
        "POST",
        "/upload",
        headers={"Content-Type": ["application/octet-stream"]},
        body=base64.b64encode(payload).decode(),
        base64=True,
    )
    response = handler.lambda_handler(event, Context())
    assert response == {
        "statusCode": 200,
        "headers": {
            "Content-Type": "application/octet-stream",
            "Content-Length": "256",
        },
        "body": base64.b64encode(payload).decode(),
        "isBase64Encoded": True,
    }


def test_text_request_body_is_sent_as_utf8(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event("POST", headers={"Content-Type": ["text/plain"]}, body="é!")
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["body"], environ["CONTENT_LENGTH"], environ["CONTENT_TYPE"]) == (
        base64.b64encode("é!".encode()).decode(),
        "3",
        "text/plain",
    )


@pytest.mark.parametrize(
    ("content_type", "encoding", "body", "is_base64"),
    [
        ("text/html; charset=utf-8", None, "<p>é</p>".encode(), False),
        ("application/json", None, b'{"a": 1}', False),
        ("application/problem+json", None, b"{}", False),
        ("application/atom+xml", None, b"<feed/>", False),
        ("image/svg+xml", None, b"<svg/>", False),
        ("application/javascript", None, b"let a;", False),
        ("application/x-www-form-urlencoded", None, b"a=1", False),
        ("application/yaml", None, b"a: 1", False),
        ("TEXT/CSV", None, b"a,b", False),
        ("text/plain", "identity", b"plain", False),
        ("image/png", None, b"\x89PNG\r\n", True),
        ("text/plain", "gzip", b"\x1f\x8b\x08\x00", True),
        ("text/plain", None, b"\xff\xfe not utf-8", True),
        (None, None, b"untyped", True),
    ],
)
def test_response_body_is_text_only_for_utf8_text_types(
    deploy, content_type, encoding, body, is_base64
):
    handler = deploy(MIRROR_APP)
    headers = {}
    if content_type:
        headers["X-Type"] = [content_type]
    if encoding:
        headers["X-Encoding"] = [encoding]
    event = rest_event(
        "POST", headers=headers, body=base64.b64encode(body).decode(), base64=True
    )
    response = handler.lambda_handler(event, Context())
    expected = base64.b64encode(body).decode() if is_base64 else body.decode()
    assert (response["body"], response["isBase64Encoded"]) == (expected, is_base64)


def test_empty_response_body_is_empty_text(deploy):
    handler = deploy(
        """
        def app(environ, start_response):
            start_response("204 No Content", [])
            return []
        """
    )
    assert handler.lambda_handler(rest_event(), Context()) == text_response(204, "")


def test_utf8_response_header_values_are_given_back_as_text(deploy):
    handler = deploy(
        """
        def app(environ, start_response):
            name = "café".encode().decode("latin-1")
            start_response("200 OK", [("Content-Type", "text/plain"), ("X-Name", name)])
            return [b"ok"]
        """
    )
    assert handler.lambda_handler(rest_event(), Context()) == text_response(
        200, "ok", Content_Type=["text/plain"], X_Name=["café"]
    )


def test_several_set_cookie_headers_are_all_kept(deploy):
    handler = deploy(FLASK_APP)
    event = rest_event(path="/cookies", headers={"Cookie": ["a=1", "b=2"]})
    response = handler.lambda_handler(event, Context())
    assert response == text_response(
        200,
        '{"seen":{"a":"1","b":"2"}}\n',
        Content_Type=["application/json"],
        Content_Length=["27"],
        Set_Cookie=["first=1; Path=/", "second=2; HttpOnly; Path=/"],
    )


def test_flask_urls_and_redirects_keep_stage_prefix_on_api_host(deploy):
    handler = deploy(FLASK_APP)
    page = json.loads(handler.lambda_handler(rest_event(), Context())["body"])
    redirect = handler.lambda_handler(rest_event(path="/go"), Context())
    assert page == {
        "script_root": "/dev",
        "path": "/",
        "url": "/dev/target",
        "external_url": f"https://{API_HOST}/dev/target",
        "remote_addr": "203.0.113.7",
        "args": {},
    }
    assert (redirect["statusCode"], redirect["headers"]["Location"]) == (
        302,
        "/dev/target",
    )


def test_custom_domain_has_no_stage_prefix(deploy):
    handler = deploy(FLASK_APP)
    event = rest_event(host="api.example.com")
    page = json.loads(handler.lambda_handler(event, Context())["body"])
    assert (page["script_root"], page["url"], page["external_url"]) == (
        "",
        "/target",
        "https://api.example.com/target",
    )


def test_remote_addr_is_source_ip_not_forwarded_for(deploy):
    handler = deploy(FLASK_APP)
    event = rest_event(
        headers={"X-Forwarded-For": ["198.51.100.1, 10.0.0.1"]}, source_ip="192.0.2.5"
    )
    page = json.loads(handler.lambda_handler(event, Context())["body"])
    assert page["remote_addr"] == "192.0.2.5"


def test_stage_environment_does_not_leak_between_aliases(deploy, monkeypatch):
    monkeypatch.setenv("DEV_ONLY", "from the process")
    monkeypatch.delenv("PROD_ONLY", raising=False)
    handler = deploy(
        ENVIRONMENT_FUNCTION,
        environment={"SHARED": "all", "OVERRIDE": "shared"},
        stages={
            "dev": {"DEV_ONLY": "dev", "OVERRIDE": "dev"},
            "prod": {"PROD_ONLY": "p"},
        },
    )
    call = {"args": []}
    results = [
        handler.lambda_handler(call, Context(alias))
        for alias in ("dev", "prod", "dev", None)
    ]
    dev = {
        "STAGE": "dev",
        "SHARED": "all",
        "OVERRIDE": "dev",
        "DEV_ONLY": "dev",
        "PROD_ONLY": None,
    }
    prod = {
        "STAGE": "prod",
        "SHARED": "all",
        "OVERRIDE": "shared",
        "DEV_ONLY": "from the process",
        "PROD_ONLY": "p",
    }
    assert results == [dev, prod, dev, dev]


def test_app_sees_its_stage_environment_while_imported(deploy):
    handler = deploy(
        """
        import os

        DATABASE = os.environ["DATABASE"]

        def app():
            return DATABASE
        """,
        stages={"dev": {"DATABASE": "dev-db"}, "prod": {"DATABASE": "prod-db"}},
    )
    assert handler.lambda_handler({"args": []}, Context("prod")) == "prod-db"


@pytest.mark.parametrize(
    ("alias", "stage_variable", "api_stage", "expected"),
    [
        ("prod", "dev", "dev", "prod"),
        ("canary", None, None, "canary"),
        (None, "prod", "dev", "prod"),
        ("$LATEST", None, "prod", "prod"),
        ("7", None, "test-invoke-stage", "dev"),
        (None, "", None, "dev"),
    ],
)
def test_stage_is_alias_then_stage_variable_then_api_stage_then_devstage(
    deploy, alias, stage_variable, api_stage, expected
):
    handler = deploy(ENVIRONMENT_WSGI_APP)
    event = rest_event(host="api.example.com")
    event["stageVariables"] = (
        None if stage_variable is None else {"STAGE": stage_variable}
    )
    event["requestContext"]["stage"] = api_stage
    assert handler.lambda_handler(event, Context(alias))["body"] == expected


def test_direct_invocation_calls_function_with_args_and_kwargs(deploy):
    handler = deploy(
        """
        def app(a, b, *, scale=1):
            return {"sum": (a + b) * scale}
        """
    )
    event = {"args": [2, 3], "kwargs": {"scale": 10}}
    assert handler.lambda_handler(event, Context()) == {"sum": 50}
    assert handler.lambda_handler({"kwargs": {"a": 1, "b": 1}}, None) == {"sum": 2}


def test_function_exception_propagates_to_lambda(deploy):
    handler = deploy(
        """
        def app(n):
            raise ValueError(f"bad n {n}")
        """
    )
    with pytest.raises(ValueError, match="bad n 4"):
        handler.lambda_handler({"args": [4]}, Context())


def test_direct_invocation_of_web_app_is_a_clean_error(deploy):
    handler = deploy(FLASK_APP)
    assert handler.lambda_handler({"args": []}, Context()) == {
        "error": f"'{APP_MODULE}:app' is a web app (wsgi): send it HTTP requests, or set "
        "interface: function to call it with args and kwargs"
    }


def test_rest_event_for_plain_function_is_a_clean_error(deploy):
    handler = deploy("def app(n):\n    return n\n")
    assert handler.lambda_handler(rest_event(), Context()) == error_response(
        500, "a plain function answers direct invocations, not HTTP requests"
    )


@pytest.mark.parametrize(
    ("event", "type_name"),
    [(None, "NoneType"), ([], "list"), ({}, "dict"), ("x", "str"), (7, "int")]
    + [({"foo": 1}, "dict"), ({"args": [], "extra": 1}, "dict")],
)
def test_unknown_events_get_clean_error(deploy, event, type_name):
    handler = deploy(ECHO_APP)
    assert handler.lambda_handler(event, Context()) == {
        "error": UNKNOWN_EVENT + type_name
    }


@pytest.mark.parametrize("event", [{"args": "x"}, {"kwargs": []}, {"args": {}}])
def test_malformed_direct_invocation_gets_clean_error(deploy, event):
    handler = deploy("def app(*args, **kwargs):\n    return args\n")
    assert handler.lambda_handler(event, Context()) == {"error": BAD_DIRECT_EVENT}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"httpMethod": None}, "httpMethod must be a non-empty string"),
        ({"httpMethod": ""}, "httpMethod must be a non-empty string"),
        ({"path": None}, "path must be a string"),
        ({"requestContext": "x"}, "requestContext must be an object or null"),
        (
            {"multiValueHeaders": None, "headers": "x"},
            "headers must be an object or null",
        ),
        (
            {"multiValueHeaders": {"X-A": [1]}},
            "header 'X-A' must be a string or a list of strings",
        ),
        (
            {"multiValueQueryStringParameters": {"a": 5}},
            "query parameter 'a' must be a string or a list of strings",
        ),
        ({"body": 5}, "body must be a string or null"),
        (
            {"body": "\ud800"},
            "'utf-8' codec can't encode character '\\ud800' in position 0: "
            "surrogates not allowed",
        ),
        ({"body": "not base64!", "isBase64Encoded": True}, "body is not valid base64"),
    ],
)
def test_malformed_rest_event_gets_400(deploy, change, message):
    handler = deploy(ECHO_APP)
    event = rest_event()
    event.update(change)
    assert handler.lambda_handler(event, Context()) == error_response(
        400, f"malformed API Gateway event: {message}"
    )


def test_rest_event_without_method_gets_400(deploy):
    handler = deploy(ECHO_APP)
    assert handler.lambda_handler({"requestContext": {}}, Context()) == error_response(
        400, "malformed API Gateway event: httpMethod must be a non-empty string"
    )


def test_app_exception_is_logged_and_answered_with_bare_500(deploy, caplog):
    handler = deploy(
        """
        def app(environ, start_response):
            raise RuntimeError("secret detail")
        """
    )
    with caplog.at_level(logging.ERROR, logger="slam"):
        response = handler.lambda_handler(rest_event(path="/boom"), Context())
    assert response == error_response(500, "internal server error")
    [record] = caplog.records
    assert (record.getMessage(), repr(record.exc_info[1])) == (
        f"slam: {APP_MODULE}:app failed on GET /boom",
        "RuntimeError('secret detail')",
    )


def test_close_is_called_once_and_empty_chunks_are_ignored(deploy):
    handler = deploy(
        """
        calls = []

        class Body:
            def __iter__(self):
                calls.append("iterate")
                yield b""
                yield b"one,"
                yield b""
                yield b"two"

            def close(self):
                calls.append("close")

        def app(environ, start_response):
            write = start_response("200 OK", [("Content-Type", "text/plain")])
            write(b"")
            write(b"zero,")
            return Body()
        """
    )
    response = handler.lambda_handler(rest_event(), Context())
    assert response == text_response(200, "zero,one,two", Content_Type=["text/plain"])
    assert sys.modules[APP_MODULE].calls == ["iterate", "close"]


def test_close_is_called_when_the_body_fails(deploy):
    handler = deploy(
        """
        calls = []

        class Body:
            def __iter__(self):
                yield b"partial"
                raise OSError("disk gone")

            def close(self):
                calls.append("close")

        def app(environ, start_response):
            start_response("200 OK", [])
            return Body()
        """
    )
    response = handler.lambda_handler(rest_event(), Context())
    assert response == error_response(500, "internal server error")
    assert sys.modules[APP_MODULE].calls == ["close"]


def test_lazy_start_response_in_a_generator(deploy):
    handler = deploy(
        """
        def app(environ, start_response):
            yield b""
            start_response("201 Created", [("Content-Type", "text/plain")])
            yield b"made"
        """
    )
    assert handler.lambda_handler(rest_event(), Context()) == text_response(
        201, "made", Content_Type=["text/plain"]
    )


def test_exc_info_replaces_headers_before_the_body(deploy):
    handler = deploy(
        """
        import sys

        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "application/json")])
            try:
                raise LookupError("missing")
            except LookupError:
                headers = [("Content-Type", "text/plain"), ("Retry-After", "5")]
                start_response("503 Service Unavailable", headers, sys.exc_info())
            return [b"try later"]
        """
    )
    assert handler.lambda_handler(rest_event(), Context()) == text_response(
        503, "try later", Content_Type=["text/plain"], Retry_After=["5"]
    )


@pytest.mark.parametrize(
    ("body", "error"),
    [
        # exc_info after body was written: start_response re-raises.
        (
            """
            write = start_response("200 OK", [])
            write(b"sent")
            try:
                raise LookupError("late")
            except LookupError:
                start_response("500 Oops", [], sys.exc_info())
            return []
            """,
            "LookupError",
        ),
        (
            'start_response("200 OK", [])\n'
            'start_response("201 Created", [])\n'
            "return []",
            "RuntimeError",
        ),
        ("return [b'no start_response']", "RuntimeError"),
        ("return []", "ValueError"),
        ('start_response("OK", [])\nreturn []', "ValueError"),
        ('start_response("200 OK", [])\nreturn ["text, not bytes"]', "TypeError"),
        ('start_response("200 OK", [("X-Count", 5)])\nreturn []', "TypeError"),
        ('start_response("200 OK", [(b"X-Raw", "1")])\nreturn []', "TypeError"),
    ],
    ids=[
        "exc_info_after_body",
        "start_response_twice",
        "body_before_start_response",
        "no_start_response",
        "status_without_code",
        "str_chunk",
        "int_header_value",
        "bytes_header_name",
    ],
)
def test_wsgi_protocol_errors_are_logged_and_answered_with_500(
    deploy, caplog, body, error
):
    lines = textwrap.dedent(body).strip().splitlines()
    source = "import sys\n\ndef app(environ, start_response):\n"
    handler = deploy(source + "".join(f"    {line}\n" for line in lines))
    with caplog.at_level(logging.ERROR, logger="slam"):
        response = handler.lambda_handler(rest_event(), Context())
    assert response == error_response(500, "internal server error")
    assert [type(record.exc_info[1]).__name__ for record in caplog.records] == [error]


@pytest.mark.parametrize(
    ("source", "interface"),
    [
        (FLASK_APP, "wsgi"),
        ("def app(environ, start_response):\n    pass\n", "wsgi"),
        # Found by the break test: PEP 3333's names in their short forms.
        ("def app(env, sr):\n    pass\n", "wsgi"),
        ("def app(environ, start):\n    pass\n", "wsgi"),
        # A sync function handing back an ASGI app's coroutine.
        ("def app(scope, receive, send):\n    pass\n", "asgi"),
        (
            "class App:\n    def __call__(self, a, b):\n        pass\napp = App()\n",
            "wsgi",
        ),
        ("async def app(scope, receive, send):\n    pass\n", "asgi"),
        (
            "class App:\n    async def __call__(self, scope, receive, send):\n"
            "        pass\napp = App()\n",
            "asgi",
        ),
        ("from fastapi import FastAPI\napp = FastAPI()\n", "asgi"),
    ],
)
def test_detected_web_interface_is_named_in_direct_call_error(
    deploy, source, interface
):
    if "fastapi" in source:
        pytest.importorskip("fastapi")
    handler = deploy(source)
    assert handler.lambda_handler({"args": []}, Context()) == {
        "error": f"'{APP_MODULE}:app' is a web app ({interface}): send it HTTP requests, "
        "or set interface: function to call it with args and kwargs"
    }


@pytest.mark.parametrize(
    ("source", "event", "expected"),
    [
        ("def app(first, start):\n    return [first, start]\n", [1, 2], [1, 2]),
        ("async def make(a, b):\n    pass\n\napp = sorted\n", [[2, 1]], [1, 2]),
        ("class app(dict):\n    pass\n", {"a": 1}, {"a": 1}),
    ],
)
def test_detected_plain_functions_are_called(deploy, source, event, expected):
    handler = deploy(source)
    args = {"kwargs": event} if isinstance(event, dict) else {"args": event}
    assert handler.lambda_handler(args, Context()) == expected


def test_explicit_interface_overrides_detection(deploy):
    handler = deploy(
        "def app(environ, start_response):\n    return environ + start_response\n",
        interface="function",
    )
    assert handler.lambda_handler({"args": [1, 2]}, Context()) == 3


def test_asgi_app_that_sends_no_response_gets_clean_500(deploy):
    handler = deploy("async def app(scope, receive, send):\n    pass\n")
    assert handler.lambda_handler(rest_event(), Context()) == error_response(
        500, "internal server error"
    )


def test_dotted_app_attribute_is_followed(deploy):
    handler = deploy(FLASK_APP, app="app.wsgi_app")
    response = handler.lambda_handler(rest_event(path="/target"), Context())
    assert (response["statusCode"], response["body"]) == (200, "target")


def test_missing_config_is_a_clean_error(deploy, tmp_path):
    handler = deploy(ECHO_APP)
    (tmp_path / "slam_config.json").unlink()
    path = tmp_path / "slam_config.json"
    assert handler.lambda_handler({"args": []}, Context()) == {
        "error": f"cannot read '{path}': [Errno 2] No such file or directory: "
        f"'{path}'"
    }
    assert handler.lambda_handler(rest_event(), Context()) == error_response(
        500, "the app could not be loaded"
    )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ([], "is not a version 1 Slam config; rebuild it"),
        ({"version": 2}, "is not a version 1 Slam config; rebuild it"),
        (
            {"version": 1, "interface": "cgi"},
            "interface must be one of wsgi, asgi, function, detect, got 'cgi'",
        ),
        ({"version": 1, "module": "m", "app": ""}, "app must be a non-empty string"),
        (
            {"version": 1, "module": "m", "app": "a", "devstage": "dev", "stages": []},
            "stages must be an object",
        ),
        (
            {
                "version": 1,
                "module": "m",
                "app": "a",
                "devstage": "dev",
                "environment": {"PORT": 80},
            },
            "environment must map variable names to strings",
        ),
        (
            {
                "version": 1,
                "module": "m",
                "app": "a",
                "devstage": "dev",
                "stages": {"prod": {"A": None}},
            },
            "stage 'prod' must map variable names to strings",
        ),
        (
            {
                "version": 1,
                "module": "m",
                "app": "a",
                "devstage": "dev",
                "environment": {"A=B": "1"},
            },
            "environment must map variable names to strings",
        ),
    ],
)
def test_invalid_config_is_a_clean_error(deploy, tmp_path, config, message):
    handler = deploy(ECHO_APP)
    path = tmp_path / "slam_config.json"
    path.write_text(json.dumps(config))
    separator = " " if message.startswith("is ") else ": "
    assert handler.lambda_handler({"args": []}, Context()) == {
        "error": f"'{path}'{separator}{message}"
    }


def test_app_import_failure_is_clean_and_retried(deploy, tmp_path, caplog):
    handler = deploy("import os\nDATABASE = os.environ['DATABASE']\napp = None\n")
    with caplog.at_level(logging.ERROR, logger="slam"):
        first = handler.lambda_handler({"args": []}, Context())
    (tmp_path / f"{APP_MODULE}.py").write_text("def app():\n    return 'fixed'\n")
    assert first == {"error": f"cannot load '{APP_MODULE}:app': KeyError: 'DATABASE'"}
    assert [record.getMessage() for record in caplog.records] == [
        f"slam: {first['error']}"
    ]
    assert handler.lambda_handler({"args": []}, Context()) == "fixed"


def test_non_callable_app_is_a_clean_error(deploy):
    handler = deploy("app = 42\n")
    assert handler.lambda_handler({"args": []}, Context()) == {
        "error": f"'{APP_MODULE}:app' is not callable"
    }
