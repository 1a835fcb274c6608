"""The fast lane (runtime/slam_adapter/fast_lane.py) answers as the long way.

The fast lane handles the common request of a warm WSGI function inline and
leaves everything else to the general code. Each generated event is
answered twice: once with the fast lane switched off (which also teaches
the caches the event's header names, host and status line), then with it
on; the two answers must be equal, whether or not the lane took the event.
"""

from __future__ import annotations

import copy
import json
import string
import sys

import pytest
from apps import ECHO_APP, FLASK_APP
from hypothesis import given
from hypothesis import strategies as st
from support import Context, http_event
from test_adapter_properties import PROPERTIES, http_events

ASCII_TEXT = st.text(string.ascii_letters + string.digits + " -_.,;=/:", max_size=16)
TOKEN = st.text(string.ascii_letters + string.digits + "-", min_size=1, max_size=10)
ASCII_PATH = st.lists(st.text(string.ascii_letters + string.digits + "-._", max_size=6), max_size=3)
LANE_KINDS = ["rest", "v2", "url"]

COOKIE_APP = """
    def app(environ, start_response):
        start_response("200 OK", [
            ("Content-Type", "text/plain"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT"),
            ("X-Many", " one"),
            ("x-many", "two "),
        ])
        return [b"cookies"]
"""
BINARY_APP = """
    def app(environ, start_response):
        start_response("201 Created", [("Content-Type", "image/png"), ("X-Pad", " padded ")])
        return [b"\\x89PNG\\r\\n", b"", b"\\x00\\xff"]
"""


@st.composite
def common_events(draw: st.DrawFn, kind: str) -> dict:
    """Return an event of the shape the fast lane is for: ASCII, no query."""
    body = draw(st.one_of(st.none(), ASCII_TEXT))
    return http_event(
        kind,
        draw(st.sampled_from(["GET", "POST", "PUT", "DELETE"])),
        "/" + "/".join(draw(ASCII_PATH)),
        headers=draw(st.lists(st.tuples(TOKEN, ASCII_TEXT), max_size=4)),
        body=None if body is None else body.encode(),
    )


def comparable(response: object) -> object:
    """Return RESPONSE with a JSON body parsed: the echo app's key order is
    the environ's insertion order, which the two ways need not share."""
    if type(response) is dict and type(response.get("body")) is str:
        try:
            return {**response, "body": json.loads(response["body"])}
        except ValueError:
            pass
    return response


def warm_up(handler) -> None:
    """Load the app, which puts the fast lane in place."""
    assert handler.lambda_handler({"slam": "warm-up"}, Context("dev"))["cold"] is True


def both_ways(handler, event: dict) -> tuple[object, object]:
    """Return the answers to EVENT without and then with the fast lane."""
    module = sys.modules["slam_adapter.handler"]
    serve = module._fast_serve
    assert serve is not None, "load the app first: warm_up(handler)"
    module._fast_serve = None
    try:
        long_way = handler.lambda_handler(copy.deepcopy(event), Context("dev"))
    finally:
        module._fast_serve = serve
    fast = handler.lambda_handler(copy.deepcopy(event), Context("dev"))
    return comparable(fast), comparable(long_way)


class LaneHits:
    """Counts the requests the fast lane answers, once installed."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        self.monkeypatch = monkeypatch

    def install(self) -> None:
        """Wrap fast_lane.answer (the app must be loaded: it imports it)."""
        fast_lane = sys.modules["slam_adapter.fast_lane"]
        answer = fast_lane.answer

        def counted(*args):
            self.count += 1
            return answer(*args)

        self.monkeypatch.setattr(fast_lane, "answer", counted)


@pytest.fixture
def lane_hits(monkeypatch) -> LaneHits:
    return LaneHits(monkeypatch)


@pytest.mark.parametrize(
    "app", [ECHO_APP, FLASK_APP, COOKIE_APP, BINARY_APP], ids=["echo", "flask", "cookies", "binary"]
)
@pytest.mark.parametrize("kind", LANE_KINDS)
def test_common_events_are_answered_alike(deploy, kind, app):
    handler = deploy(app)
    warm_up(handler)

    @PROPERTIES
    @given(common_events(kind))
    def check(event):
        fast, long_way = both_ways(handler, event)
        assert fast == long_way

    check()


@pytest.mark.parametrize("kind", LANE_KINDS)
def test_any_events_are_answered_alike(deploy, kind):
    handler = deploy(ECHO_APP)
    warm_up(handler)

    @PROPERTIES
    @given(http_events(kind))
    def check(case):
        event, _ = case
        fast, long_way = both_ways(handler, event)
        assert fast == long_way

    check()


@pytest.mark.parametrize("kind", LANE_KINDS)
def test_the_lane_takes_the_common_request(deploy, kind, lane_hits):
    handler = deploy(ECHO_APP)
    event = http_event(kind, "POST", "/items/42", body=b'{"n": 1}')
    first = handler.lambda_handler(copy.deepcopy(event), Context("dev"))
    lane_hits.install()
    again = handler.lambda_handler(copy.deepcopy(event), Context("dev"))
    assert (lane_hits.count, comparable(again)) == (1, comparable(first))


@pytest.mark.parametrize(
    "change",
    [
        {"isBase64Encoded": True, "body": "e30="},
        {"headers": None},
        {"body": 5},
        # Found by the comparison above: the lane looked an unhashable
        # stage up in a dict, and the TypeError escaped the handler.
        {"requestContext": {"stage": []}},
    ],
)
def test_the_lane_leaves_the_uncommon_request(deploy, change, lane_hits):
    handler = deploy(ECHO_APP)
    event = http_event("rest", "POST", "/items/42", body=b"{}")
    handler.lambda_handler(copy.deepcopy(event), Context("dev"))
    lane_hits.install()
    event.update(change)
    response = handler.lambda_handler(event, Context("dev"))
    assert (lane_hits.count, type(response["statusCode"])) == (0, int)
