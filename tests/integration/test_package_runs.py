"""The built package serves real requests in a Python that sees only it."""

import base64
import copy
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import SHARED, runtime_files

DRIVER = Path(__file__).with_name("package_driver.py")


def _sample_event():
    path = SHARED / "testdata/events/apigw-request.json"
    if not path.exists():
        pytest.skip(f"sample events not found at {path}")
    return json.loads(path.read_text())


def _event(sample, method, path, headers=None, body=None, base64_body=False):
    event = copy.deepcopy(sample)
    event["httpMethod"] = method
    event["path"] = path
    event["requestContext"]["httpMethod"] = method
    event["requestContext"]["stage"] = "dev"
    event["pathParameters"] = {"proxy": path.lstrip("/")}
    event["queryStringParameters"] = None
    event["multiValueQueryStringParameters"] = None
    for name, value in (headers or {}).items():
        event["headers"][name] = value
        event["multiValueHeaders"][name] = [value]
    event["body"] = body
    event["isBase64Encoded"] = base64_body
    return event


@pytest.fixture
def package_dir(slam, project, tmp_path):
    result = slam("build")
    archive = project / ".slam" / "slam-flask-example.zip"
    assert archive.exists(), result.stderr
    target = tmp_path / "package"
    with zipfile.ZipFile(archive) as package:
        package.extractall(target)
    return target


