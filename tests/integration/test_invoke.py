"""invoke: what is sent (a scripted Lambda endpoint) and what moto answers."""

import base64
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import Slam
from fake_lambda import Answer, FakeLambda

NAME = "slam-function-example"
TARGET = f"'{NAME}' (stage 'dev')"
RUNTIME = Path(__file__).with_name("lambda_runtime.py")


def _with_lambda_at(slam, fake):
    """The same slam, its Lambda calls sent to FAKE (CloudFormation stays)."""
    return Slam(slam.binary, slam.cwd,
                {**slam.env, "AWS_ENDPOINT_URL_LAMBDA": fake.url})


def _last_line(result):
    return result.stderr.splitlines()[-1]


# --- against moto: it does not run code -----------------------------------

def test_moto_function_error_is_reported_and_fails(function_slam):
    slam = function_slam
    slam("deploy")

    result = slam("invoke", "n:=5", "fizz=F", check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    # moto's error text is not a Lambda error object: shown as it came.
    assert result.stderr.startswith("error running docker: ")
    assert _last_line(result) == (
        f"slam: error: {TARGET} failed (Handled function error)")

    raw = slam("invoke", "--json", check=False)
    assert raw.returncode == 1
    assert raw.stdout.startswith("error running docker: ")


def test_moto_dry_run_and_nowait_succeed(function_slam):
    slam = function_slam
    slam("deploy")

    dry = slam("invoke", "--dry-run", "n:=3")
    assert dry.stdout == f"dry run: invoking {TARGET} would be allowed\n"
    queued = slam("invoke", "--nowait", "--stage", "prod")
    assert queued.stdout == f"invocation of '{NAME}' (stage 'prod') queued\n"


def test_invoke_of_what_is_not_deployed(function_slam):
    result = function_slam("invoke", check=False)
    assert result.returncode == 1
    assert _last_line(result).startswith(
        f"slam: error: stage 'dev' of '{NAME}' is not deployed (")
    assert _last_line(result).endswith("); run 'slam deploy --stage dev' first")


def test_argument_errors_exit_2(function_slam):
    cases = [
        (("invoke", "n"),
         "argument 'n' must be name=value or name:=json, with a Python "
         "identifier as the name"),
        (("invoke", "n:=[1,"),
         "argument 'n:=[1,' is not valid JSON after ':=': parse error at line "
         "1, column 4: syntax error while parsing value - unexpected end of "
         "input; expected '[', '{', or a literal"),
        (("invoke", "n=1", "n:=1"), "argument 'n:=1' repeats the name 'n'"),
        (("invoke", "--stage", "qa"),
         "unknown stage 'qa'; the stages in slam.yaml are: dev, prod"),
    ]
    for args, message in cases:
        result = function_slam(*args, check=False)
        assert result.returncode == 2, (args, result.stderr)
        assert _last_line(result) == "slam: error: " + message
    both = function_slam("invoke", "--nowait", "--dry-run", check=False)
    assert both.returncode == 2


# --- against a scripted Lambda endpoint -----------------------------------

def test_invoke_sends_kwargs_to_the_stage_alias(function_slam):
    log = "START RequestId: 1\nhello from fizzbuzz\nEND RequestId: 1\n"
    answer = Answer(200, b'["1","2","F"]', {
        "X-Amz-Executed-Version": "4",
        "X-Amz-Log-Result": base64.b64encode(log.encode()).decode(),
    })
    with FakeLambda(lambda seen: answer) as fake:
        slam = _with_lambda_at(function_slam, fake)
        result = slam("invoke", "n:=3", "fizz=F", 'opts:={"a": [1, null]}',
                      "--stage", "prod")
        raw = slam("invoke", "--json")
        verbose = slam("-v", "invoke")

    assert result.stdout == '[\n  "1",\n  "2",\n  "F"\n]\n'
    assert raw.stdout == '["1","2","F"]\n'
    assert f"log tail of {TARGET}:\n{log}" in verbose.stderr
    assert "hello from fizzbuzz" not in result.stderr
    first, second = fake.requests[0], fake.requests[1]
    assert first.path == f"/2015-03-31/functions/{NAME}/invocations"
    assert first.query == {"Qualifier": ["prod"]}
    assert first.headers["x-amz-invocation-type"] == "RequestResponse"
    assert first.headers["x-amz-log-type"] == "Tail"
    assert first.headers["content-type"] == "application/json"
    assert first.headers["authorization"].startswith(
        "AWS4-HMAC-SHA256 Credential=testing/")
    assert "/us-east-1/lambda/aws4_request" in first.headers["authorization"]
    assert first.json() == {
        "kwargs": {"n": 3, "fizz": "F", "opts": {"a": [1, None]}}}
    assert second.query == {"Qualifier": ["dev"]}
    assert second.json() == {"kwargs": {}}


def test_invoke_prints_the_traceback_of_a_function_error(function_slam):
    error = {
        "errorMessage": "n must be an integer from 1 to 10000, got 0",
        "errorType": "ValueError",
        "requestId": "7b1f6b3e",
        "stackTrace": [
            '  File "/var/task/slam_handler.py", line 319, in _call_function\n'
            "    return app.call(*args, **kwargs)\n",
            '  File "/var/task/fizzbuzz.py", line 15, in fizzbuzz\n'
            '    raise ValueError(f"n must be ...")\n',
        ],
    }
    answer = Answer(200, json.dumps(error).encode(),
                    {"X-Amz-Function-Error": "Unhandled"})
    with FakeLambda(lambda seen: answer) as fake:
        slam = _with_lambda_at(function_slam, fake)
        result = slam("invoke", "n:=0", check=False)
        raw = slam("invoke", "n:=0", "--json", check=False)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Traceback (most recent call last):\n"
        '  File "/var/task/slam_handler.py", line 319, in _call_function\n'
        "    return app.call(*args, **kwargs)\n"
        '  File "/var/task/fizzbuzz.py", line 15, in fizzbuzz\n'
        '    raise ValueError(f"n must be ...")\n'
        "ValueError: n must be an integer from 1 to 10000, got 0\n"
        f"slam: error: {TARGET} failed (Unhandled function error)\n")
    assert raw.returncode == 1
    assert json.loads(raw.stdout) == error


