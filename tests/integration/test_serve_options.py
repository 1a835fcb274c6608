"""`slam serve` options and their errors: these fail before any worker."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, loopback_aws_env
from serve_driver import Served

SERVE_APP = Path(__file__).resolve().parent / "serve_app"


@pytest.fixture
def serve_project(tmp_path):
    return Path(shutil.copytree(SERVE_APP, tmp_path / "app"))


@pytest.fixture
def serve_env(moto_url, tmp_path):
    return loopback_aws_env(moto_url, tmp_path)


def test_bad_options_exit_2(slam_bin, serve_env, serve_project):
    for args, message in [
        (["--port", "70000"], "--port"),
        (["--workers", "0"], "--workers"),
        (["--stage", "nope"], "unknown stage 'nope'"),
        (["--host", ""], "host"),
    ]:
        result = subprocess.run([str(slam_bin), "serve", *args], cwd=serve_project,
                                env=serve_env, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)


def test_port_in_use_exits_1(slam_bin, serve_env, serve_project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([str(slam_bin), "serve", "--port", str(port)],
                                cwd=serve_project, env=serve_env, capture_output=True,
                                text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"slam: error: cannot listen on 127.0.0.1:{port}: the address is in use "
        "(choose another port with --port)")


def test_a_port_that_is_no_number_says_so(slam_bin, serve_env, serve_project):
    result = subprocess.run([str(slam_bin), "serve", "--port", "abc"],
                            cwd=serve_project, env=serve_env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "the port 'abc' is not a number" in result.stderr, result.stderr


def test_a_python_that_is_no_python_fails_before_the_build(slam_bin, serve_env,
                                                           serve_project):
    result = subprocess.run([str(slam_bin), "serve", "--port", "0",
                             "--python", "/bin/false"],
                            cwd=serve_project, env=serve_env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().endswith(
        "slam: error: '/bin/false' (--python) is not a Python 3 interpreter: "
        "it does not run or answer as one"), result.stderr
    assert not (serve_project / ".slam" / "local").exists()


def test_a_plain_function_is_served_with_a_warning(slam_bin, serve_env, tmp_path):
    project = Path(shutil.copytree(REPO / "examples/function", tmp_path / "function"))
    served = Served(slam_bin, project, serve_env, "--workers", "1")
    try:
        assert served.line.startswith("Serving slam-function-example stage dev")
        served.wait_for(lambda: "'slam invoke --local'" in served.stderr(),
                        timeout=10)
        assert ("slam: warning: 'interface: function' is a plain function, with no "
                "HTTP front") in served.stderr()
    finally:
        assert served.stop() == 0, served.stderr()
