"""Adapter contract (docs/adapter.md): PATH_INFO and SCRIPT_NAME per event kind."""

from __future__ import annotations

import json

import pytest
from apps import ECHO_APP, FLASK_APP, echoed
from support import (
    API_HOST,
    CUSTOM_HOST,
    KINDS,
    PAYLOAD_2,
    Context,
    http_event,
    rest_event,
    v2_event,
)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("path", "path_info"),
    [
        ("/short-url/my%20test%20url", "/short-url/my test url"),
        ("/api/path%2Finfo", "/api/path/info"),
        ("/%C3%A9", "/\xc3\xa9"),
    ],
)
def test_path_info_is_percent_decoded_utf8_read_as_latin1(
    deploy, kind, path, path_info
):
    handler = deploy(ECHO_APP)
    environ = echoed(handler.lambda_handler(http_event(kind, path=path), Context()))
    assert environ["PATH_INFO"] == path_info


@pytest.mark.parametrize("kind", KINDS)
def test_flask_sees_non_ascii_path_as_unicode(deploy, kind):
    handler = deploy(FLASK_APP)
    response = handler.lambda_handler(http_event(kind, path="/files/%C3%A9"), Context())
    assert json.loads(response["body"]) == {"name": "é"}


@pytest.mark.parametrize("kind", PAYLOAD_2)
def test_payload_2_raw_path_keeps_trailing_slash(deploy, kind):
    handler = deploy(ECHO_APP)
    event = http_event(kind, path="/admin/")
    event["requestContext"]["http"]["path"] = "/admin"
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("", "/admin/")


def test_rest_stage_is_script_name_on_execute_api_host(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event(path="/v1/standards", stage="Prod")
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("/Prod", "/v1/standards")


def test_rest_stage_is_not_script_name_on_custom_domain(deploy):
    handler = deploy(ECHO_APP)
    event = rest_event(path="/v1/standards", stage="Prod", host=CUSTOM_HOST)
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("", "/v1/standards")


def test_http_api_stage_prefix_of_raw_path_is_script_name(deploy):
    handler = deploy(ECHO_APP)
    event = v2_event(raw_path="/dev/collection", stage="dev")
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("/dev", "/collection")


def test_http_api_stage_on_custom_domain_is_not_script_name(deploy):
    handler = deploy(ECHO_APP)
    # A custom domain maps the stage away: the path holds no stage segment.
    event = v2_event(raw_path="/collection", stage="dev", host=CUSTOM_HOST)
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("", "/collection")


@pytest.mark.parametrize("kind", KINDS)
def test_configured_base_path_is_script_name_on_custom_domain(deploy, kind):
    handler = deploy(ECHO_APP, http={"base_path": "users"})
    event = http_event(kind, path="/users/list", host=CUSTOM_HOST)
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("/users", "/list")


def test_rest_stage_prefix_is_kept_by_flask_urls_and_redirects(deploy):
    handler = deploy(FLASK_APP)
    page = handler.lambda_handler(rest_event(path="/", stage="Prod"), Context())
    redirect = handler.lambda_handler(rest_event(path="/go", stage="Prod"), Context())
    assert json.loads(page["body"]) == {
        "script_root": "/Prod",
        "path": "/",
        "url": "/Prod/target",
        "external_url": f"https://{API_HOST}/Prod/target",
        "remote_addr": "203.0.113.7",
        "args": {},
    }
    assert (redirect["statusCode"], redirect["headers"]["Location"]) == (
        302,
        "/Prod/target",
    )


def test_rest_on_custom_domain_flask_urls_have_no_stage(deploy):
    handler = deploy(FLASK_APP)
    event = rest_event(path="/", stage="Prod", host=CUSTOM_HOST)
    page = json.loads(handler.lambda_handler(event, Context())["body"])
    assert (page["script_root"], page["url"], page["external_url"]) == (
        "",
        "/target",
        f"https://{CUSTOM_HOST}/target",
    )


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "api.localhost"]
)
def test_rest_stage_is_script_name_on_slam_serves_loopback_host(deploy, host):
    # slam serve plays the execute-api host on a loopback address.
    handler = deploy(ECHO_APP)
    event = rest_event(path="/v1/standards", stage="dev", host=host)
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("/dev", "/v1/standards")


def test_http_api_stage_is_script_name_on_a_loopback_host(deploy):
    handler = deploy(ECHO_APP)
    event = v2_event(raw_path="/dev/collection", stage="dev", host="127.0.0.1:8000")
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("/dev", "/collection")
    assert (environ["SERVER_NAME"], environ["SERVER_PORT"]) == ("127.0.0.1", "8000")


def test_domain_name_decides_over_the_host_header(deploy):
    """`slam serve` may be called under any Host (a machine name, a compose
    service); its events name the API's own endpoint, so the stage stays."""
    handler = deploy(ECHO_APP)
    event = rest_event(path="/v1/standards", stage="Prod", host="myhost:8000")
    event["requestContext"]["domainName"] = API_HOST
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("/Prod", "/v1/standards")
    assert environ["SERVER_NAME"] == "myhost"
    v2 = v2_event(raw_path="/dev/collection", stage="dev", host="myhost")
    v2["requestContext"]["domainName"] = API_HOST
    environ = echoed(handler.lambda_handler(v2, Context()))
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("/dev", "/collection")
