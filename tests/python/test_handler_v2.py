"""Tests of runtime/slam_handler.py with payload 2.0 events: HTTP API, URLs."""

from __future__ import annotations

import base64
import json
import logging

import pytest
from apps import ECHO_APP, FLASK_APP, MIRROR_APP, echoed, error_response
from support import API_HOST, APP_MODULE, Context, rest_event, v2_event

URL_HOST = "<url-id>.lambda-url.us-west-2.on.aws"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:demo"

# Answers with the DATABASE variable of the stage it runs in.
DATABASE_APP = """
    import os

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [os.environ["DATABASE"].encode()]
"""
DATABASES = {"dev": {"DATABASE": "dev-db"}, "prod": {"DATABASE": "prod-db"}}


def test_sample_http_api_event_becomes_whole_wsgi_environ(deploy, sample_event):
    handler = deploy(ECHO_APP)
    event = sample_event("apigw-v2-request-no-authorizer.json")
    assert echoed(handler.lambda_handler(event, Context("prod"))) == {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": "aaaaaaaaaa.execute-api.us-west-2.amazonaws.com",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "1.2.3.4",
        "CONTENT_LENGTH": "0",
        "wsgi.url_scheme": "https",
        "HTTP_ACCEPT": "*/*",
        "HTTP_HOST": "aaaaaaaaaa.execute-api.us-west-2.amazonaws.com",
        "HTTP_USER_AGENT": "curl/7.58.0",
        "HTTP_X_AMZN_TRACE_ID": "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c",
        "HTTP_X_FORWARDED_FOR": "1.2.3.4",
        "HTTP_X_FORWARDED_PORT": "443",
        "HTTP_X_FORWARDED_PROTO": "https",
        "body": "",
        "wsgi": [[1, 0], True, True, False, True, False, "/", f"{ARN}:prod"],
    }


def test_sample_function_url_event_becomes_whole_wsgi_environ(deploy, sample_event):
    handler = deploy(ECHO_APP)
    event = sample_event("lambda-urls-request.json")
    assert echoed(handler.lambda_handler(event, Context("dev"))) == {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/my/path",
        "QUERY_STRING": "parameter1=value1&parameter1=value2&parameter2=value",
        "SERVER_NAME": URL_HOST,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "123.123.123.123",
        "CONTENT_LENGTH": "18",
        "wsgi.url_scheme": "https",
        "HTTP_COOKIE": "cookie1; cookie2",
        "HTTP_HEADER1": "value1",
        "HTTP_HEADER2": "value1,value2",
        "body": base64.b64encode(b"Hello from client!").decode(),
        "wsgi": [[1, 0], True, True, False, True, False, "/my/path", f"{ARN}:dev"],
    }


@pytest.mark.parametrize(
    "name",
    [
        "apigw-v2-request-iam.json",
        "apigw-v2-request-jwt-authorizer.json",
        "apigw-v2-request-lambda-authorizer.json",
    ],
)
def test_sample_http_api_events_with_authorizers_reach_flask(
    deploy, sample_event, name
):
    handler = deploy(FLASK_APP)
    event = sample_event(name)
    event["rawPath"] = "/cookies"
    event["cookies"] = ["a=1", "b=2"]
    response = handler.lambda_handler(event, Context())
    assert (response["statusCode"], json.loads(response["body"])) == (
        200,
        {"seen": {"a": "1", "b": "2"}},
    )


def test_sample_function_url_event_gets_whole_v2_response(deploy, sample_event):
    handler = deploy(
        """
        def app(environ, start_response):
            start_response(
                "201 Created",
                [
                    ("Content-Type", "application/json"),
                    ("My-Custom-Header", "Custom Value"),
                    ("Set-Cookie", "Cookie_1=Value1; Expires=21 Oct 2021 07:48 GMT"),
                    ("Set-Cookie", "Cookie_2=Value2; Max-Age=78000"),
                ],
            )
            return [b'{ "message": "Hello, world!" }']
        """
    )
    event = sample_event("lambda-urls-request.json")
    response = handler.lambda_handler(event, Context("dev"))
    assert response == sample_event("lambda-urls-response.json")


