"""Adapter contract (docs/adapter.md): QUERY_STRING per event kind."""

from __future__ import annotations

import json

import pytest
from apps import ECHO_APP, FLASK_APP, echoed, query_of
from support import ALB_KINDS, KINDS, PAYLOAD_2, Context, alb_event, http_event, rest_event, sent_query

START_TIME = [("start_time", "2020-10-12T14:00:00+02:00")]
RESERVED = [
    ("q", "a&b"),
    ("q", "x=y"),
    ("q", "100%"),
    ("q", "%2B"),
    ("q", "%3D"),
    ("q", "a+b c"),
    ("a&b=c", "é"),
]


@pytest.mark.parametrize("kind", KINDS)
def test_plus_of_a_time_zone_reaches_the_app(deploy, kind):
    handler = deploy(ECHO_APP)
    environ = echoed(handler.lambda_handler(http_event(kind, query=START_TIME), Context()))
    assert query_of(environ) == START_TIME


@pytest.mark.parametrize("kind", KINDS)
def test_plus_of_a_time_zone_reaches_flask(deploy, kind):
    handler = deploy(FLASK_APP)
    response = handler.lambda_handler(http_event(kind, query=START_TIME), Context())
    assert json.loads(response["body"])["args"] == {
        "start_time": ["2020-10-12T14:00:00+02:00"]
    }


@pytest.mark.parametrize("kind", KINDS)
def test_reserved_characters_in_values_reach_the_app_as_sent(deploy, kind):
    handler = deploy(ECHO_APP)
    environ = echoed(handler.lambda_handler(http_event(kind, query=RESERVED), Context()))
    assert query_of(environ) == sent_query(kind, RESERVED)


def test_rest_multi_value_parameters_win_over_single_value(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event()
    event["queryStringParameters"] = {"fields": "b"}
    event["multiValueQueryStringParameters"] = {"fields": ["a", "b"]}
    environ = echoed(handler.lambda_handler(event, Context()))
    assert environ["QUERY_STRING"] == "fields=a&fields=b"


def test_rest_single_value_parameters_without_multi_value(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event()
    event["queryStringParameters"] = {"fields": "b"}
    event.pop("multiValueQueryStringParameters")
    environ = echoed(handler.lambda_handler(event, Context()))
    assert environ["QUERY_STRING"] == "fields=b"


@pytest.mark.parametrize("parameters", [None, {}])
def test_rest_without_parameters_has_empty_query_string(deploy, parameters):
    handler = deploy(ECHO_APP)
    event = rest_event()
    event["queryStringParameters"] = parameters
    event["multiValueQueryStringParameters"] = parameters
    assert echoed(handler.lambda_handler(event, Context()))["QUERY_STRING"] == ""


def test_rest_empty_value_keeps_its_equals_sign(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event(query={"flag": [""]})
    assert echoed(handler.lambda_handler(event, Context()))["QUERY_STRING"] == "flag="


@pytest.mark.parametrize("kind", ALB_KINDS)
@pytest.mark.parametrize(
    ("sent", "query_string", "read"),
    [
        (("phone", "%2B4412345678"), "phone=%2B4412345678", ("phone", "+4412345678")),
        (("name", "John+Smith"), "name=John+Smith", ("name", "John Smith")),
        (("flag", ""), "flag=", ("flag", "")),
        (("caf%C3%A9", "%C3%A9"), "caf%C3%A9=%C3%A9", ("café", "é")),
    ],
)
def test_alb_values_are_joined_undecoded(deploy, kind, sent, query_string, read):
    handler = deploy(ECHO_APP)
    event = alb_event(query=[sent], multi=kind == "alb-multi")
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["QUERY_STRING"], query_of(environ)) == (query_string, [read])


def test_alb_multi_value_parameters_keep_every_value(deploy):
    handler = deploy(ECHO_APP)
    event = alb_event(query=[("fields", "a"), ("fields", "b")], multi=True)
    environ = echoed(handler.lambda_handler(event, Context()))
    assert environ["QUERY_STRING"] == "fields=a&fields=b"


@pytest.mark.parametrize("kind", ALB_KINDS)
@pytest.mark.parametrize("parameters", [None, {}])
def test_alb_without_parameters_has_empty_query_string(deploy, kind, parameters):
    handler = deploy(ECHO_APP)
    event = alb_event(multi=kind == "alb-multi")
    key = "multiValueQueryStringParameters" if kind == "alb-multi" else "queryStringParameters"
    event[key] = parameters
    assert echoed(handler.lambda_handler(event, Context()))["QUERY_STRING"] == ""


@pytest.mark.parametrize("kind", PAYLOAD_2)
@pytest.mark.parametrize(
    ("raw", "lossy", "read"),
    [
        ("id=18&id=19&id=20", {"id": "18,19,20"}, [("id", "18"), ("id", "19"), ("id", "20")]),
        ("tag=a%2Cb", {"tag": "a,b"}, [("tag", "a,b")]),
        ("flag=", {"flag": ""}, [("flag", "")]),
    ],
)
def test_payload_2_raw_query_string_is_used_as_is(deploy, kind, raw, lossy, read):
    handler = deploy(ECHO_APP)
    event = http_event(kind)
    event["rawQueryString"] = raw
    event["queryStringParameters"] = lossy
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["QUERY_STRING"], query_of(environ)) == (raw, read)


@pytest.mark.parametrize("kind", PAYLOAD_2)
def test_payload_2_repeated_keys_reach_flask_as_a_list(deploy, kind):
    handler = deploy(FLASK_APP)
    event = http_event(kind)
    event["rawQueryString"] = "id=18&id=19&id=20&tag=a%2Cb"
    event["queryStringParameters"] = {"id": "18,19,20", "tag": "a,b"}
    args = json.loads(handler.lambda_handler(event, Context())["body"])["args"]
    assert args == {"id": ["18", "19", "20"], "tag": ["a,b"]}
