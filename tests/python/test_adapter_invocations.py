"""Adapter contract (docs/adapter.md): direct, scheduled and warm-up invocations,
malformed events, and stage environments in a warm process."""

from __future__ import annotations

import json
import sys

import pytest
from apps import ECHO_APP
from support import APP_MODULE, FUNCTION_ARN, KINDS, Context, http_event, rest_event

SCHEDULED_EVENT = {
    "version": "0",
    "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2015-10-08T16:53:06Z",
    "region": "us-east-1",
    "resources": ["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"],
    "detail": {},
}
# A WSGI app counting its requests; importing it counts nothing.
COUNTING_APP = """
    requests = []

    def app(environ, start_response):
        requests.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]
"""


def app_module():
    """Return the deployed app module, as the handler imported it."""
    return sys.modules[APP_MODULE]


def test_direct_invocation_passes_args_and_kwargs(deploy):
    handler = deploy(
        """
        def app(a, b):
            return {"a": a, "b": b}
        """
    )
    event = {"args": [1], "kwargs": {"b": 2}}
    assert handler.lambda_handler(event, Context()) == {"a": 1, "b": 2}


def test_direct_invocation_fills_event_and_context_parameters(deploy):
    handler = deploy(
        """
        def app(a, event, context, b=0):
            return {"a": a, "b": b, "event": event, "arn": context.invoked_function_arn}
        """
    )
    event = {"args": [1], "kwargs": {"b": 2}}
    assert handler.lambda_handler(event, Context("prod")) == {
        "a": 1,
        "b": 2,
        "event": event,
        "arn": f"{FUNCTION_ARN}:prod",
    }


def test_direct_invocation_does_not_override_given_event_argument(deploy):
    handler = deploy(
        """
        def app(event, context=None):
            return {"event": event, "context": context is not None}
        """
    )
    assert handler.lambda_handler({"kwargs": {"event": "mine"}}, Context()) == {
        "event": "mine",
        "context": True,
    }


def test_scheduled_event_calls_function_with_event_and_context(deploy):
    handler = deploy(
        """
        calls = []

        def app(event, context):
            calls.append(event)
            return {"ran": event["detail-type"], "arn": context.invoked_function_arn}
        """
    )
    result = handler.lambda_handler(SCHEDULED_EVENT, Context())
    assert result == {"ran": "Scheduled Event", "arn": FUNCTION_ARN}
    assert app_module().calls == [SCHEDULED_EVENT]


def test_scheduled_event_calls_function_without_parameters(deploy):
    handler = deploy(
        """
        calls = []

        def app():
            calls.append("tick")
            return "done"
        """
    )
    assert handler.lambda_handler(SCHEDULED_EVENT, Context()) == "done"
    assert app_module().calls == ["tick"]


def test_scheduled_event_loads_a_web_app_without_a_request(deploy):
    handler = deploy(COUNTING_APP)
    handler.lambda_handler(SCHEDULED_EVENT, Context())
    # Warmed up: imported, so that the next request finds it loaded.
    assert app_module().requests == []


@pytest.mark.parametrize("source", [COUNTING_APP, "calls = []\n\ndef app():\n    calls.append(1)\n"])
def test_warm_up_ping_answers_cold_then_warm_without_calling_the_app(deploy, source):
    handler = deploy(source)
    first = handler.lambda_handler({"slam": "warm-up"}, Context())
    second = handler.lambda_handler({"slam": "warm-up"}, Context())
    assert (first, second) == (
        {"slam": "warm", "cold": True},
        {"slam": "warm", "cold": False},
    )
    module = sys.modules.get(APP_MODULE)
    assert getattr(module, "requests", []) == [] and getattr(module, "calls", []) == []


def test_warm_up_ping_after_a_request_is_not_cold(deploy):
    handler = deploy(COUNTING_APP)
    handler.lambda_handler(http_event("v2", path="/x"), Context())
    assert handler.lambda_handler({"slam": "warm-up"}, Context()) == {
        "slam": "warm",
        "cold": False,
    }
    assert app_module().requests == ["/x"]


