"""`slam serve` against clients that misbehave: idle and slow connections,
bad request framing, pipelining, aborted requests.

Each test is bounded: sockets have timeouts and are closed at the end.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
from conftest import loopback_aws_env
from serve_driver import Served
from test_serve import HERE, copy_project


@pytest.fixture(scope="module")
def served(slam_bin, moto_url, tmp_path_factory):
    env = loopback_aws_env(moto_url, tmp_path_factory.mktemp("env"))
    project = copy_project(HERE / "serve_app", tmp_path_factory.mktemp("serve") / "app")
    server = Served(slam_bin, project, env, "--workers", "1")
    yield server
    assert server.stop() == 0, server.stderr()


def connect(served: Served, stack: ExitStack) -> socket.socket:
    sock = stack.enter_context(socket.create_connection(("127.0.0.1", served.port),
                                                        timeout=10))
    return sock


def read_until_closed(sock: socket.socket, timeout: float = 5) -> bytes:
    """Return what the server sends until it closes or TIMEOUT passes."""
    sock.settimeout(timeout)
    received = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            data = sock.recv(65536)
            if not data:
                break
            received += data
    except (socket.timeout, ConnectionResetError):
        pass
    return received


def exchange(served: Served, data: bytes, timeout: float = 5) -> bytes:
    with ExitStack() as stack:
        sock = connect(served, stack)
        sock.sendall(data)
        return read_until_closed(sock, timeout)


def test_idle_and_slow_connections_do_not_stall_the_server(served):
    # Each of these held a thread of a pool of 32 for 5 s or more.
    with ExitStack() as stack:
        for _ in range(64):
            connect(served, stack)
        for _ in range(64):
            connect(served, stack).sendall(b"GET /dev/echo HT")
        start = time.monotonic()
        reply = served.request("GET", "/dev/echo", timeout=10)
        elapsed = time.monotonic() - start
    assert reply.status == 200
    assert elapsed < 2, elapsed


def test_the_listen_backlog_is_the_systems(served):
    # cpp-httplib's backlog of 5 dropped connections opened at once.
    listing = subprocess.run(["ss", "-ltnH", f"sport = :{served.port}"],
                             capture_output=True, text=True, timeout=10).stdout
    backlog = int(listing.split()[2])
    assert backlog >= 128, listing


@pytest.mark.parametrize("fields, status", [
    (b"Content-Length: -1\r\n", b"400"),
    (b"Content-Length: 3\r\nContent-Length: 4\r\n", b"400"),
    (b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", b"400"),
], ids=["negative-length", "conflicting-lengths", "encoding-and-length"])
def test_bad_framing_is_refused_at_once(served, fields, status):
    start = time.monotonic()
    reply = exchange(served, b"POST /dev/echo HTTP/1.1\r\nHost: x\r\n" + fields +
                     b"\r\nabc")
    assert reply.startswith(b"HTTP/1.1 " + status + b" "), reply
    assert time.monotonic() - start < 2


def test_pipelined_requests_are_answered_in_order(served):
    reply = exchange(served,
                     b"POST /dev/echo?n=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                     b"\r\naGET /dev/echo?n=2 HTTP/1.1\r\nHost: x\r\n"
                     b"Connection: close\r\n\r\n")
    answers = re.findall(rb'"n":\["(\d)"\]', reply)
    assert answers == [b"1", b"2"], reply


def test_a_malformed_result_names_its_fault_in_the_log(served):
    reply = served.request("POST", "/dev/malformed", b"x")
    assert reply.status == 502
    line = served.wait_for(lambda: next(
        (line for line in served.stderr().splitlines()
         if "answered 502 by the gateway" in line), None), timeout=10)
    assert line.endswith(
        "answered 502 by the gateway: Malformed Lambda proxy response: "
        "statusCode is not an integer from 100 to 599"), line


def test_aborted_requests_are_logged_with_their_address(served):
    # Half a request line, then gone: nothing to log.
    exchange(served, b"GET /dev/aborted-head", timeout=0.2)
    # Half a body, then gone: the request is logged as nginx does (499).
    with ExitStack() as stack:
        sock = connect(served, stack)
        sock.sendall(b"POST /dev/aborted-body HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Length: 100\r\n\r\nabc")
        time.sleep(0.3)
    served.request("GET", "/dev/echo?after-abort=1")
    line = served.wait_for(lambda: next(
        (line for line in served.stderr().splitlines() if "aborted-body" in line),
        None), timeout=10)
    assert line.startswith('127.0.0.1 "POST /dev/aborted-body" 499 0 B '), line
    duration = float(line.split()[-2])
    assert 200 < duration < 5000, line
    served.wait_for(lambda: "after-abort=1" in served.stderr(), timeout=10)
    access_lines = [line for line in served.stderr().splitlines()
                    if re.search(r'" \d{3} \d+ B ', line)]
    assert all(line.startswith("127.0.0.1 ") for line in access_lines), access_lines
    assert "aborted-head" not in served.stderr()