def test_nowait_and_dry_run_send_their_invocation_type(function_slam):
    def answer(seen):
        kind = seen.headers["x-amz-invocation-type"]
        return Answer(202 if kind == "Event" else 204)

    with FakeLambda(answer) as fake:
        slam = _with_lambda_at(function_slam, fake)
        queued = slam("invoke", "--nowait", "x=1")
        dry = slam("invoke", "--dry-run", "--stage", "prod")

    assert queued.stdout == f"invocation of {TARGET} queued\n"
    assert dry.stdout == (
        f"dry run: invoking '{NAME}' (stage 'prod') would be allowed\n")
    event, dry_run = fake.requests
    assert event.headers["x-amz-invocation-type"] == "Event"
    assert event.headers["x-amz-log-type"] == "None"
    assert event.json() == {"kwargs": {"x": "1"}}
    assert dry_run.headers["x-amz-invocation-type"] == "DryRun"
    assert dry_run.query == {"Qualifier": ["prod"]}


def test_stage_with_dashes_is_the_qualifier(function_slam):
    config = (function_slam.cwd / "slam.yaml").read_text()
    (function_slam.cwd / "slam.yaml").write_text(
        config.replace("  prod:\n", "  prod_eu-1:\n"))
    with FakeLambda(lambda seen: Answer(200, b"null")) as fake:
        result = _with_lambda_at(function_slam, fake)(
            "invoke", "--stage", "prod_eu-1")
    assert result.stdout == "null\n"
    assert fake.requests[0].query == {"Qualifier": ["prod_eu-1"]}


# --- a scripted endpoint that runs the package like Lambda ----------------

def _package_runner(package_dir):
    """Answer each Invoke by running the package's handler on its payload."""

    def answer(seen):
        qualifier = seen.query["Qualifier"][0]
        name = seen.path.split("/")[3]
        arn = f"arn:aws:lambda:us-east-1:123456789012:function:{name}:{qualifier}"
        run = subprocess.run(
            ["/usr/bin/python3", "-I", "-S", str(RUNTIME), str(package_dir), arn],
            input=seen.body, capture_output=True, timeout=60)
        outcome = json.loads(run.stdout)
        headers = {"X-Amz-Log-Result": base64.b64encode(run.stderr[-4096:]).decode()}
        if "error" in outcome:
            headers["X-Amz-Function-Error"] = "Unhandled"
            return Answer(200, json.dumps(outcome["error"]).encode(), headers)
        return Answer(200, json.dumps(outcome["result"]).encode(), headers)

    return answer


def _built_package(slam, name, tmp_path):
    slam("build")
    target = tmp_path / "package"
    with zipfile.ZipFile(slam.cwd / ".slam" / f"{name}.zip") as package:
        package.extractall(target)
    return target


def test_function_runs_with_the_kwargs_and_its_traceback(function_slam, tmp_path):
    package = _built_package(function_slam, NAME, tmp_path)
    with FakeLambda(_package_runner(package)) as fake:
        slam = _with_lambda_at(function_slam, fake)
        ok = slam("invoke", "n:=5", "fizz=F")
        bad = slam("invoke", "n:=0", check=False)

    assert ok.stdout == '[\n  "1",\n  "2",\n  "F",\n  "4",\n  "Buzz"\n]\n'
    assert bad.returncode == 1
    lines = bad.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    # The first frame is the adapter the package carries (slam_handler.py
    # only imports it).
    assert lines[1].startswith(f'  File "{package}/slam_adapter/'), lines[1]
    assert any(line.endswith("fizzbuzz.py\", line 15, in fizzbuzz")
               for line in lines)
    assert lines[-2] == (
        "ValueError: n must be an integer from 1 to 10000, got 0")
    assert lines[-1] == f"slam: error: {TARGET} failed (Unhandled function error)"


def test_web_app_answers_a_direct_invocation_as_a_plain_call(slam, tmp_path):
    package = _built_package(slam, "slam-flask-example", tmp_path)
    with FakeLambda(_package_runner(package)) as fake:
        result = _with_lambda_at(slam, fake)("invoke", "x=1")

    assert json.loads(result.stdout) == {
        "error": "'app:app' is a web app (wsgi): send it HTTP requests, or set "
        "interface: function to call it with args and kwargs"}
    assert fake.requests[0].json() == {"kwargs": {"x": "1"}}
