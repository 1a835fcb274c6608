"""Adapter contract (docs/adapter.md): response bodies and the WSGI protocol."""

from __future__ import annotations

import base64
import gzip
import json
import sys

import pytest
from apps import MIRROR_APP
from support import APP_MODULE, KINDS, Context, header_values, http_event, response_body, rest_event

HTML = "<p>héllo</p>".encode()


def mirrored(handler, kind: str, body: bytes, content_type: str, encoding=None):
    """Return the response of MIRROR_APP sending BODY back with these headers."""
    headers = [("X-Type", content_type)]
    if encoding:
        headers.append(("X-Encoding", encoding))
    event = http_event(kind, "POST", headers=headers, body=body, base64=True)
    return handler.lambda_handler(event, Context())


def assert_body(response: dict, body: bytes, is_base64: bool) -> None:
    """Check the body of RESPONSE and how it was sent."""
    assert response["statusCode"] == 200, response
    expected = base64.b64encode(body).decode() if is_base64 else body.decode()
    assert (response["body"], response["isBase64Encoded"]) == (expected, is_base64)


@pytest.mark.parametrize("kind", KINDS)
def test_gzip_encoded_html_is_base64_with_its_content_encoding(deploy, kind):
    handler = deploy(MIRROR_APP)
    compressed = gzip.compress(HTML)
    response = mirrored(handler, kind, compressed, "text/html; charset=utf-8", "gzip")
    assert_body(response, compressed, True)
    assert header_values(kind, response, "Content-Encoding") == ["gzip"]
    assert gzip.decompress(response_body(response)) == HTML


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", '{"é": [1, 2]}'.encode()),
        ("text/html; charset=utf-8", HTML),
        ("image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("application/vnd.api+json", b'{"data": []}'),
        ("application/yaml", b"a: 1\n"),
        ("application/xml", b"<a/>"),
        ("application/javascript", b"let a = 1;"),
        ("application/ecmascript", b"let a = 1;"),
        ("application/x-www-form-urlencoded", b"a=1&b=2"),
        ("application/atom+xml", b"<feed/>"),
        ("application/vnd.acme+yaml", b"a: 1"),
        ("text/csv", b"a,b\n1,2\n"),
        ("Application/JSON; charset=UTF-8", b"[]"),
    ],
)
def test_utf8_text_types_are_sent_as_text(deploy, kind, content_type, body):
    handler = deploy(MIRROR_APP)
    assert_body(mirrored(handler, kind, body, content_type), body, False)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain; charset=latin-1", b"\xe9"),
        ("image/png", b"\x89PNG\r\n\x1a\n"),
        ("application/octet-stream", b"plain ascii"),
        ("application/pdf", b"%PDF-1.4"),
        ("application/json", b'{"a": "\xff"}'),
    ],
)
def test_binary_types_and_non_utf8_text_are_base64(deploy, kind, content_type, body):
    handler = deploy(MIRROR_APP)
    assert_body(mirrored(handler, kind, body, content_type), body, True)


@pytest.mark.parametrize("kind", KINDS)
def test_identity_encoding_is_still_text(deploy, kind):
    handler = deploy(MIRROR_APP)
    response = mirrored(handler, kind, b"plain", "text/plain", "identity")
    assert_body(response, b"plain", False)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("http", "content_type", "body", "is_base64"),
    [
        ({"text_types": ["application/vnd.acme"]}, "application/vnd.acme", b"abc", False),
        (
            {"text_types": ["application/vnd.acme"]},
            "application/vnd.acme; charset=utf-8",
            b"abc",
            False,
        ),
        ({"text_types": ["application/vnd.acme"]}, "application/vnd.other", b"abc", True),
        ({"text_types": ["application/*"]}, "application/x-custom", b"abc", False),
        ({"text_types": ["application/vnd.acme"]}, "application/vnd.acme", b"\xff", True),
        ({"binary_types": ["text/csv"]}, "text/csv", b"a,b", True),
        ({"binary_types": ["application/json"]}, "application/json", b"{}", True),
        (
            {"text_types": ["application/vnd.acme"], "binary_types": ["application/vnd.acme"]},
            "application/vnd.acme",
            b"abc",
            True,
        ),
        ({}, "application/vnd.acme", b"abc", True),
    ],
)
def test_configured_text_and_binary_types(deploy, kind, http, content_type, body, is_base64):
    handler = deploy(MIRROR_APP, http=http)
    assert_body(mirrored(handler, kind, body, content_type), body, is_base64)


