"""Adapter contract (docs/adapter.md): the ASGI scope, lifespan and responses."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from urllib.parse import parse_qsl

import pytest
from apps import ASGI_ECHO_APP, scope_headers
from support import (
    CUSTOM_HOST,
    sent_query,
    HANDLER_FILE,
    KINDS,
    PAYLOAD_2,
    Context,
    header_values,
    http_event,
    response_body,
    rest_event,
    v2_event,
)
from test_adapter_bodies import MULTIPART, MULTIPART_TYPE
from test_adapter_query import RESERVED, START_TIME

FORWARDED_FOR = "198.51.100.9, 203.0.113.7, 130.176.0.1"


@pytest.fixture(autouse=True)
def hand_written_apps(forget_starlette):
    """Every app here is hand-written: no Starlette is loaded."""


def scope_of(response: dict) -> dict:
    """Return the scope ASGI_ECHO_APP answered with."""
    assert response["statusCode"] == 200, response
    return json.loads(response_body(response))


def echo(deploy, event, context=None, **options) -> dict:
    """Return the scope of EVENT as ASGI_ECHO_APP sees it."""
    handler = deploy(ASGI_ECHO_APP, **options)
    return scope_of(handler.lambda_handler(event, context or Context()))


@pytest.mark.parametrize("kind", KINDS)
def test_scope_basics(deploy, kind):
    scope = echo(deploy, http_event(kind, "PATCH", "/a", host=CUSTOM_HOST))
    assert (
        scope["type"],
        scope["spec_version"],
        scope["http_version"],
        scope["method"],
        scope["root_path"],
        scope["path"],
    ) == ("http", "2.3", "1.1", "PATCH", "", "/a")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("path", "decoded"),
    [
        ("/short-url/my%20test%20url", "/short-url/my test url"),
        ("/api/path%2Finfo", "/api/path/info"),
        ("/%C3%A9", "/é"),
    ],
)
def test_scope_path_is_decoded_text(deploy, kind, path, decoded):
    scope = echo(deploy, http_event(kind, path=path, host=CUSTOM_HOST))
    assert (scope["root_path"], scope["path"]) == ("", decoded)


@pytest.mark.parametrize("kind", PAYLOAD_2)
def test_scope_raw_path_is_as_sent(deploy, kind):
    event = http_event(kind, path="/short-url/my%20test%20url/", host=CUSTOM_HOST)
    event["requestContext"]["http"]["path"] = "/short-url/my test url"
    scope = echo(deploy, event)
    assert (scope["raw_path"], scope["path"]) == (
        "/short-url/my%20test%20url/",
        "/short-url/my test url/",
    )


def test_rest_stage_is_root_path_and_prefixes_path(deploy):
    scope = echo(deploy, rest_event(path="/v1/standards", stage="Prod"))
    assert (scope["root_path"], scope["path"]) == ("/Prod", "/Prod/v1/standards")


def test_rest_on_custom_domain_has_empty_root_path(deploy):
    scope = echo(deploy, rest_event(path="/v1/standards", stage="Prod", host=CUSTOM_HOST))
    assert (scope["root_path"], scope["path"]) == ("", "/v1/standards")


def test_http_api_stage_is_root_path(deploy):
    scope = echo(deploy, v2_event(raw_path="/dev/collection", stage="dev"))
    assert (scope["root_path"], scope["path"], scope["raw_path"]) == (
        "/dev",
        "/dev/collection",
        "/dev/collection",
    )


@pytest.mark.parametrize("kind", KINDS)
def test_configured_base_path_is_root_path(deploy, kind):
    event = http_event(kind, path="/users/list", host=CUSTOM_HOST)
    scope = echo(deploy, event, http={"base_path": "users"})
    assert (scope["root_path"], scope["path"]) == ("/users", "/users/list")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("query", [START_TIME, RESERVED], ids=["time", "reserved"])
def test_query_string_bytes_give_the_values_as_sent(deploy, kind, query):
    scope = echo(deploy, http_event(kind, query=query))
    assert parse_qsl(scope["query_string"], keep_blank_values=True) == sent_query(kind, query)


@pytest.mark.parametrize("kind", PAYLOAD_2)
def test_payload_2_query_string_is_the_raw_one(deploy, kind):
    event = http_event(kind)
    event["rawQueryString"] = "id=18&id=19&tag=a%2Cb"
    event["queryStringParameters"] = {"id": "18,19", "tag": "a,b"}
    assert echo(deploy, event)["query_string"] == "id=18&id=19&tag=a%2Cb"


@pytest.mark.parametrize("kind", ["alb", "alb-multi"])
def test_alb_query_values_are_passed_undecoded(deploy, kind):
    event = http_event(kind)
    key = "multiValueQueryStringParameters" if kind == "alb-multi" else "queryStringParameters"
    event[key] = {"phone": ["%2B4412345678"]} if kind == "alb-multi" else {"phone": "%2B4412345678"}
    assert echo(deploy, event)["query_string"] == "phone=%2B4412345678"


@pytest.mark.parametrize("kind", ["rest", "alb-multi"])
def test_repeated_headers_are_kept_apart_in_lowercase(deploy, kind):
    event = http_event(kind, headers=[("Accept", "a"), ("Accept", "b"), ("X-Name", "v")])
    scope = echo(deploy, event)
    assert (scope_headers(scope, "accept"), scope_headers(scope, "x-name")) == (["a", "b"], ["v"])
    assert all(name == name.lower() for name, _ in scope["headers"])


@pytest.mark.parametrize("kind", KINDS)
def test_cookies_reach_the_scope_as_a_cookie_header(deploy, kind):
    scope = echo(deploy, http_event(kind, cookies=["a=1", "b=2"]))
    assert "; ".join(scope_headers(scope, "cookie")) == "a=1; b=2"


@pytest.mark.parametrize("kind", KINDS)
def test_body_arrives_whole_in_one_message(deploy, kind):
    event = http_event(
        kind, "POST", headers=[("Content-Type", MULTIPART_TYPE)], body=MULTIPART, base64=True
    )
    scope = echo(deploy, event)
    assert (base64.b64decode(scope["body"]), scope["receive_calls"]) == (MULTIPART, 1)
    assert scope_headers(scope, "content-type") == [MULTIPART_TYPE]


@pytest.mark.parametrize("kind", ["rest", "v2", "url"])
def test_client_is_the_source_ip(deploy, kind):
    event = http_event(kind, headers=[("X-Forwarded-For", FORWARDED_FOR)], source_ip="203.0.113.7")
    assert echo(deploy, event)["client"][0] == "203.0.113.7"


@pytest.mark.parametrize("kind", ["alb", "alb-multi"])
def test_alb_client_is_the_last_forwarded_for_entry(deploy, kind):
    event = http_event(kind, headers=[("X-Forwarded-For", FORWARDED_FOR)])
    assert echo(deploy, event)["client"][0] == "130.176.0.1"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("scheme", "port"), [("https", 443), ("http", 8080)])
def test_scheme_and_server_come_from_forwarded_headers(deploy, kind, scheme, port):
    event = http_event(
        kind,
        headers=[("X-Forwarded-Proto", scheme), ("X-Forwarded-Port", str(port))],
        host=CUSTOM_HOST,
    )
    scope = echo(deploy, event)
    assert (scope["scheme"], scope["server"]) == (scheme, [CUSTOM_HOST, port])


LIFESPAN_APP = """
    import asyncio

    startups = []
    loops = []

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            message = await receive()
            assert message["type"] == "lifespan.startup"
            startups.append(1)
            scope["state"]["db"] = "ready"
            await send({"type": "lifespan.startup.complete"})
            message = await receive()
            startups.append(message["type"])
            await send({"type": "lifespan.shutdown.complete"})
            return
        loops.append(id(asyncio.get_running_loop()))
        await receive()
        body = scope["state"]["db"].encode()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": body})
