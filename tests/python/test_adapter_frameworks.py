"""Adapter contract (docs/adapter.md) through real frameworks.

Each app in frameworks/ answers the same routes with what the framework read;
every framework gets every event kind, on its default host with a stage where
the kind has one (REST Prod, HTTP API dev), so that generated URLs and
redirects must keep the stage.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support import (
    ALB_HOST,
    API_HOST,
    KINDS,
    PAYLOAD_2,
    URL_HOST,
    Context,
    header_values,
    http_event,
    response_body,
)
from test_adapter_bodies import FORM, FORM_TYPE, MULTIPART, MULTIPART_TYPE, PNG

FRAMEWORKS = ("flask", "django", "fastapi", "starlette", "falcon", "bottle", "pyramid")
SCRIPT_AND_HOST = {
    "rest": ("/Prod", API_HOST),
    "v2": ("/dev", API_HOST),
    "url": ("", URL_HOST),
    "alb": ("", ALB_HOST),
    "alb-multi": ("", ALB_HOST),
}


def reset_django() -> None:
    """Forget Django's settings and URL caches: each test configures anew."""
    from django.conf import settings
    from django.urls import clear_url_caches, set_urlconf
    from django.utils.functional import empty

    settings._wrapped = empty
    clear_url_caches()
    set_urlconf(None)


@pytest.fixture(params=FRAMEWORKS)
def framework(request, deploy, monkeypatch):
    """Return the handler serving one framework's app."""
    pytest.importorskip(request.param)
    monkeypatch.syspath_prepend(str(Path(__file__).parent / "frameworks"))
    if request.param == "django":
        reset_django()
        request.addfinalizer(reset_django)
    return deploy(None, module=f"slam_fw_{request.param}")


def staged(kind: str, method: str, path: str, **options) -> dict:
    """Return a request of KIND on its default host, with a stage if it has one."""
    script = SCRIPT_AND_HOST[kind][0]
    event = http_event(kind, method, script + path if kind == "v2" else path, **options)
    if kind in ("rest", "v2"):
        event["requestContext"]["stage"] = script[1:]
        event["stageVariables"] = {"STAGE": script[1:]}
    return event


def answer(handler, event) -> dict:
    """Return the JSON an app answered EVENT with."""
    response = handler.lambda_handler(event, Context())
    assert response["statusCode"] == 200, response
    assert response["isBase64Encoded"] is False
    return json.loads(response_body(response))


@pytest.mark.parametrize("kind", KINDS)
def test_page_sees_path_script_query_cookie_scheme_and_client(framework, kind):
    script, host = SCRIPT_AND_HOST[kind]
    event = staged(
        kind,
        "GET",
        "/v1/standards/caf%C3%A9",
        query=[("tag", "a"), ("tag", "b,c")],
        cookies=["a=1", "z=9"],
        headers=[("X-Forwarded-For", "198.51.100.9, 203.0.113.7")],
        source_ip="203.0.113.7",
    )
    assert answer(framework, event) == {
        "name": "café",
        "path": "/v1/standards/café",
        "script": script,
        "url": f"https://{host}{script}/v1/standards/x",
        "tags": ["b,c"] if kind == "alb" else ["a", "b,c"],
        "cookie": "1",
        "scheme": "https",
        "remote": "203.0.113.7",
    }


@pytest.mark.parametrize("kind", KINDS)
def test_redirect_keeps_stage_and_scheme(framework, kind):
    script, host = SCRIPT_AND_HOST[kind]
    response = framework.lambda_handler(staged(kind, "GET", "/v1/go"), Context())
    assert response["statusCode"] in (302, 303, 307), response
    [location] = header_values(kind, response, "Location")
    parts = urlsplit(location)
    assert parts.path == f"{script}/v1/standards/x"
    assert (parts.scheme, parts.netloc) in (("", ""), ("https", host))


@pytest.mark.parametrize("kind", KINDS)
def test_base64_form_post_reaches_the_form_parser(framework, kind):
    event = staged(
        kind, "POST", "/v1/form", headers=[("Content-Type", FORM_TYPE)], body=FORM, base64=True
    )
    assert answer(framework, event) == {"name": "John Smith", "tags": ["a&b", "é"]}


@pytest.mark.parametrize("kind", KINDS)
def test_base64_multipart_upload_reaches_the_file_parser(framework, kind):
    event = staged(
        kind,
        "POST",
        "/v1/upload",
        headers=[("Content-Type", MULTIPART_TYPE)],
        body=MULTIPART,
        base64=True,
    )
    assert answer(framework, event) == {
        "title": "holiday é",
        "filename": "pixel.png",
        "file": base64.b64encode(PNG).decode(),
    }


@pytest.mark.parametrize("kind", KINDS)
def test_two_cookies_set_reach_the_client_once_each(framework, kind):
    response = framework.lambda_handler(staged(kind, "GET", "/v1/cookies"), Context())
    assert (response["statusCode"], response_body(response)) == (200, b"ok")
    cookies = header_values(kind, response, "Set-Cookie")
    assert sorted(cookie.strip().split(";")[0] for cookie in cookies) == ["a=1", "b=2"]
    if kind in PAYLOAD_2:
        assert len(response["cookies"]) == 2
