"""The plain function example: packaged, called directly, deployed without an API."""

import json
import shutil
import subprocess
import zipfile

import pytest

from conftest import REPO, Slam, runtime_files

NAME = "slam-function-example"

CALLER = """
import json, sys
sys.path.insert(0, sys.argv[1])
import slam_handler

class Context:
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:%s:prod"
    aws_request_id = "req-1"
    function_name = "%s"
    def get_remaining_time_in_millis(self):
        return 3000

print(json.dumps(slam_handler.lambda_handler(json.loads(sys.argv[2]), Context())))
""" % (NAME, NAME)


@pytest.fixture
def function_project(tmp_path, slam_bin, aws_env):
    target = tmp_path / "function"
    shutil.copytree(REPO / "examples/function", target,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    return Slam(slam_bin, target, aws_env)


def test_function_package_answers_direct_invocations(function_project, tmp_path):
    function_project("build")
    archive = function_project.cwd / ".slam" / f"{NAME}.zip"
    package_dir = tmp_path / "package"
    with zipfile.ZipFile(archive) as package:
        assert sorted(package.namelist()) == sorted(
            ["fizzbuzz.py", "slam_config.json", *runtime_files()])
        package.extractall(package_dir)

    def call(event):
        result = subprocess.run(
            ["/usr/bin/python3", "-I", "-S", "-c", CALLER, str(package_dir),
             json.dumps(event)],
            capture_output=True, text=True, timeout=60)
        return result

    ok = call({"args": [5], "kwargs": {"fizz": "F"}})
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == ["1", "2", "F", "4", "Buzz"]
    bad = call({"args": [0]})
    assert bad.returncode == 1
    assert "ValueError: n must be an integer from 1 to 10000, got 0" in bad.stderr


def test_function_deploys_without_api(function_project, boto):
    function_project("deploy")
    template = json.loads(function_project("template").stdout)
    types = {r["Type"] for r in template["Resources"].values()}
    assert not any(t.startswith("AWS::ApiGateway::") for t in types)
    status = json.loads(function_project("status", "--json").stdout)
    assert status["deployed"] is True
    assert [(s["name"], s["version"], s["url"]) for s in status["stages"]] == [
        ("dev", "$LATEST", ""), ("prod", "$LATEST", "")]
    function_project("delete")
    assert json.loads(function_project("status", "--json").stdout) == {
        "name": NAME, "deployed": False}
