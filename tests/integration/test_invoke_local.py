"""`slam invoke --local`: the packaged function answered by a local worker.

No AWS at all: no endpoint is configured and every proxy variable points
at a loopback socket that must see no connection.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time

import pytest

from conftest import REPO, Slam

FUNCTION = "slam-function-example"
TARGET = f"'{FUNCTION}' (stage 'dev')"


@pytest.fixture
def trap():
    """A listening loopback socket that no one should connect to."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    try:
        connection, _ = sock.accept()
    except BlockingIOError:
        pass
    else:
        connection.close()
        pytest.fail("slam invoke --local tried to reach the network")
    finally:
        sock.close()


@pytest.fixture
def local_env(tmp_path, trap):
    """slam's environment with no AWS endpoint and every proxy trapped."""
    proxy = "http://127.0.0.1:%d" % trap.getsockname()[1]
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("AWS_") and "proxy" not in key.lower()}
    env.update(
        HOME=str(tmp_path / "home"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-credentials"),
        AWS_CONFIG_FILE=str(tmp_path / "no-config"),
        AWS_EC2_METADATA_DISABLED="true",
        http_proxy=proxy, https_proxy=proxy, HTTPS_PROXY=proxy,
        ALL_PROXY=proxy, all_proxy=proxy,
        SLAM_HOST_ONLY="must not reach the function",
    )
    return env


def _copy_example(tmp_path, name):
    target = tmp_path / name
    shutil.copytree(REPO / "examples" / name, target,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    return target


@pytest.fixture
def function(tmp_path, slam_bin, local_env):
    return Slam(slam_bin, _copy_example(tmp_path, "function"), local_env)


def _write_handler(project, source, timeout=None):
    """Make PROJECT's function fizzbuzz.fizzbuzz do SOURCE's function."""
    (project.cwd / "fizzbuzz.py").write_text(source)
    if timeout is not None:
        config = project.cwd / "slam.yaml"
        config.write_text(config.read_text().replace(
            "aws:\n", f"aws:\n  lambda_timeout: {timeout}\n", 1))


def _lambda_log(stderr):
    """Return the START/END/REPORT lines of STDERR without their prefix."""
    return re.findall(r"^\[[0-9a-f]{8}\] ((?:START|END|REPORT) .*)$",
                      stderr, re.M)


def test_answers_like_the_remote_invoke(function):
    result = function("invoke", "--local", "n:=5", "fizz=F")
    assert json.loads(result.stdout) == ["1", "2", "F", "4", "Buzz"]
    assert result.stdout == json.dumps(
        ["1", "2", "F", "4", "Buzz"], indent=2) + "\n"
    start, end, report = _lambda_log(result.stderr)
    request_id = re.fullmatch(
        r"START RequestId: (\S+) Version: \$LATEST", start).group(1)
    assert end == f"END RequestId: {request_id}"
    assert re.fullmatch(
        rf"REPORT RequestId: {request_id} Duration: \d+\.\d\d ms "
        r"Billed Duration: \d+ ms Memory Size: 128 MB "
        r"Max Memory Used: [1-9]\d* MB Init Duration: \d+\.\d\d ms",
        report), report


def test_json_prints_the_raw_payload(function):
    result = function("invoke", "--local", "--json", "n:=3")
    assert result.stdout == '["1", "2", "Fizz"]\n'


def test_function_error_prints_the_traceback(function):
    result = function("invoke", "--local", "n:=0", check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    assert ("ValueError: n must be an integer from 1 to 10000, got 0"
            in result.stderr)
    assert 'in fizzbuzz\n' in result.stderr
    assert result.stderr.rstrip().endswith(
        f"slam: error: {TARGET} failed (Unhandled function error)")


def test_quiet_keeps_the_lambda_log_out(function):
    result = function("-q", "invoke", "--local", "n:=2")
    assert json.loads(result.stdout) == ["1", "2"]
    assert _lambda_log(result.stderr) == []


def test_timeout_kills_the_worker(function):
    _write_handler(function, "import time\n"
                   "def fizzbuzz():\n    time.sleep(30)\n", timeout=1)
    started = time.monotonic()
    result = function("invoke", "--local", check=False, timeout=20)
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    assert re.search(r"RequestId: \S+ Error: Task timed out after 1\.00 "
                     r"seconds", result.stderr)
    assert re.search(r"REPORT .* Status: timeout", result.stderr)


def test_worker_exit_is_a_runtime_exit_error(function):
    _write_handler(function, "import os\n"
                   "def fizzbuzz():\n    print('bye')\n    os._exit(7)\n")
    result = function("invoke", "--local", check=False)
    assert result.returncode == 1
    assert re.search(r"\] bye$", result.stderr, re.M)
    assert "Runtime.ExitError: RequestId: " in result.stderr
    assert "Error: Runtime exited with error: exit status 7" in result.stderr


def test_import_failure_is_answered_as_in_lambda(function):
    # slam_handler itself loads, so Lambda's init succeeds: the adapter
    # answers the failed import of the app, and logs it (the bootstrap's
    # own init errors are in tests/unit/worker_pool_test.cpp).
    (function.cwd / "helper.py").write_text("import not_installed_anywhere\n")
    _write_handler(function, "import helper\ndef fizzbuzz():\n    pass\n")
    result = function("invoke", "--local", "--json")
    message = ("cannot load 'fizzbuzz:fizzbuzz': ModuleNotFoundError: No "
               "module named 'not_installed_anywhere'")
    assert json.loads(result.stdout) == {"error": message}
    assert re.search(r"^\[[0-9a-f]{8}\] slam: " + re.escape(message),
                     result.stderr, re.M), result.stderr


def test_handler_sees_lambda_and_stage_variables(function):
    config = function.cwd / "slam.yaml"
    config.write_text(config.read_text().replace(
        "stage_environments:\n  dev:\n  prod:\n",
        "environment:\n  SHARED: all\n  COLOR: plain\n"
        "stage_environments:\n  dev:\n  prod:\n    COLOR: red\n"))
    names = ["SHARED", "COLOR", "STAGE", "AWS_LAMBDA_FUNCTION_NAME",
             "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
             "AWS_REGION", "_HANDLER", "TZ", "SLAM_HOST_ONLY"]
    _write_handler(function, "import os\n"
                   "def fizzbuzz(context):\n"
                   f"    names = {names!r}\n"
                   "    seen = {n: os.environ.get(n) for n in names}\n"
                   "    seen['cwd'] = os.getcwd() == os.environ['LAMBDA_TASK_ROOT']\n"
                   "    seen['arn'] = context.invoked_function_arn\n"
                   "    seen['memory'] = context.memory_limit_in_mb\n"
                   "    return seen\n")
    result = function("invoke", "--local", "--stage", "prod", "--json")
    assert json.loads(result.stdout) == {
        "SHARED": "all", "COLOR": "red", "STAGE": "prod",
        "AWS_LAMBDA_FUNCTION_NAME": FUNCTION,
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
        "AWS_REGION": "us-east-1", "_HANDLER": "slam_handler.lambda_handler",
        "TZ": ":UTC", "SLAM_HOST_ONLY": None, "cwd": True,
        "arn": f"arn:aws:lambda:us-east-1:123456789012:function:{FUNCTION}:prod",
        "memory": "128",
    }


def test_flask_app_loads_in_the_worker(tmp_path, slam_bin, local_env):
    # The example packages Flask from the python3 on PATH (which must have
    # been installed by pip, with its RECORD files).
    flask = Slam(slam_bin, _copy_example(tmp_path, "flask_app"), local_env)
    result = flask("invoke", "--local", "--json")
    # The app was imported (Flask from the package): a direct call is
    # answered by the adapter, which says how to reach a web app.
    assert json.loads(result.stdout) == {
        "error": "'app:app' is a web app (wsgi): send it HTTP requests, or "
                 "set interface: function to call it with args and kwargs"}


def _fake_python(folder, name, marker):
    """Write an interpreter NAME that notes each run in MARKER, then runs
    Debian's python3."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\necho \"$@\" >> {marker}\n"
                    "exec /usr/bin/python3 \"$@\"\n")
    path.chmod(0o755)
    return path


def test_runs_the_runtimes_python_when_there(function, tmp_path):
    marker = tmp_path / "ran"
    _fake_python(tmp_path / "bin", "python3.11", marker)
    function.env["PATH"] = f"{tmp_path / 'bin'}:/usr/bin:/bin"
    config = function.cwd / "slam.yaml"
    config.write_text(config.read_text().replace("python3.12", "python3.11"))
    result = function("invoke", "--local", "n:=1")
    assert json.loads(result.stdout) == ["1"]
    assert "slam_bootstrap.py" in marker.read_text()
    assert "warning" not in result.stderr


def test_falls_back_to_python3_with_a_warning(function, tmp_path):
    function.env["PATH"] = "/usr/bin:/bin"  # no python3.12 there
    result = function("invoke", "--local", "n:=1")
    assert json.loads(result.stdout) == ["1"]
    assert ("slam: warning: no Python 3.12 for the runtime 'python3.12' here"
            in result.stderr)


def test_python_option_wins(function, tmp_path):
    marker = tmp_path / "ran"
    python = _fake_python(tmp_path / "bin", "my-python", marker)
    result = function("invoke", "--local", "--python", str(python), "n:=1")
    assert json.loads(result.stdout) == ["1"]
    assert "slam_bootstrap.py" in marker.read_text()
    missing = function("invoke", "--local", "--python", "/no/python",
                       check=False)
    assert missing.returncode == 1
    assert "python interpreter '/no/python' not found" in missing.stderr


def test_python_needs_local(function):
    result = function("invoke", "--python", "python3", check=False)
    assert result.returncode == 2


def test_unknown_stage_is_a_usage_error(function):
    result = function("invoke", "--local", "--stage", "nope", check=False)
    assert result.returncode == 2


def test_interrupt_leaves_no_worker_behind(function, tmp_path):
    pid_file = tmp_path / "worker.pid"
    _write_handler(function, "import os, time\n"
                   "def fizzbuzz():\n"
                   f"    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
                   "    time.sleep(30)\n", timeout=60)
    slam = subprocess.Popen([str(function.binary), "invoke", "--local"],
                            cwd=function.cwd, env=function.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline, "the handler never ran"
            time.sleep(0.05)
        worker = int(pid_file.read_text())
        slam.send_signal(signal.SIGINT)
        assert slam.wait(timeout=10) == 130
    finally:
        if slam.poll() is None:
            slam.kill()
            slam.wait()
    assert b"slam: error: interrupted" in slam.stderr.read()
    deadline = time.monotonic() + 5
    while _running(worker):
        assert time.monotonic() < deadline, f"worker {worker} still runs"
        time.sleep(0.05)


def _running(pid):
    """Return whether PID runs (a zombie waiting for its reaper does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