@pytest.mark.parametrize(
    ("stage", "raw_path", "script_name", "path_info"),
    [
        ("prod", "/prod/a/b", "/prod", "/a/b"),
        ("prod", "/prod/", "/prod", "/"),
        ("prod", "/prod", "/prod", ""),
        ("prod", "/production/a", "", "/production/a"),
        ("prod", "/a/prod/b", "", "/a/prod/b"),
        ("prod", "/caf%C3%A9", "", "/caf\xc3\xa9"),
        ("prod", "/prod/a%20b%2Fc", "/prod", "/a b/c"),
        ("$default", "/$default/a", "", "/$default/a"),
        ("$default", "/a%2Fb", "", "/a/b"),
    ],
)
def test_named_stage_prefix_moves_to_script_name_and_path_is_decoded(
    deploy, stage, raw_path, script_name, path_info
):
    handler = deploy(ECHO_APP)
    event = v2_event(raw_path=raw_path, stage=stage)
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == (script_name, path_info)


def test_flask_urls_and_redirects_keep_stage_prefix(deploy):
    handler = deploy(FLASK_APP)
    page = handler.lambda_handler(v2_event(raw_path="/prod/", stage="prod"), Context())
    redirect = handler.lambda_handler(
        v2_event(raw_path="/prod/go", stage="prod"), Context()
    )
    named = handler.lambda_handler(
        v2_event(raw_path="/prod/files/caf%C3%A9%20x", stage="prod"), Context()
    )
    assert json.loads(page["body"]) == {
        "script_root": "/prod",
        "path": "/",
        "url": "/prod/target",
        "external_url": f"https://{API_HOST}/prod/target",
        "remote_addr": "203.0.113.7",
        "args": {},
    }
    assert (redirect["statusCode"], redirect["headers"]["Location"]) == (
        302,
        "/prod/target",
    )
    assert json.loads(named["body"]) == {"name": "café x"}


def test_raw_query_string_is_passed_as_is(deploy):
    handler = deploy(ECHO_APP)
    query = "a=1&a=2&q=x%2By&q=1%3D2%263&q=%2B&q=%C3%A9&q=&flag"
    environ = echoed(handler.lambda_handler(v2_event(query=query), Context()))
    assert environ["QUERY_STRING"] == query


def test_repeated_query_keys_and_encoded_characters_reach_flask(deploy):
    handler = deploy(FLASK_APP)
    event = v2_event(query="a=1&a=2&q=x%2By&q=1%3D2%263&q=%2B&q=%C3%A9&q=&q=a+b")
    page = json.loads(handler.lambda_handler(event, Context())["body"])
    assert page["args"] == {
        "a": ["1", "2"],
        "q": ["x+y", "1=2&3", "+", "é", "", "a b"],
    }


def test_headers_cookies_and_forwarded_port_reach_environ(deploy):
    handler = deploy(ECHO_APP)
    event = v2_event(
        headers={
            "x-tag": "a,b",
            "x-name": "café",
            "x-forwarded-port": "8443",
            "x-forwarded-for": "198.51.100.1, 10.0.0.1",
            "content-length": "999",
        },
        cookies=["a=1", "b=x y", "c=é"],
        source_ip="192.0.2.5",
    )
    environ = echoed(handler.lambda_handler(event, Context()))
    headers = {key: value for key, value in environ.items() if key.startswith("HTTP_")}
    assert headers == {
        "HTTP_HOST": API_HOST,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_TAG": "a,b",
        "HTTP_X_NAME": "caf\xc3\xa9",
        "HTTP_X_FORWARDED_PORT": "8443",
        "HTTP_X_FORWARDED_FOR": "198.51.100.1, 10.0.0.1",
        "HTTP_COOKIE": "a=1; b=x y; c=\xc3\xa9",
    }
    assert (
        environ["REMOTE_ADDR"],
        environ["SERVER_PORT"],
        environ["CONTENT_LENGTH"],
    ) == ("192.0.2.5", "8443", "0")


def test_cookies_in_and_several_set_cookies_out(deploy):
    handler = deploy(FLASK_APP)
    event = v2_event(raw_path="/cookies", cookies=["a=1", "b=2"])
    assert handler.lambda_handler(event, Context()) == {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json", "Content-Length": "27"},
        "cookies": ["first=1; Path=/", "second=2; HttpOnly; Path=/"],
        "body": '{"seen":{"a":"1","b":"2"}}\n',
        "isBase64Encoded": False,
    }


