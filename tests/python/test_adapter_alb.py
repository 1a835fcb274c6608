"""Adapter contract (docs/adapter.md): the shape of ALB responses."""

from __future__ import annotations

import json

import pytest
from apps import ECHO_APP, FLASK_APP
from support import ALB_KINDS, Context, alb_event, response_headers

STATUS_APP = """
    def app(environ, start_response):
        status = environ["PATH_INFO"].strip("/").replace("-", " ")
        start_response(status, [("Content-Type", "text/plain")])
        return [b"body"] if not status.startswith("204") else []
"""


@pytest.mark.parametrize("kind", ALB_KINDS)
@pytest.mark.parametrize(
    "status", ["200 OK", "201 Created", "204 No Content", "404 Not Found", "503 Service Unavailable"]
)
def test_alb_response_has_integer_status_and_description(deploy, kind, status):
    handler = deploy(STATUS_APP)
    event = alb_event(path="/" + status.replace(" ", "-"), multi=kind == "alb-multi")
    response = handler.lambda_handler(event, Context())
    headers = "multiValueHeaders" if kind == "alb-multi" else "headers"
    assert set(response) == {"statusCode", "statusDescription", headers, "body", "isBase64Encoded"}
    assert (
        response["statusCode"],
        response["statusDescription"],
        response["isBase64Encoded"],
    ) == (int(status[:3]), status, False)


@pytest.mark.parametrize("kind", ALB_KINDS)
def test_alb_not_found_from_flask(deploy, kind):
    handler = deploy(FLASK_APP)
    response = handler.lambda_handler(alb_event(path="/missing", multi=kind == "alb-multi"), Context())
    # The app's own status line, as a server would send it (Werkzeug's
    # reason phrases are upper case).
    assert (response["statusCode"], response["statusDescription"]) == (404, "404 NOT FOUND")
    assert response["isBase64Encoded"] is False
    assert ("Content-Type", "text/html; charset=utf-8") in response_headers(kind, response)


@pytest.mark.parametrize("kind", ALB_KINDS)
def test_alb_json_response_is_whole(deploy, kind):
    handler = deploy(
        """
        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "application/json"), ("X-One", "1")])
            return [b'{"ok": true}']
        """
    )
    response = handler.lambda_handler(alb_event(multi=kind == "alb-multi"), Context())
    expected = {
        "statusCode": 200,
        "statusDescription": "200 OK",
        "body": '{"ok": true}',
        "isBase64Encoded": False,
    }
    if kind == "alb-multi":
        expected["multiValueHeaders"] = {"Content-Type": ["application/json"], "X-One": ["1"]}
    else:
        expected["headers"] = {"Content-Type": "application/json", "X-One": "1"}
    assert response == expected


@pytest.mark.parametrize("kind", ALB_KINDS)
def test_alb_request_with_body_reaches_app(deploy, kind):
    handler = deploy(ECHO_APP)
    event = alb_event("POST", body='{"a": 1}', multi=kind == "alb-multi", headers=[("Content-Type", "application/json")])
    environ = json.loads(handler.lambda_handler(event, Context())["body"])
    assert (environ["REQUEST_METHOD"], environ["CONTENT_TYPE"], environ["CONTENT_LENGTH"]) == (
        "POST",
        "application/json",
        "8",
    )