@pytest.mark.parametrize(
    "event",
    [[], [1, 2], "x", 7, None, {}, {"foo": 1}, {"slam": "other"}, {"source": "aws.events"}],
    ids=["empty-list", "list", "string", "int", "null", "empty", "foo", "slam-other", "source-only"],
)
def test_unknown_events_get_an_error_result(deploy, event):
    handler = deploy(ECHO_APP)
    result = handler.lambda_handler(event, Context())
    assert isinstance(result, dict) and list(result) == ["error"], result
    assert isinstance(result["error"], str) and result["error"]


def malformed(kind: str, change: str) -> dict:
    """Return an event of KIND broken by CHANGE."""
    event = http_event(kind, "POST", body=b"abc", base64=True)
    if change == "base64":
        event["body"] = "not base64!"
    elif kind == "rest" or kind == "alb-multi":
        event["multiValueHeaders"]["x-count"] = [5]
        if kind == "rest":
            event["headers"]["x-count"] = 5
    else:
        event["headers"]["x-count"] = 5
    return event


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("change", ["number-header", "base64"])
def test_malformed_http_events_get_a_json_400(deploy, kind, change):
    handler = deploy(ECHO_APP)
    response = handler.lambda_handler(malformed(kind, change), Context())
    assert response["statusCode"] == 400, response
    assert response["isBase64Encoded"] is False
    assert isinstance(json.loads(response["body"])["error"], str)


@pytest.mark.parametrize("kind", KINDS)
def test_app_that_cannot_load_gives_a_json_500(deploy, kind):
    handler = deploy("import missing_module_of_slam_tests\n")
    response = handler.lambda_handler(http_event(kind), Context())
    assert response["statusCode"] == 500, response
    assert isinstance(json.loads(response["body"])["error"], str)


STAGE_APP = """
    import json
    import os

    NAMES = ("STAGE", "SHARED", "DEV_ONLY", "PROD_ONLY", "OVERRIDE")

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({name: os.environ.get(name) for name in NAMES}).encode()]
"""


@pytest.mark.parametrize("kind", KINDS)
def test_stage_variables_do_not_leak_between_invocations(deploy, kind):
    handler = deploy(
        STAGE_APP,
        environment={"SHARED": "s", "OVERRIDE": "shared"},
        stages={"dev": {"DEV_ONLY": "d"}, "prod": {"PROD_ONLY": "p", "OVERRIDE": "prod"}},
    )
    answers = [
        json.loads(handler.lambda_handler(http_event(kind), Context(alias))["body"])
        for alias in ("prod", "dev", "prod")
    ]
    prod = {"STAGE": "prod", "SHARED": "s", "DEV_ONLY": None, "PROD_ONLY": "p", "OVERRIDE": "prod"}
    dev = {"STAGE": "dev", "SHARED": "s", "DEV_ONLY": "d", "PROD_ONLY": None, "OVERRIDE": "shared"}
    assert answers == [prod, dev, prod]


def test_async_function_is_run_to_its_end(deploy):
    """Found by the break test: the coroutine itself came back, unrun."""
    handler = deploy(
        """
        import asyncio

        async def app(n=1, event=None):
            await asyncio.sleep(0)
            return {"n": n, "event": sorted(event)}
        """
    )
    answer = handler.lambda_handler({"args": [], "kwargs": {"n": 2}}, Context())
    assert answer == {"n": 2, "event": ["args", "kwargs"]}


def test_sys_exit_while_importing_the_app_is_a_clean_error(deploy):
    """Found by the break test: SystemExit escaped the handler."""
    handler = deploy("import sys\nsys.exit(3)\n")
    response = handler.lambda_handler(rest_event(), Context())
    assert (response["statusCode"], json.loads(response["body"])) == (
        500,
        {"error": "the app could not be loaded"},
    )
    assert "SystemExit: 3" in handler.lambda_handler({"args": []}, Context())["error"]
