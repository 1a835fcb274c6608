"""The plain function example: packaged, called directly, deployed without an API."""

import json
import subprocess
import zipfile

from conftest import runtime_files

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


def test_function_package_answers_direct_invocations(function_slam, tmp_path):
    function_slam("build")
    archive = function_slam.cwd / ".slam" / f"{NAME}.zip"
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


def test_function_deploys_without_api(function_slam, boto):
    function_slam("deploy")
    template = json.loads(function_slam("template").stdout)
    types = {r["Type"] for r in template["Resources"].values()}
    assert not any(t.startswith("AWS::ApiGateway::") for t in types)
    status = json.loads(function_slam("status", "--json").stdout)
    assert status["deployed"] is True
    assert [(s["name"], s["version"], s["url"]) for s in status["stages"]] == [
        ("dev", "$LATEST", ""), ("prod", "$LATEST", "")]
    function_slam("delete")
    assert json.loads(function_slam("status", "--json").stdout) == {
        "name": NAME, "deployed": False}
