"""`slam serve` options and their errors: these fail before any worker."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from conftest import loopback_aws_env

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
