"""Adapter contract (docs/adapter.md) as properties: whatever event arrives, the
handler does not raise and answers in the shape of the event's source.

Events of each kind are built valid, then maybe broken: values replaced by
junk of any JSON type (nulls, numbers, lists where strings belong, lone
surrogates), keys dropped or added, requestContext made odd, bodies flagged
base64 that are not. A valid HTTP event must get the echo app's 200; any
other must get a well-formed response. Examples are derandomized so that CI
runs the same ones every time.
"""

from __future__ import annotations

import json
import string
from typing import Any, Callable

import pytest
from apps import ASGI_ECHO_APP, ECHO_APP
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ALB_KINDS, KINDS, Context, http_event

settings.register_profile(
    "adapter-properties",
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROPERTIES = settings.get_profile("adapter-properties")
APPS = {"wsgi": ECHO_APP, "asgi": ASGI_ECHO_APP}

# Text as JSON may carry it: any code point, lone surrogates included.
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=12)
# Text a client could send: printable, beyond ASCII too, no surrogates.
CLIENT_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
TOKEN = st.text(string.ascii_letters + string.digits + "-_!#$*+.^`|~", min_size=1, max_size=10)
METHODS = st.one_of(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]), TOKEN)
PATH_SEGMENTS = st.one_of(
    CLIENT_TEXT,
    st.sampled_from(["%41", "%2F", "%25", "%e2%82%ac", "%zz", "%", "%C3", "caf%C3%A9", "é", "€", "..", ""]),
)
PATHS = st.lists(PATH_SEGMENTS, max_size=4).map(lambda parts: "/" + "/".join(parts))
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    ANY_TEXT,
)
JUNK = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(ANY_TEXT, inner, max_size=3)
    ),
    max_leaves=6,
)
# What a broken map of headers or query parameters may hold for a value.
ODD_ENTRIES = st.one_of(
    st.none(),
    st.integers(),
    st.booleans(),
    st.lists(st.one_of(st.none(), ANY_TEXT, st.integers()), max_size=3),
    st.dictionaries(ANY_TEXT, ANY_TEXT, max_size=2),
    ANY_TEXT,
)
MAPS = (
    "headers",
    "multiValueHeaders",
    "queryStringParameters",
    "multiValueQueryStringParameters",
)
NOT_BASE64 = st.one_of(
    st.sampled_from(["@@@", "abc", "a===", "====", "YQ", "Y Q==", "é", "YWJj\n", "YW=Jj"]),
    ANY_TEXT,
)


