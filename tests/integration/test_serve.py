"""`slam serve` end to end: the real binary, workers and HTTP client.

Each server builds and runs its project's package as `slam deploy` would
upload it, behind the emulated API Gateway REST API of the devstage.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import shutil
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import REPO, loopback_aws_env
from serve_driver import Served

HERE = Path(__file__).resolve().parent
REST_ERROR = {"message": "Internal server error"}


@pytest.fixture(scope="module")
def serve_env(moto_url, tmp_path_factory):
    """Environment for slam: fake credentials, AWS only on loopback moto."""
    return loopback_aws_env(moto_url, tmp_path_factory.mktemp("env"))


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    return target


@pytest.fixture(scope="module")
def flask_example(slam_bin, serve_env, tmp_path_factory):
    project = copy_project(REPO / "examples/flask_app",
                           tmp_path_factory.mktemp("serve") / "flask_app")
    served = Served(slam_bin, project, serve_env, "--workers", "2")
    yield served
    assert served.stop() == 0, served.stderr()


@pytest.fixture(scope="module")
def probe(slam_bin, serve_env, tmp_path_factory):
    project = copy_project(HERE / "serve_app", tmp_path_factory.mktemp("serve") / "app")
    served = Served(slam_bin, project, serve_env, "--workers", "2")
    yield served
    assert served.stop() == 0, served.stderr()


def framework_project(root: Path, module: str) -> Path:
    """A project of the framework app MODULE, without requirements: its
    workers run Debian's python3, which has Django and FastAPI (Debian
    installs them without the RECORD files a package build reads)."""
    project = root / module
    project.mkdir()
    shutil.copy(REPO / "tests/python/frameworks" / f"{module}.py", project)
    (project / "slam.yaml").write_text(
        f'name: "{module.replace("_", "-")}"\n'
        f'function:\n  module: "{module}"\n  app: "app"\n'
        'devstage: "dev"\n'
        'aws:\n  lambda_runtime: "python3.12"\n'
        'wsgi:\n  deploy_api_gateway: true\n'
    )
    return project


@pytest.fixture(scope="module", params=["slam_fw_django", "slam_fw_fastapi"],
                ids=["django", "fastapi"])
def framework(request, slam_bin, serve_env, tmp_path_factory):
    project = framework_project(tmp_path_factory.mktemp("serve"), request.param)
    served = Served(slam_bin, project, serve_env, "--workers", "1",
                    "--python", "/usr/bin/python3")
    yield served
    assert served.stop() == 0, served.stderr()


# The Flask example.

def test_serve_prints_the_stage_url(flask_example):
    assert flask_example.line == (
        f"Serving slam-flask-example stage dev on "
        f"http://127.0.0.1:{flask_example.port}/dev/"
    )


def test_json_api_creates_and_reads_items(flask_example):
    created = flask_example.request(
        "POST", "/dev/api/items", json.dumps({"name": " tea "}),
        {"Content-Type": "application/json"},
    )
    assert created.status == 201
    item = json.loads(created.body)
    assert item["name"] == "tea"
    assert created.header("Location").endswith(f"/dev/api/items/{item['id']}")
    assert created.header("Content-Type") == "application/json"
    missing = flask_example.request("GET", "/dev/api/items/999999")
    assert (missing.status, json.loads(missing.body)) == (404, {"error": "no item 999999"})
    invalid = flask_example.request("POST", "/dev/api/items", "[]",
                                    {"Content-Type": "application/json"})
    assert invalid.status == 400


def test_kept_alive_connection_answers_without_nagle_delay(flask_example):
    # Without TCP_NODELAY each small response waited for the client's
    # delayed ACK: about 40 ms a request on one kept-alive connection.
    connection = http.client.HTTPConnection("127.0.0.1", flask_example.port,
                                            timeout=30)
    try:
        durations = []
        for _ in range(20):
            start = time.perf_counter()
            connection.request("GET", "/dev/api/items/999999")
            response = connection.getresponse()
            response.read()
            assert response.status == 404
            durations.append(time.perf_counter() - start)
    finally:
        connection.close()
    durations.sort()
    assert durations[len(durations) // 2] < 0.030, durations


def test_form_post_is_read_by_flask(flask_example):
    reply = flask_example.request(
        "POST", "/dev/greet", "name=Ada+Lovelace",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert reply.status == 200
    assert "Hello, Ada Lovelace!" in reply.text()
    assert 'href="/dev/"' in reply.text()


def test_form_post_over_8_kib_is_read_by_flask(flask_example):
    # cpp-httplib refused url-encoded bodies over 8 KiB with a 413.
    name = "A" * 20000
    reply = flask_example.request(
        "POST", "/dev/greet", f"name={name}",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert reply.status == 200
    assert f"Hello, {name}!" in reply.text()


def test_pages_link_with_the_stage_prefix(flask_example):
    page = flask_example.request("GET", "/dev/")
    assert page.status == 200
    assert 'action="/dev/greet"' in page.text()
    assert 'src="/dev/logo.png"' in page.text()


def test_cookies_are_set_and_read(flask_example):
    first = flask_example.request("GET", "/dev/visit")
    cookies = first.all("Set-Cookie")
    assert len(cookies) == 2
    assert any(cookie.startswith("visits=1;") for cookie in cookies)
    again = flask_example.request("GET", "/dev/visit",
                                  headers={"Cookie": "visits=1; theme=dark"})
    assert json.loads(again.body) == {"visits": 2, "theme": "dark"}


def test_redirect_keeps_the_stage_prefix(flask_example):
    reply = flask_example.request("GET", "/dev/home")
    assert reply.status == 302
    location = reply.header("Location")
    assert location in ("/dev/", f"http://127.0.0.1:{flask_example.port}/dev/")


def test_redirect_keeps_the_stage_under_any_host_name(flask_example):
    """A machine name, /etc/hosts alias or compose service as Host is
    still the API's own endpoint, not a custom domain without stages."""
    reply = flask_example.request("GET", "/dev/home",
                                  headers={"Host": "myhost:8000"})
    assert reply.status == 302
    assert reply.header("Location") in ("/dev/", "http://myhost:8000/dev/")


