"""Cold start of the Flask example with and without precompiled bytecode.

Builds examples/flask_app for python3.11 twice with Slam, once with
``package.compile: true`` and once with ``false``, extracts both packages,
then, interleaved round by round, starts a fresh isolated interpreter
(``-I -S -B``, PYTHONDONTWRITEBYTECODE=1: Lambda's /var/task is read-only, so
nothing compiled at one start helps the next) that imports slam_handler
from the extracted folder and answers one API Gateway event. Prints the
cold build times, the median of each kind of start and the ratio.

Usage: python3 bench/cold_start.py [--rounds N] [--slam PATH]
(exits 1 if the start with bytecode is not faster)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = "/usr/bin/python3.11"
# Slam never reaches AWS when it builds; should it try, it meets nothing.
SAFE_ENV = {
    "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "PYTHONDONTWRITEBYTECODE": "1",
}

START = """
import json, sys, time
start = time.perf_counter()
sys.path.insert(0, sys.argv[1])
import slam_handler
response = slam_handler.lambda_handler(json.loads(sys.argv[2]), None)
elapsed = time.perf_counter() - start
import flask
assert flask.__file__.startswith(sys.argv[1]), flask.__file__
assert response["statusCode"] == 200, response
print(elapsed)
"""


def event() -> dict:
    """Return an API Gateway REST event for GET /api/items."""
    return {
        "resource": "/{proxy+}",
        "path": "/api/items",
        "httpMethod": "GET",
        "headers": {"Host": "example.com", "X-Forwarded-Proto": "https"},
        "multiValueHeaders": {"Host": ["example.com"],
                              "X-Forwarded-Proto": ["https"]},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"proxy": "api/items"},
        "stageVariables": {"STAGE": "dev"},
        "requestContext": {"stage": "dev", "protocol": "HTTP/1.1",
                           "identity": {"sourceIp": "198.51.100.9"}},
        "body": None,
        "isBase64Encoded": False,
    }


def build(slam: Path, work: Path, compile_bytecode: bool) -> tuple:
    """Build the example with COMPILE_BYTECODE from empty caches; return
    the extracted folder and the build's wall time in seconds."""
    project = work / f"compile-{compile_bytecode}" / "flask_app"
    shutil.copytree(REPO / "examples/flask_app", project,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    config = (project / "slam.yaml").read_text()
    config = config.replace('lambda_runtime: "python3.12"',
                            'lambda_runtime: "python3.11"')
    config += f"  compile: {'true' if compile_bytecode else 'false'}\n"
    (project / "slam.yaml").write_text(config)
    env = dict(os.environ, **SAFE_ENV)
    start = time.perf_counter()
    subprocess.run([str(slam), "build", "-q"], cwd=project, env=env,
                   check=True)
    elapsed = time.perf_counter() - start
    folder = project.parent / "task"
    with zipfile.ZipFile(project / ".slam/slam-flask-example.zip") as package:
        pycs = sum(name.endswith(".pyc") for name in package.namelist())
        package.extractall(folder)
    assert (pycs > 0) == compile_bytecode, pycs
    return folder, elapsed


def pyc_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.pyc"))


def cold_start(folder: Path) -> float:
    """Return the seconds a fresh interpreter takes to import the handler
    from FOLDER and answer one event."""
    env = {"PATH": "/usr/bin:/bin", **SAFE_ENV}
    result = subprocess.run(
        # -I ignores PYTHONDONTWRITEBYTECODE: -B keeps what it meant.
        [PYTHON, "-I", "-S", "-B", "-c", START, str(folder), json.dumps(event())],
        cwd=folder, env=env, capture_output=True, text=True, check=True,
    )
    return float(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--slam", type=Path, default=Path(
        os.environ.get("SLAM_BIN", REPO / "build/release/slam")))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="slam-cold-start-") as temp:
        work = Path(temp)
        with_pyc, build_pyc = build(args.slam, work, True)
        without_pyc, build_plain = build(args.slam, work, False)
        times = {"pyc": [], "no pyc": []}
        for _ in range(args.rounds):
            times["no pyc"].append(cold_start(without_pyc))
            times["pyc"].append(cold_start(with_pyc))
        # Nothing compiled at one start was kept for the next.
        assert pyc_count(without_pyc) == 0
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    ratio = medians["no pyc"] / medians["pyc"]
    print(f"cold build: {build_pyc:.2f} s with compile, "
          f"{build_plain:.2f} s without")
    print(f"cold start (import + first event), median of {args.rounds}: "
          f"{medians['no pyc'] * 1000:.1f} ms without bytecode, "
          f"{medians['pyc'] * 1000:.1f} ms with; ratio {ratio:.2f}")
    return 0 if ratio > 1 else 1


if __name__ == "__main__":
    sys.exit(main())