def test_repeated_response_headers_are_joined_but_set_cookie_is_not(deploy):
    handler = deploy(
        """
        def app(environ, start_response):
            name = "café".encode().decode("latin-1")
            start_response(
                "200 OK",
                [
                    ("Content-Type", "text/plain"),
                    ("Vary", "Accept"),
                    ("set-cookie", "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT"),
                    ("vary", " Cookie "),
                    ("X-Name", name),
                    ("Set-Cookie", "b=2"),
                    ("VARY", "Origin"),
                ],
            )
            return [b"ok"]
        """
    )
    assert handler.lambda_handler(v2_event(), Context()) == {
        "statusCode": 200,
        "headers": {
            "Content-Type": "text/plain",
            "Vary": "Accept, Cookie, Origin",
            "X-Name": "café",
        },
        "cookies": ["a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "b=2"],
        "body": "ok",
        "isBase64Encoded": False,
    }


def test_base64_request_body_reaches_app_and_binary_comes_back(deploy):
    handler = deploy(FLASK_APP)
    payload = bytes(range(256))
    event = v2_event(
        "POST",
        "/upload",
        headers={"content-type": "application/octet-stream"},
        body=base64.b64encode(payload).decode(),
        base64=True,
    )
    assert handler.lambda_handler(event, Context()) == {
        "statusCode": 200,
        "headers": {
            "Content-Type": "application/octet-stream",
            "Content-Length": "256",
        },
        "body": base64.b64encode(payload).decode(),
        "isBase64Encoded": True,
    }


def test_text_request_body_is_sent_as_utf8_and_text_comes_back(deploy):
    handler = deploy(MIRROR_APP)
    event = v2_event(
        "PUT",
        headers={"content-type": "text/plain", "x-type": "text/plain; charset=utf-8"},
        body="é!",
    )
    response = handler.lambda_handler(event, Context())
    assert (response["body"], response["isBase64Encoded"]) == ("é!", False)


@pytest.mark.parametrize(
    ("content_type", "body", "is_base64"),
    [
        ("application/json", b'{"a": 1}', False),
        ("image/svg+xml", b"<svg/>", False),
        ("image/png", b"\x89PNG\r\n", True),
        ("text/plain", b"\xff\xfe not utf-8", True),
    ],
)
def test_response_body_is_text_only_for_utf8_text_types(
    deploy, content_type, body, is_base64
):
    handler = deploy(MIRROR_APP)
    event = v2_event(
        "POST",
        headers={"x-type": content_type},
        body=base64.b64encode(body).decode(),
        base64=True,
    )
    response = handler.lambda_handler(event, Context())
    expected = base64.b64encode(body).decode() if is_base64 else body.decode()
    assert (response["body"], response["isBase64Encoded"]) == (expected, is_base64)


def test_not_found_from_the_app_is_passed_on(deploy):
    handler = deploy(FLASK_APP)
    response = handler.lambda_handler(v2_event(raw_path="/missing"), Context())
    assert (
        response["statusCode"],
        response["headers"]["Content-Type"],
        "404 Not Found" in response["body"],
        response["isBase64Encoded"],
        "cookies" in response,
    ) == (404, "text/html; charset=utf-8", True, False, False)


@pytest.mark.parametrize(
    ("alias", "stage", "expected"),
    [
        ("prod", "dev", "prod-db"),
        (None, "prod", "prod-db"),
        ("$LATEST", "dev", "dev-db"),
        (None, "$default", "dev-db"),
    ],
)
def test_http_api_stage_picks_stage_environment(deploy, alias, stage, expected):
    handler = deploy(DATABASE_APP, stages=DATABASES)
    event = v2_event(raw_path=f"/{stage}/", stage=stage)
    event.pop("stageVariables", None)
    assert handler.lambda_handler(event, Context(alias))["body"] == expected


@pytest.mark.parametrize(
    ("alias", "expected"), [("prod", "prod-db"), ("dev", "dev-db"), (None, "dev-db")]
)
def test_function_url_stage_is_the_alias(deploy, sample_event, alias, expected):
    handler = deploy(DATABASE_APP, stages=DATABASES)
    event = sample_event("lambda-urls-request.json")
    assert handler.lambda_handler(event, Context(alias))["body"] == expected


def test_rest_and_v2_events_are_served_by_one_warm_handler(deploy, sample_event):
    handler = deploy(FLASK_APP)
    answers = [
        handler.lambda_handler(event, Context("prod"))
        for event in (
            rest_event(path="/target"),
            v2_event(raw_path="/prod/target", stage="prod"),
            sample_event("apigw-request.json"),
            sample_event("lambda-urls-request.json"),
        )
    ]
    assert [(answer["statusCode"], answer["body"][:6]) for answer in answers] == [
        (200, "target"),
        (200, "target"),
        (404, "<!doct"),
        (404, "<!doct"),
    ]
    # Only payload 2.0 answers join headers: REST ones have no list values.
    assert ["isBase64Encoded" in answer for answer in answers] == [True] * 4


def test_http_event_with_wrong_version_is_read_by_its_shape(deploy, sample_event):
    handler = deploy(ECHO_APP)
    event = sample_event("lambda-urls-request.json")
    event["version"] = "1.0"  # requestContext.http makes it payload 2.0
    assert echoed(handler.lambda_handler(event, Context()))["PATH_INFO"] == "/my/path"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rawPath": 5}, "rawPath must be a string"),
        ({"rawQueryString": 5}, "rawQueryString must be a string or null"),
        (
            {"requestContext": {"http": {"method": ""}}},
            "requestContext.http.method must be a non-empty string",
        ),
        ({"requestContext": {"http": "GET"}}, "http must be an object or null"),
        ({"headers": ["host"]}, "headers must be an object or null"),
        ({"headers": {"x-a": 1}}, "header 'x-a' must be a string or a list of strings"),
        ({"cookies": [1]}, "cookies must be a string or a list of strings"),
        ({"body": 5}, "body must be a string or null"),
        ({"body": "not base64!", "isBase64Encoded": True}, "body is not valid base64"),
    ],
)
def test_malformed_v2_event_gets_400(deploy, change, message):
    handler = deploy(ECHO_APP)
    event = v2_event()
    event.update(change)
    assert handler.lambda_handler(event, Context()) == error_response(
        400, f"malformed API Gateway event: {message}"
    )