@st.composite
def valid_http_events(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """Return a well-formed request event of KIND (one of KINDS)."""
    body = draw(st.one_of(st.none(), st.binary(max_size=40), CLIENT_TEXT.map(str.encode)))
    base64 = draw(st.booleans())
    if body is not None and not base64:
        body = body.decode("utf-8", "replace").encode("utf-8")
    cookies = draw(st.one_of(st.none(), st.lists(TOKEN.map(lambda name: name + "=1"), max_size=2)))
    return http_event(
        kind,
        draw(METHODS),
        draw(PATHS),
        query=draw(st.lists(st.tuples(CLIENT_TEXT, CLIENT_TEXT), max_size=4)),
        headers=draw(st.lists(st.tuples(TOKEN, CLIENT_TEXT), max_size=4)),
        cookies=cookies,
        body=body,
        base64=base64,
    )


def _places(value: object, where: tuple = ()) -> list[tuple]:
    """Return the key paths of every value inside VALUE (dicts and lists)."""
    places = []
    if type(value) is dict:
        items = list(value.items())
    elif type(value) is list:
        items = list(enumerate(value))
    else:
        return places
    for key, inner in items:
        places.append(where + (key,))
        places.extend(_places(inner, where + (key,)))
    return places


def _at(event: dict, place: tuple) -> Any:
    for key in place:
        event = event[key]
    return event


def _parent(event: dict, place: tuple) -> Any:
    return _at(event, place[:-1])


@st.composite
def broken(draw: st.DrawFn, event: dict[str, Any]) -> dict[str, Any]:
    """Return EVENT with one thing broken."""
    places = _places(event)
    how = draw(st.sampled_from(["replace", "delete", "add", "base64", "context", "entry"]))
    maps = [name for name in MAPS if type(event.get(name)) is dict]
    if how == "entry" and maps:
        entries = event[draw(st.sampled_from(maps))]
        name = draw(st.one_of(st.sampled_from(sorted(entries) or ["Host"]), ANY_TEXT))
        entries[name] = draw(ODD_ENTRIES)
    elif how == "base64":
        event["body"] = draw(NOT_BASE64)
        event["isBase64Encoded"] = True
    elif how == "context":
        event["requestContext"] = draw(
            st.one_of(JUNK, st.dictionaries(st.sampled_from(["http", "elb", "stage", "identity"]), JUNK))
        )
    elif how == "add":
        folders = [()] + [place for place in places if type(_at(event, place)) is dict]
        _at(event, draw(st.sampled_from(folders)))[draw(ANY_TEXT)] = draw(JUNK)
    else:
        place = draw(st.sampled_from(places))
        parent = _parent(event, place)
        if how == "delete" and type(parent) is dict:
            del parent[place[-1]]
        else:
            parent[place[-1]] = draw(JUNK)
    return event


@st.composite
def http_events(draw: st.DrawFn, kind: str) -> tuple[dict[str, Any], bool]:
    """Return an event of KIND, and whether it was left valid."""
    event = draw(valid_http_events(kind))
    breaks = draw(st.integers(min_value=0, max_value=3))
    for _ in range(breaks):
        event = draw(broken(event))
    return event, breaks == 0


def source_of(event: object) -> str | None:
    """Return the kind of answer the table in docs/adapter.md gives EVENT.

    An HTTP event is told by requestContext.http (payload 2.0), .elb (ALB),
    else by httpMethod or a requestContext (REST); None for the rest.
    """
    if type(event) is not dict:
        return None
    context = event.get("requestContext")
    if type(context) is dict and "http" in context:
        return "v2"
    if type(context) is dict and "elb" in context:
        return "alb-multi" if type(event.get("multiValueHeaders")) is dict else "alb"
    if "httpMethod" in event or "requestContext" in event:
        return "rest"
    return None


def _is_str_map(value: object, of: Callable[[object], bool]) -> bool:
    return type(value) is dict and all(type(k) is str and of(v) for k, v in value.items())


def _is_str(value: object) -> bool:
    return type(value) is str


def _is_str_list(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def assert_well_formed(source: str, response: object) -> None:
    """Assert RESPONSE is a response API Gateway or the ALB of SOURCE accepts."""
    assert type(response) is dict, response
    json.dumps(response)
    assert type(response["statusCode"]) is int and 100 <= response["statusCode"] <= 599, response
    assert type(response["body"]) is str, response
    assert type(response["isBase64Encoded"]) is bool, response
    if source == "alb-multi":
        assert "headers" not in response, response
        assert _is_str_map(response["multiValueHeaders"], _is_str_list), response
    else:
        assert _is_str_map(response["headers"], _is_str), response
    if source == "alb":
        assert "multiValueHeaders" not in response, response
    if source in ALB_KINDS:
        assert type(response["statusDescription"]) is str, response
        assert response["statusDescription"].startswith(str(response["statusCode"])), response
    if source == "rest" and "multiValueHeaders" in response:
        assert _is_str_map(response["multiValueHeaders"], _is_str_list), response
    if source == "v2" and "cookies" in response:
        assert _is_str_list(response["cookies"]), response
    if response["isBase64Encoded"]:
        import base64

        base64.b64decode(response["body"], validate=True)


@pytest.mark.parametrize("interface", sorted(APPS))
@pytest.mark.parametrize("kind", KINDS)
def test_http_events_always_get_a_well_formed_response(deploy, interface, kind):
    handler = deploy(APPS[interface])

    @PROPERTIES
    @given(http_events(kind))
    def check(case):
        event, valid = case
        expected = source_of(event)
        response = handler.lambda_handler(event, Context())
        if expected is None:
            assert type(response) is dict and type(response.get("error")) is str, response
            json.dumps(response)
            return
        assert_well_formed(expected, response)
        if valid:
            assert response["statusCode"] == 200, (event, response)

    check()


# A null entry may be read as no value (as a null headers map is) or refused.
@pytest.mark.parametrize("value, statuses", [(None, (200, 400)), (7, (400,))])
def test_rest_multi_value_header_that_is_no_list_is_answered(deploy, value, statuses):
    """A REST multiValueHeaders entry that is null or a number: no raise.

    Found by the property above: the adapter took len() of every entry to see
    whether the single-value headers would do, and raised TypeError.
    """
    handler = deploy(ECHO_APP)
    event = http_event("rest")
    event["multiValueHeaders"]["X-Forwarded-Proto"] = value
    response = handler.lambda_handler(event, Context())
    assert_well_formed("rest", response)
    assert response["statusCode"] in statuses, response


CALL_VALUES = st.one_of(st.none(), st.lists(JUNK, max_size=3), st.dictionaries(ANY_TEXT, JUNK, max_size=3), JUNK)
SCHEDULED = {
    "version": "0",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "time": "2015-10-08T16:53:06Z",
    "resources": [],
    "detail": {},
}
OTHER_EVENTS = {
    "direct": st.fixed_dictionaries(
        {}, optional={"args": CALL_VALUES, "kwargs": CALL_VALUES}
    ).filter(bool),
    "schedule": st.fixed_dictionaries(
        {key: st.just(value) for key, value in SCHEDULED.items()},
        optional={"account": JUNK, "region": JUNK, "id": JUNK},
    ),
    "warm-up": st.fixed_dictionaries({"slam": st.just("warm-up")}, optional={"extra": JUNK}),
    "junk": JUNK,
}


@pytest.mark.parametrize("interface", sorted(APPS))
@pytest.mark.parametrize("kind", sorted(OTHER_EVENTS))
def test_other_events_get_a_json_answer(deploy, interface, kind):
    """A web app answers calls with an error, schedules and pings with warm."""
    handler = deploy(APPS[interface])

    @PROPERTIES
    @given(OTHER_EVENTS[kind])
    def check(event):
        answer = handler.lambda_handler(event, Context())
        json.dumps(answer)
        assert type(answer) is dict, answer
        if kind in ("schedule", "warm-up"):
            assert answer.get("slam") == "warm" and type(answer["cold"]) is bool, answer
        elif kind == "direct" or source_of(event) is None:
            assert type(answer.get("error")) is str, answer
        else:
            assert_well_formed(source_of(event), answer)

    check()