CHUNKED_APP = """
    calls = []

    class Body:
        def __init__(self, chunks, fail):
            self.chunks, self.fail = chunks, fail

        def __iter__(self):
            for chunk in self.chunks:
                yield chunk
            if self.fail:
                raise OSError("disk gone")

        def close(self):
            calls.append("close")

    def app(environ, start_response):
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        if environ["PATH_INFO"] == "/write":
            write(b"Oh, ")
        fail = environ["PATH_INFO"] == "/fail"
        return Body([b"Hi", b"", b" there!", b""], fail)
"""


@pytest.mark.parametrize("kind", KINDS)
def test_empty_chunks_are_skipped_and_close_is_called_once(deploy, kind):
    handler = deploy(CHUNKED_APP)
    response = handler.lambda_handler(http_event(kind, path="/"), Context())
    assert (response["statusCode"], response_body(response)) == (200, b"Hi there!")
    assert sys.modules[APP_MODULE].calls == ["close"]


@pytest.mark.parametrize("kind", KINDS)
def test_close_is_called_once_when_iteration_fails(deploy, kind):
    handler = deploy(CHUNKED_APP)
    response = handler.lambda_handler(http_event(kind, path="/fail"), Context())
    assert response["statusCode"] == 500
    assert sys.modules[APP_MODULE].calls == ["close"]


@pytest.mark.parametrize("kind", KINDS)
def test_written_bytes_come_before_the_iterable(deploy, kind):
    handler = deploy(CHUNKED_APP)
    response = handler.lambda_handler(http_event(kind, path="/write"), Context())
    assert response_body(response) == b"Oh, Hi there!"
    assert sys.modules[APP_MODULE].calls == ["close"]


@pytest.mark.parametrize("kind", KINDS)
def test_start_response_with_exc_info_before_the_body_wins(deploy, kind):
    handler = deploy(
        """
        import sys

        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "application/json")])
            try:
                raise LookupError("missing")
            except LookupError:
                start_response(
                    "503 Service Unavailable",
                    [("Content-Type", "text/plain"), ("Retry-After", "5")],
                    sys.exc_info(),
                )
            return [b"", b"try later"]
        """
    )
    response = handler.lambda_handler(http_event(kind), Context())
    assert (response["statusCode"], response_body(response)) == (503, b"try later")
    assert header_values(kind, response, "Content-Type") == ["text/plain"]
    assert header_values(kind, response, "Retry-After") == ["5"]


@pytest.mark.parametrize("kind", KINDS)
def test_exc_info_after_an_empty_chunk_still_wins(deploy, kind):
    handler = deploy(
        """
        import sys

        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            yield b""
            try:
                raise LookupError("missing")
            except LookupError:
                start_response("404 Not Found", [("Content-Type", "text/plain")], sys.exc_info())
            yield b"gone"
        """
    )
    response = handler.lambda_handler(http_event(kind), Context())
    assert (response["statusCode"], response_body(response)) == (404, b"gone")


@pytest.mark.parametrize("kind", KINDS)
def test_lazy_start_response_during_iteration(deploy, kind):
    handler = deploy(
        """
        def app(environ, start_response):
            yield b""
            start_response("201 Created", [("Content-Type", "text/plain"), ("X-Late", "1")])
            yield b"made"
        """
    )
    response = handler.lambda_handler(http_event(kind), Context())
    assert (response["statusCode"], response_body(response)) == (201, b"made")
    assert header_values(kind, response, "X-Late") == ["1"]


@pytest.mark.parametrize("kind", KINDS)
def test_app_exception_is_a_json_500(deploy, kind):
    handler = deploy(
        """
        def app(environ, start_response):
            raise RuntimeError("secret detail")
        """
    )
    response = handler.lambda_handler(http_event(kind), Context())
    assert response["statusCode"] == 500
    assert "secret detail" not in response["body"]
    assert "error" in json_body(response)


def json_body(response: dict) -> dict:
    """Return the JSON body of RESPONSE."""
    return json.loads(response_body(response))


@pytest.mark.parametrize("value", ["a\r\nInjected: 1", "a\nb", "a\rb"])
def test_header_value_with_a_line_break_is_a_500(deploy, value):
    """Found by the break test: it reached the answer unchanged."""
    handler = deploy(
        f"""
        def app(environ, start_response):
            start_response("200 OK", [("X-L", {value!r})])
            return [b"x"]
        """
    )
    response = handler.lambda_handler(rest_event(), Context())
    assert (response["statusCode"], "X-L" in response["headers"]) == (500, False)