def test_app_exception_is_logged_and_answered_with_bare_500(deploy, caplog):
    handler = deploy(
        """
        def app(environ, start_response):
            raise RuntimeError("secret detail")
        """
    )
    with caplog.at_level(logging.ERROR, logger="slam"):
        response = handler.lambda_handler(
            v2_event("DELETE", "/prod/boom", stage="prod"), Context()
        )
    assert response == error_response(500, "internal server error")
    assert [record.getMessage() for record in caplog.records] == [
        f"slam: {APP_MODULE}:app failed on DELETE /boom"
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "def app(n):\n    return n\n",
            "a plain function answers direct invocations, not HTTP requests",
        ),
        ("async def app(scope, receive, send):\n    pass\n", "internal server error"),
        ("import missing_module\n", "the app could not be loaded"),
    ],
)
def test_v2_event_for_app_that_cannot_serve_it_is_clean_500(deploy, source, message):
    handler = deploy(source)
    assert handler.lambda_handler(v2_event(), Context()) == error_response(
        500, message
    )


DJANGO_APP = """
    import django
    from django.conf import settings
    from django.http import JsonResponse
    from django.urls import path, reverse

    settings.configure(
        ROOT_URLCONF=__name__,
        ALLOWED_HOSTS=["*"],
        SECRET_KEY="test only",
        USE_TZ=True,
    )
    django.setup()

    def page(request, name):
        response = JsonResponse(
            {
                "name": name,
                "url": reverse("page", args=["x"]),
                "absolute": request.build_absolute_uri(),
                "cookies": request.COOKIES,
                "tags": request.GET.getlist("tag"),
                "secure": request.is_secure(),
            }
        )
        response.set_cookie("seen", "1")
        response.set_cookie("lang", "fr", samesite="Lax")
        return response

    urlpatterns = [path("pages/<str:name>", page, name="page")]

    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
"""


def test_django_under_named_stage_sees_prefix_query_and_cookies(deploy):
    pytest.importorskip("django")
    handler = deploy(DJANGO_APP)
    event = v2_event(
        raw_path="/prod/pages/caf%C3%A9",
        stage="prod",
        query="tag=a&tag=b%26c",
        cookies=["a=1", "b=2"],
    )
    response = handler.lambda_handler(event, Context("prod"))
    assert (response["statusCode"], json.loads(response["body"])) == (
        200,
        {
            "name": "café",
            "url": "/prod/pages/x",
            "absolute": f"https://{API_HOST}/prod/pages/caf%C3%A9?tag=a&tag=b%26c",
            "cookies": {"a": "1", "b": "2"},
            "tags": ["a", "b&c"],
            "secure": True,
        },
    )
    assert response["cookies"] == ["seen=1; Path=/", "lang=fr; Path=/; SameSite=Lax"]
    assert "Set-Cookie" not in response["headers"]