def test_binary_download_is_byte_exact(flask_example):
    reply = flask_example.request("GET", "/dev/logo.png")
    assert reply.status == 200
    assert reply.header("Content-Type") == "image/png"
    assert reply.body == (REPO / "examples/flask_app/static/logo.png").read_bytes()


def test_unknown_app_route_is_the_apps_404(flask_example):
    reply = flask_example.request("GET", "/dev/no/such/page")
    assert reply.status == 404
    assert "Not Found" in reply.text()


def test_path_outside_the_stage_is_api_gateways_403(flask_example):
    for path in ("/", "/prod/", "/devx/api/items"):
        reply = flask_example.request("GET", path)
        assert reply.status == 403, path
        assert json.loads(reply.body) == {"message": "Missing Authentication Token"}


# The probe app: query strings, uploads and failures.

def test_query_string_repeats_and_encodings_reach_the_app(probe):
    reply = probe.request("GET", "/dev/echo?tag=a&tag=b%20c&plus=1+2&amp=%26&empty=")
    seen = json.loads(reply.body)
    assert seen["args"] == {"tag": ["a", "b c"], "plus": ["1 2"], "amp": ["&"],
                            "empty": [""]}
    assert (seen["script_root"], seen["path"]) == ("/dev", "/echo")
    assert seen["remote_addr"] == "127.0.0.1"


def test_every_method_reaches_the_app(probe):
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        reply = probe.request(method, "/dev/echo", body="x" if method != "GET" else None)
        assert json.loads(reply.body)["method"] == method
    assert probe.request("HEAD", "/dev/echo").body == b""


def test_binary_upload_is_byte_exact(probe):
    data = bytes(range(256)) * 4000
    reply = probe.request("POST", "/dev/upload", data,
                          {"Content-Type": "application/octet-stream"})
    assert json.loads(reply.body) == {"size": len(data),
                                      "sha256": hashlib.sha256(data).hexdigest()}


def test_stage_environment_reaches_the_app(probe):
    assert json.loads(probe.request("GET", "/dev/env").body) == {
        "stage": "dev", "note": "dev-env"}


def test_slow_handler_gets_504_and_its_worker_is_replaced(probe):
    start = time.monotonic()
    reply = probe.request("GET", "/dev/sleep?seconds=8")
    elapsed = time.monotonic() - start
    assert reply.status == 504
    assert json.loads(reply.body) == {"message": "Endpoint request timed out"}
    assert elapsed < 6  # the function timeout is 2 s
    for _ in range(4):
        assert probe.request("GET", "/dev/echo").status == 200


def test_crashing_worker_gets_502_then_the_next_request_works(probe):
    reply = probe.request("GET", "/dev/crash")
    assert reply.status == 502
    assert json.loads(reply.body) == REST_ERROR
    for _ in range(4):
        assert probe.request("GET", "/dev/echo").status == 200


def test_malformed_result_gets_502(probe):
    reply = probe.request("POST", "/dev/malformed", b"x")
    assert reply.status == 502
    assert json.loads(reply.body) == REST_ERROR
    assert probe.request("GET", "/dev/echo").status == 200


def test_requests_run_concurrently_up_to_the_worker_count(slam_bin, serve_env, tmp_path):
    project = copy_project(HERE / "serve_app", tmp_path / "app")
    served = Served(slam_bin, project, serve_env, "--workers", "3")
    try:
        # Warm every worker first, so that the timing is the sleeps'. A
        # cold worker loads the app in its first invocation, which on a
        # busy machine can pass the app's 2 s timeout: warm until all
        # three answered.
        with ThreadPoolExecutor(3) as pool:
            for _ in range(5):
                warm = list(pool.map(
                    lambda _: served.request("GET", "/dev/sleep?seconds=0.3"), range(3)))
                if all(reply.status == 200 for reply in warm):
                    break
            start = time.monotonic()
            replies = list(pool.map(
                lambda _: served.request("GET", "/dev/sleep?seconds=1"), range(3)))
            elapsed = time.monotonic() - start
        assert [reply.status for reply in replies] == [200, 200, 200]
        assert len({json.loads(reply.body)["pid"] for reply in replies}) == 3
        assert elapsed < 1.9
    finally:
        assert served.stop() == 0, served.stderr()