def _serve(package_dir, tmp_path, events):
    requests_file = tmp_path / "requests.json"
    requests_file.write_text(json.dumps(events))
    result = subprocess.run(
        ["/usr/bin/python3", "-I", "-S", str(DRIVER), str(package_dir),
         str(requests_file)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_package_serves_requests_in_isolation(package_dir, tmp_path):
    sample = _sample_event()
    form = "name=%3Cb%3EAnn%3C%2Fb%3E"
    events = [
        _event(sample, "GET", "/api/items"),
        _event(sample, "POST", "/api/items",
               {"Content-Type": "application/json"}, '{"name": "pen"}'),
        _event(sample, "GET", "/api/items/1"),
        _event(sample, "GET", "/api/items/99"),
        _event(sample, "POST", "/greet",
               {"Content-Type": "application/x-www-form-urlencoded"},
               base64.b64encode(form.encode()).decode(), base64_body=True),
        _event(sample, "GET", "/visit", {"Cookie": "visits=4"}),
        _event(sample, "GET", "/logo.png"),
        _event(sample, "GET", "/home"),
    ]
    report = _serve(package_dir, tmp_path, events)
    assert report["flask_file"].startswith(str(package_dir))
    assert report["site_loaded"] is False
    empty, created, found, missing, greeting, visit, logo, home = report["responses"]

    assert (empty["statusCode"], json.loads(empty["body"])) == (200, [])
    assert empty["isBase64Encoded"] is False
    assert empty["headers"]["Content-Type"] == "application/json"

    assert created["statusCode"] == 201
    assert json.loads(created["body"]) == {"id": 1, "name": "pen"}
    assert created["headers"]["Location"].endswith("/dev/api/items/1")

    assert (found["statusCode"], json.loads(found["body"])) == (
        200, {"id": 1, "name": "pen"})
    assert (missing["statusCode"], json.loads(missing["body"])) == (
        404, {"error": "no item 99"})

    assert greeting["statusCode"] == 200
    assert "<p>Hello, &lt;b&gt;Ann&lt;/b&gt;!</p>" in greeting["body"]
    assert greeting["headers"]["Content-Type"] == "text/html; charset=utf-8"

    assert visit["statusCode"] == 200
    assert json.loads(visit["body"]) == {"visits": 5, "theme": None}
    cookies = visit["multiValueHeaders"]["Set-Cookie"]
    assert cookies == [
        "visits=5; HttpOnly; Path=/; SameSite=Lax",
        "theme=light; Path=/; SameSite=Lax",
    ]

    assert logo["statusCode"] == 200
    assert logo["isBase64Encoded"] is True
    assert logo["headers"]["Content-Type"] == "image/png"
    assert base64.b64decode(logo["body"]).startswith(b"\x89PNG\r\n\x1a\n")

    assert home["statusCode"] == 302
    assert home["headers"]["Location"] in ("/dev/", "https://gy415nuibc.execute-api.us-east-1.amazonaws.com/dev/")


def _v2_event(sample, method, raw_path, stage=None, cookies=None):
    event = copy.deepcopy(sample)
    event["rawPath"] = raw_path
    event["rawQueryString"] = ""
    event["requestContext"]["http"].update(method=method, path=raw_path)
    event["cookies"] = cookies or []
    event["body"] = None
    if stage is not None:  # an HTTP API stage rather than a function URL
        event["requestContext"]["stage"] = stage
        event["headers"]["host"] = "abc123.execute-api.us-east-1.amazonaws.com"
    return event


def test_package_serves_http_api_and_function_url_requests(package_dir, tmp_path):
    path = SHARED / "testdata/events/lambda-urls-request.json"
    if not path.exists():
        pytest.skip(f"sample events not found at {path}")
    sample = json.loads(path.read_text())
    events = [
        _v2_event(sample, "GET", "/dev/api/items", stage="dev"),
        _v2_event(sample, "GET", "/dev/visit", stage="dev", cookies=["visits=4"]),
        _v2_event(sample, "GET", "/dev/logo.png", stage="dev"),
        _v2_event(sample, "GET", "/dev/home", stage="dev"),
        _v2_event(sample, "GET", "/home"),
    ]
    items, visit, logo, staged_home, url_home = _serve(
        package_dir, tmp_path, events)["responses"]

    assert (items["statusCode"], json.loads(items["body"])) == (200, [])
    assert (visit["statusCode"], json.loads(visit["body"])) == (
        200, {"visits": 5, "theme": None})
    assert visit["cookies"] == [
        "visits=5; HttpOnly; Path=/; SameSite=Lax",
        "theme=light; Path=/; SameSite=Lax",
    ]
    assert "Set-Cookie" not in visit["headers"]
    assert (logo["isBase64Encoded"], logo["headers"]["Content-Type"]) == (
        True, "image/png")
    assert base64.b64decode(logo["body"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert (staged_home["statusCode"], staged_home["headers"]["Location"]) == (
        302, "/dev/")
    assert (url_home["statusCode"], url_home["headers"]["Location"]) == (302, "/")


def test_package_is_reproducible_and_valid(slam, project):
    slam("build")
    archive = project / ".slam" / "slam-flask-example.zip"
    first = archive.read_bytes()
    shutil.rmtree(project / ".slam")  # a clean build, caches and all
    second_run = slam("build")
    assert archive.read_bytes() == first, second_run.stderr
    subprocess.run(["unzip", "-tq", str(archive)], check=True, capture_output=True)
    with zipfile.ZipFile(archive) as package:
        assert package.testzip() is None
        names = package.namelist()
        # Dependencies first, Slam's runtime next, the project last (what
        # changes most is where a rebuild rewrites the zip), each by name.
        runtime = [n for n in names
                   if n == "slam_handler.py" or n.startswith("slam_adapter/")]
        first, last = names.index(runtime[0]), names.index(runtime[-1])
        assert names[first:last + 1] == sorted(runtime)
        assert names[:first] == sorted(names[:first])
        assert names[last + 1:] == sorted(names[last + 1:])
        assert "flask/__init__.py" in names[:first]
        assert {"app.py", "slam_config.json"} <= set(names[last + 1:])
        assert "slam_handler.py" in names and "slam_config.json" in names
        assert "slam_adapter/__init__.py" in names
        for name, content in runtime_files().items():
            assert package.read(name) == content, name
        assert "app.py" in names and "flask/__init__.py" in names
        assert not any(n.startswith(("pip/", "setuptools/", "moto/")) for n in names)
        # Bytecode only where importlib looks for it, for the runtime's
        # Python (3.12, which this machine lacks: then none at all), and
        # never the project's own __pycache__.
        for name in names:
            if "__pycache__" in name or name.endswith(".pyc"):
                folder, _, file = name.rpartition("__pycache__/")
                stem, _, tag = file.rpartition(".cpython-")
                assert tag == "312.pyc" and folder + stem + ".py" in names, name
        for info in package.infolist():
            mode = (info.external_attr >> 16) & 0o777
            assert mode in (0o644, 0o755), (info.filename, oct(mode))
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
        config = json.loads(package.read("slam_config.json"))
        assert config["module"] == "app" and config["app"] == "app"
        assert config["stages"] == {"dev": {"EXAMPLE_DEBUG": "1"},
                                    "prod": {"EXAMPLE_DEBUG": "0"}}
        assert config["http"] == {"base_path": "", "text_types": [],
                                  "binary_types": []}
