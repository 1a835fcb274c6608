"""Tests of the example apps, served through runtime/slam_handler.py."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from types import ModuleType
from typing import Any

import pytest
from support import REPO, Context, rest_event, rest_response

EXAMPLES = REPO / "examples"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def flask_example(deploy, monkeypatch) -> ModuleType:
    """Return a handler serving examples/flask_app."""
    pytest.importorskip("flask")
    monkeypatch.syspath_prepend(str(EXAMPLES / "flask_app"))
    return deploy(None, module="app")


@pytest.fixture
def function_example(deploy, monkeypatch) -> ModuleType:
    """Return a handler serving examples/function/fizzbuzz.py."""
    monkeypatch.syspath_prepend(str(EXAMPLES / "function"))
    return deploy(None, module="fizzbuzz", app="fizzbuzz")


def response(
    status: int, body: str, content_type: str, **headers: list[str]
) -> dict[str, Any]:
    """Return the whole REST response Flask gives for a text body."""
    multi = {
        "Content-Type": [content_type],
        "Content-Length": [str(len(body.encode()))],
    }
    multi.update({name.replace("_", "-"): values for name, values in headers.items()})
    return rest_response(status, body, multi)


def json_response(status: int, body: str, **headers: list[str]) -> dict[str, Any]:
    """Return the whole REST response for a JSON body from Flask."""
    return response(status, body + "\n", "application/json", **headers)


def html_response(status: int, body: str, **headers: list[str]) -> dict[str, Any]:
    """Return the whole REST response for an HTML body from Flask."""
    return response(status, body, "text/html; charset=utf-8", **headers)


def png_rows(png: bytes) -> tuple[int, int, bytes]:
    """Return the width, height and raw rows of an 8-bit RGB PNG, checking it."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks = 8, {}
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        data = png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + data)
        chunks[kind] = chunks.get(kind, b"") + data
        offset += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, color, b"IEND" in chunks) == (8, 2, True)
    return width, height, zlib.decompress(chunks[b"IDAT"])


def test_items_api_creates_lists_and_finds_items(flask_example):
    def call(method: str, path: str, body: str | None = None) -> dict[str, Any]:
        headers = {"Content-Type": ["application/json"]} if body else {}
        event = rest_event(method, path, headers=headers, body=body)
        return flask_example.lambda_handler(event, Context("dev"))

    assert call("GET", "/api/items") == json_response(200, "[]")
    assert call("POST", "/api/items", '{"name": " Lamp "}') == json_response(
        201, '{"id":1,"name":"Lamp"}', Location=["/dev/api/items/1"]
    )
    assert call("GET", "/api/items/1") == json_response(200, '{"id":1,"name":"Lamp"}')
    assert call("GET", "/api/items") == json_response(200, '[{"id":1,"name":"Lamp"}]')
    assert call("GET", "/api/items/2") == json_response(404, '{"error":"no item 2"}')
    assert call("POST", "/api/items", '{"name": ""}') == json_response(
        400, '{"error":"send a JSON object with a non-empty \\"name\\""}'
    )


def test_index_page_form_posts_to_stage_prefixed_greet(flask_example):
    page = flask_example.lambda_handler(rest_event(), Context("dev"))
    assert page == html_response(
        200,
        "<!doctype html>\n"
        "<title>Slam example</title>\n"
        '<form method="post" action="/dev/greet">\n'
        '  <label>Name <input name="name"></label>\n'
        "  <button>Greet</button>\n"
        "</form>\n"
        '<img src="/dev/logo.png" alt="logo">',
    )


def test_greeting_escapes_the_posted_name(flask_example):
    event = rest_event(
        "POST",
        "/greet",
        headers={"Content-Type": [FORM]},
        body="name=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%26+Bo",
    )
    assert flask_example.lambda_handler(event, Context("dev")) == html_response(
        200,
        "<!doctype html>\n"
        "<title>Hello</title>\n"
        "<p>Hello, &lt;script&gt;alert(1)&lt;/script&gt; &amp; Bo!</p>\n"
        '<a href="/dev/">Again</a>',
    )


def test_visit_counts_with_two_cookies(flask_example):
    first = flask_example.lambda_handler(rest_event(path="/visit"), Context("dev"))
    cookies = {"Cookie": ["visits=1", "theme=light"]}
    event = rest_event(path="/visit", headers=cookies)
    second = flask_example.lambda_handler(event, Context("dev"))
    assert first == json_response(
        200,
        '{"theme":null,"visits":1}',
        Set_Cookie=[
            "visits=1; HttpOnly; Path=/; SameSite=Lax",
            "theme=light; Path=/; SameSite=Lax",
        ],
    )
    assert second == json_response(
        200,
        '{"theme":"light","visits":2}',
        Set_Cookie=["visits=2; HttpOnly; Path=/; SameSite=Lax"],
    )


def test_logo_is_a_binary_png(flask_example):
    logo = flask_example.lambda_handler(rest_event(path="/logo.png"), Context("dev"))
    png = base64.b64decode(logo["body"])
    width, height, rows = png_rows(png)
    assert (logo["statusCode"], logo["isBase64Encoded"]) == (200, True)
    assert png == (EXAMPLES / "flask_app" / "static" / "logo.png").read_bytes()
    assert (logo["headers"]["Content-Type"], logo["headers"]["Content-Length"]) == (
        "image/png",
        str(len(png)),
    )
    assert (width, height, len(rows)) == (24, 24, 24 * (1 + 24 * 3))


def test_home_redirects_to_index_under_the_stage(flask_example):
    home = flask_example.lambda_handler(rest_event(path="/home"), Context("dev"))
    assert (home["statusCode"], home["headers"]["Location"]) == (
        302,
        "/dev/",
    )


def test_home_redirects_to_root_on_a_custom_domain(flask_example):
    event = rest_event(path="/home", host="api.example.com")
    home = flask_example.lambda_handler(event, Context("dev"))
    assert (home["statusCode"], home["headers"]["Location"]) == (302, "/")


def test_fizzbuzz_is_called_with_args_and_kwargs(function_example):
    by_args = function_example.lambda_handler({"args": [15]}, Context("prod"))
    by_kwargs = function_example.lambda_handler(
        {"kwargs": {"n": 5, "fizz": "Fi", "buzz": "Bu"}}, Context("prod")
    )
    assert by_args == [
        "1",
        "2",
        "Fizz",
        "4",
        "Buzz",
        "Fizz",
        "7",
        "8",
        "Fizz",
        "Buzz",
        "11",
        "Fizz",
        "13",
        "14",
        "FizzBuzz",
    ]
    assert by_kwargs == ["1", "2", "Fi", "4", "Bu"]


@pytest.mark.parametrize("n", [0, 10_001, "3", True, 2.5])
def test_fizzbuzz_rejects_bad_n_as_a_function_error(function_example, n):
    with pytest.raises(ValueError, match="n must be an integer from 1 to 10000"):
        function_example.lambda_handler({"args": [n]}, Context())