def test_another_stage_is_served_under_its_prefix(slam_bin, serve_env, tmp_path):
    project = copy_project(HERE / "serve_app", tmp_path / "app")
    served = Served(slam_bin, project, serve_env, "--stage", "prod", "--workers", "1")
    try:
        assert served.base == "/prod/"
        assert json.loads(served.request("GET", "/prod/env").body) == {
            "stage": "prod", "note": "prod-env"}
        assert served.request("GET", "/dev/env").status == 403
    finally:
        assert served.stop() == 0, served.stderr()


def test_sigterm_stops_the_server_cleanly(slam_bin, serve_env, tmp_path):
    project = copy_project(HERE / "serve_app", tmp_path / "app")
    served = Served(slam_bin, project, serve_env, "--workers", "1")
    assert served.request("GET", "/dev/echo").status == 200
    assert served.stop(signal.SIGTERM) == 0
    assert "stopped" in served.stderr()


def test_access_log_names_each_request(probe):
    probe.request("GET", "/dev/echo?logged=1")
    line = probe.wait_for(lambda: next(
        (line for line in probe.stderr().splitlines() if "/dev/echo?logged=1" in line),
        None))
    assert line.startswith('127.0.0.1 "GET /dev/echo?logged=1" 200 ')
    assert line.endswith(" ms")


def test_reload_serves_the_changed_app(slam_bin, serve_env, tmp_path):
    project = copy_project(HERE / "serve_app", tmp_path / "app")
    served = Served(slam_bin, project, serve_env, "--workers", "1", "--reload")
    try:
        assert served.request("GET", "/dev/version").text() == "1"
        app = project / "app.py"
        app.write_text(app.read_text().replace('VERSION = "1"', 'VERSION = "2"'))
        served.wait_for(lambda: served.request("GET", "/dev/version").text() == "2")
        # A reload that fails keeps the previous version serving.
        (project / "slam.yaml").write_text("name: [unclosed\n")
        served.wait_for(lambda: "the reload failed" in served.stderr())
        assert served.request("GET", "/dev/version").text() == "2"
    finally:
        assert served.stop() == 0, served.stderr()


# Django and FastAPI.

def test_framework_reads_path_query_and_cookies(framework):
    reply = framework.request("GET", "/dev/v1/standards/abc?tag=x&tag=y%20z",
                              headers={"Cookie": "a=1"})
    seen = json.loads(reply.body)
    assert reply.status == 200
    assert (seen["name"], seen["tags"], seen["cookie"]) == ("abc", ["x", "y z"], "1")
    assert seen["script"] == "/dev"
    assert seen["url"] == f"http://127.0.0.1:{framework.port}/dev/v1/standards/x"
    assert seen["remote"] == "127.0.0.1"


def test_framework_redirect_keeps_the_stage(framework):
    reply = framework.request("GET", "/dev/v1/go")
    assert reply.status == 302
    assert reply.header("Location") == (
        f"http://127.0.0.1:{framework.port}/dev/v1/standards/x")


def test_framework_reads_forms_and_uploads(framework):
    form = framework.request("POST", "/dev/v1/form", "name=Ada&tag=a&tag=b",
                             {"Content-Type": "application/x-www-form-urlencoded"})
    assert json.loads(form.body) == {"name": "Ada", "tags": ["a", "b"]}
    data = bytes(range(256))
    boundary = "slamboundary"
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
        f"report\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
        f"filename=\"r.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    upload = framework.request(
        "POST", "/dev/v1/upload", body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    seen = json.loads(upload.body)
    assert (seen["title"], seen["filename"]) == ("report", "r.bin")
    assert base64.b64decode(seen["file"]) == data


def test_framework_sets_two_cookies(framework):
    reply = framework.request("GET", "/dev/v1/cookies")
    assert sorted(cookie.split(";")[0] for cookie in reply.all("Set-Cookie")) == [
        "a=1", "b=2"]


def test_framework_unknown_route_is_404(framework):
    assert framework.request("GET", "/dev/v1/nothing").status == 404


def _children(pid: int) -> list[int]:
    """Return the pids of PID's child processes, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Return whether PID exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_busy_worker_ends_when_slam_is_killed(slam_bin, serve_env, tmp_path):
    """SIGKILL gives slam no chance to stop its workers: a worker in the
    middle of a long invocation must notice and end by itself."""
    project = copy_project(HERE / "serve_app", tmp_path / "app")
    served = Served(slam_bin, project, serve_env, "--workers", "1")
    assert served.request("GET", "/dev/echo").status == 200
    workers = _children(served.process.pid)
    assert workers, "no worker process found"
    pending = ThreadPoolExecutor(1).submit(
        served.request, "GET", "/dev/sleep?seconds=30", None, None, 40)
    time.sleep(1)  # the worker is now inside its 30 s sleep
    served.process.kill()
    served.process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)
    try:
        pending.result(timeout=10)
    except OSError:
        pass  # the connection died with slam, as it should
