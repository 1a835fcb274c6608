"""Throughput and latency of `slam serve` against gunicorn on the same app.

Serves the Flask example two ways with the same number of worker
processes: `slam serve` (the built package behind the emulated API Gateway
and Lambda runtime API) and gunicorn with sync workers (Debian's
python3-gunicorn) running the app directly. Both run the very same code:
the same interpreter (Debian's python3, which has gunicorn) and the
package slam built and extracted, so gunicorn imports the Flask the
package ships (Flask 3 is about twice as slow per request as Debian's
Flask 2.2: with different copies the bench measured Flask, not slam). wrk loads each in turn, round
after round, with as many connections as there are workers (a sync worker
answers one request at a time, and so does a Lambda worker). Prints each
round, the best requests per second of each with its p50/p99 latency, and
the throughput ratio.

Usage: /usr/bin/python3 bench/serve_throughput.py [--workers N]
       [--rounds N] [--seconds S] [--path /api/items] [--slam PATH]
(exits 1 if slam serve reaches less than 0.7x gunicorn's throughput)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_RATIO = 0.7
# slam serve never needs AWS; should it try, it meets nothing.
SAFE_ENV = {
    "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen) -> None:
    """Wait until URL answers 200, or fail if PROCESS exits or 60 s pass."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server exited at start ({process.args[0]})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{url} did not answer within 60 s")


class Server:
    """A server process started in its own process group, ended by PID."""

    def __init__(self, argv: list, cwd: Path, url: str):
        self.url = url
        self.process = subprocess.Popen(
            argv, cwd=cwd, env={**os.environ, **SAFE_ENV},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        wait_until_answering(url, self.process)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()


# Debian's python3: gunicorn comes from apt (python3-gunicorn).
PYTHON = "/usr/bin/python3"


def start_slam(slam: Path, project: Path, workers: int, path: str) -> Server:
    port = free_port()
    return Server([str(slam), "serve", "-q", "--port", str(port),
                   "--workers", str(workers), "--python", PYTHON],
                  project, f"http://127.0.0.1:{port}/dev{path}")


def served_package(project: Path) -> Path:
    """Return the folder `slam serve` extracted its package into."""
    folders = [folder for folder in
               (project / ".slam/local/packages").iterdir()
               if folder.is_dir() and not folder.name.startswith(".")]
    if len(folders) != 1:
        sys.exit(f"expected one extracted package, found {folders}")
    return folders[0]


def start_gunicorn(package: Path, workers: int, path: str) -> Server:
    port = free_port()
    return Server([PYTHON, "-m", "gunicorn", "--workers", str(workers),
                   "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
                   "--pythonpath", str(package), "app:app"],
                  package, f"http://127.0.0.1:{port}{path}")


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(url: str, connections: int, seconds: float) -> dict:
    """Load URL with wrk; return requests/s, p50 and p99 in ms, errors."""
    out = subprocess.run(
        ["wrk", "--latency", "-t", str(min(connections, 2)), "-c",
         str(connections), "-d", f"{seconds:g}s", "--timeout", "10s", url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": milliseconds(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": milliseconds(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "errors": (int(errors.group(1)) if errors else 0)
        + (1 if socket_errors else 0),
    }


def copy_example(work: Path) -> Path:
    project = work / "flask_app"
    shutil.copytree(REPO / "examples/flask_app", project,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    return project


def measure(servers: dict, connections: int, seconds: float,
            rounds: int) -> dict:
    """Load each server in turn for ROUNDS rounds; return the best each."""
    best = {}
    for round_number in range(1, rounds + 1):
        for name, server in servers.items():
            result = run_wrk(server.url, connections, seconds)
            if result["errors"]:
                sys.exit(f"{name}: {result['errors']} failed requests")
            print(f"round {round_number} {name:>9}: {result['rps']:8.0f} "
                  f"req/s  p50 {result['p50']:6.2f} ms  "
                  f"p99 {result['p99']:6.2f} ms", flush=True)
            if name not in best or result["rps"] > best[name]["rps"]:
                best[name] = result
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--path", default="/api/items")
    parser.add_argument("--slam", type=Path,
                        default=REPO / "build/release/slam")
    args = parser.parse_args()
    for tool in ("wrk",):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (scripts/setup.sh)")
    with tempfile.TemporaryDirectory() as temp:
        project = copy_example(Path(temp))
        servers = {}
        try:
            servers["slam"] = start_slam(args.slam, project, args.workers,
                                         args.path)
            servers["gunicorn"] = start_gunicorn(served_package(project),
                                                 args.workers, args.path)
            best = measure(servers, args.workers, args.seconds, args.rounds)
        finally:
            for server in servers.values():
                server.stop()
    ratio = best["slam"]["rps"] / best["gunicorn"]["rps"]
    print(f"workers {args.workers}, {args.workers} connections, "
          f"best of {args.rounds} rounds of {args.seconds:g} s")
    for name, result in best.items():
        print(f"{name:>9}: {result['rps']:8.0f} req/s  p50 "
              f"{result['p50']:.2f} ms  p99 {result['p99']:.2f} ms")
    print(f"throughput ratio slam/gunicorn: {ratio:.2f}x "
          f"(target {TARGET_RATIO}x: {'met' if ratio >= TARGET_RATIO else 'MISSED'})")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