"""


@pytest.mark.parametrize("kind", KINDS)
def test_lifespan_startup_runs_once_and_its_state_reaches_requests(deploy, kind):
    handler = deploy(LIFESPAN_APP)
    answers = [handler.lambda_handler(http_event(kind), Context()) for _ in range(3)]
    module = sys.modules["slam_test_app"]
    assert [response_body(answer) for answer in answers] == [b"ready"] * 3
    assert module.startups == [1]
    assert len(set(module.loops)) == 1


def test_shutdown_runs_the_lifespan_shutdown_once(deploy):
    handler = deploy(LIFESPAN_APP)
    assert response_body(handler.lambda_handler(v2_event(), Context())) == b"ready"
    handler.shutdown()
    handler.shutdown()
    assert sys.modules["slam_test_app"].startups == [1, "lifespan.shutdown"]


def test_app_without_lifespan_support_is_served(deploy):
    handler = deploy(
        """
        async def app(scope, receive, send):
            if scope["type"] != "http":
                raise ValueError("only http here")
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"fine"})
        """
    )
    responses = [handler.lambda_handler(v2_event(), Context()) for _ in range(2)]
    assert [(r["statusCode"], response_body(r)) for r in responses] == [(200, b"fine")] * 2


def test_failed_lifespan_startup_fails_the_load(deploy):
    handler = deploy(
        """
        async def app(scope, receive, send):
            if scope["type"] == "lifespan":
                await receive()
                await send({"type": "lifespan.startup.failed", "message": "no database"})
                return
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"should not run"})
        """
    )
    response = handler.lambda_handler(v2_event(), Context())
    assert response["statusCode"] == 500
    assert "error" in json.loads(response["body"])


@pytest.mark.parametrize("kind", KINDS)
def test_streamed_body_is_collected_in_order(deploy, kind):
    handler = deploy(
        """
        async def app(scope, receive, send):
            if scope["type"] != "http":
                return
            headers = [(b"content-type", b"text/plain"), (b"x-stream", b"yes")]
            await send({"type": "http.response.start", "status": 201, "headers": headers})
            for part in (b"one ", b"", b"two ", b"three"):
                await send({"type": "http.response.body", "body": part, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        """
    )
    response = handler.lambda_handler(http_event(kind), Context())
    assert (response["statusCode"], response_body(response)) == (201, b"one two three")
    assert header_values(kind, response, "x-stream") == ["yes"]


@pytest.mark.parametrize("kind", KINDS)
def test_asgi_set_cookies_are_placed_like_wsgi_ones(deploy, kind):
    handler = deploy(
        """
        async def app(scope, receive, send):
            if scope["type"] != "http":
                return
            headers = [
                (b"content-type", b"application/json"),
                (b"set-cookie", b"a=1; Path=/"),
                (b"set-cookie", b"b=2; Path=/"),
            ]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": b'{"ok": true}'})
        """
    )
    response = handler.lambda_handler(http_event(kind), Context())
    assert (response["body"], response["isBase64Encoded"]) == ('{"ok": true}', False)
    assert header_values(kind, response, "set-cookie") == ["a=1; Path=/", "b=2; Path=/"]
    if kind in PAYLOAD_2:
        assert response["cookies"] == ["a=1; Path=/", "b=2; Path=/"]


def test_receive_after_the_response_gives_disconnect(deploy):
    handler = deploy(
        """
        import asyncio

        after = []

        async def app(scope, receive, send):
            if scope["type"] != "http":
                return
            await receive()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"done"})
            message = await asyncio.wait_for(receive(), 2)
            after.append(message["type"])
        """
    )
    response = handler.lambda_handler(v2_event(), Context())
    assert response_body(response) == b"done"
    assert sys.modules["slam_test_app"].after == ["http.disconnect"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("started", [False, True])
def test_asgi_exception_gives_a_500(deploy, kind, started):
    handler = deploy(
        f"""
        async def app(scope, receive, send):
            if scope["type"] != "http":
                return
            if {started!r} or scope["path"] == "/ok":
                await send({{"type": "http.response.start", "status": 200, "headers": []}})
            if scope["path"] == "/ok":
                await send({{"type": "http.response.body", "body": b"fine"}})
                return
            raise RuntimeError("secret detail")
        """
    )
    fine = handler.lambda_handler(http_event(kind, path="/ok", host=CUSTOM_HOST), Context())
    failed = handler.lambda_handler(http_event(kind, path="/boom", host=CUSTOM_HOST), Context())
    assert (fine["statusCode"], response_body(fine)) == (200, b"fine")
    assert failed["statusCode"] == 500
    assert "secret detail" not in failed["body"]


def test_asyncio_is_imported_only_for_asgi_apps(tmp_path):
    (tmp_path / "wsgi_only.py").write_text(
        "def app(environ, start_response):\n"
        "    start_response('200 OK', [])\n"
        "    return [b'ok']\n"
    )
    config = {"version": 1, "name": "demo", "module": "wsgi_only", "app": "app",
              "interface": "detect", "devstage": "dev", "stages": {"dev": {}}}
    (tmp_path / "slam_config.json").write_text(json.dumps(config))
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(HANDLER_FILE.parent)!r})\n"
        "import slam_handler\n"
        "event = json.loads(sys.argv[1])\n"
        "response = slam_handler.lambda_handler(event, None)\n"
        "print(json.dumps([response['statusCode'], 'asyncio' in sys.modules]))\n"
    )
    env = dict(os.environ, SLAM_CONFIG_PATH=str(tmp_path / "slam_config.json"))
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(v2_event())],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )
    assert json.loads(result.stdout) == [200, False]


class TimedContext(Context):
    """A context whose invocation has REMAINING milliseconds left."""

    def __init__(self, remaining: int) -> None:
        super().__init__("dev")
        self.remaining = remaining

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining


def test_asgi_app_busy_past_the_remaining_time_gets_504(deploy):
    """Found by the break test: a hung app blocked until Lambda's timeout."""
    handler = deploy(
        """
        import asyncio

        async def app(scope, receive, send):
            if scope["type"] == "lifespan":
                raise ValueError("no lifespan")
            await asyncio.sleep(3600)
        """
    )
    response = handler.lambda_handler(v2_event(), TimedContext(400))
    assert (response["statusCode"], json.loads(response_body(response))) == (
        504,
        {"error": "the app did not answer in time"},
    )
    assert handler.lambda_handler(v2_event(), TimedContext(400))["statusCode"] == 504


@pytest.mark.parametrize("kind", ["rest", "v2", "alb"])
def test_asgi_header_value_with_a_line_break_is_a_500(deploy, kind):
    handler = deploy(
        """
        async def app(scope, receive, send):
            if scope["type"] == "lifespan":
                raise ValueError("no lifespan")
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"x-l", b"a\\r\\nInjected: 1")]})
            await send({"type": "http.response.body", "body": b"x"})
        """
    )
    assert handler.lambda_handler(http_event(kind), Context())["statusCode"] == 500
