"""Interruptions: `slam build` and `slam deploy` killed at random points
(SIGINT, SIGTERM, SIGKILL) leave nothing the next run trips on. After each
kill: no process slam started is left (found by PID), the next run
succeeds, its zip equals a cold build's byte for byte, every cache entry
reads back (cache_check) and nothing half-written remains. Two builds of
one project at once take turns through the project's lock.

The kills are seeded: SLAM_INTERRUPT_SEED replays a run. Each test prints
its kills by signal and by the phase the build or deploy was in (the last
line it logged at -v).
"""

import collections
import fcntl
import os
import random
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from cache_check import check_cache
from conftest import loopback_aws_env
from interrupt_support import (NAME, VARIANTS, ZIP, MediumProject,
                               children_now, orphans_after, set_subreaper)

SEED = int(os.environ.get("SLAM_INTERRUPT_SEED", "1457"))
BUILD_KILLS = 30
DEPLOY_KILLS = 10
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
EXIT_STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -9}
WAITING = "waiting for another slam (pid {}) building this project..."


@pytest.fixture(scope="module", autouse=True)
def subreaper():
    set_subreaper(True)
    yield
    set_subreaper(False)


def _build_env(tmp_path: Path) -> dict:
    """Fake credentials and a closed loopback port: a build talks to no
    one, and pip only to the local wheelhouse."""
    env = loopback_aws_env("http://127.0.0.1:9", tmp_path)
    for name in ("PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"):
        env.pop(name, None)
    return env


@pytest.fixture
def medium(tmp_path):
    project = MediumProject(tmp_path / "project", tmp_path / "wheels", SEED)
    project.switch(0)
    return project


def _cold_zips(medium, slam_bin, env, folder: Path) -> tuple:
    """The zip of each variant from a fresh folder, and the longest time
    a cold build took."""
    zips, longest = [], 0.0
    for variant in range(VARIANTS):
        data, elapsed = medium.cold_zip(slam_bin, folder / f"cold{variant}",
                                        env, variant)
        zips.append(data)
        longest = max(longest, elapsed)
    return zips, longest


def _phase(log: Path) -> str:
    """What the run was doing: its last line at -v, less the variable."""
    lines = [line for line in log.read_text(errors="replace").splitlines()
             if line.strip()]
    if not lines:
        return "starting"
    last = lines[-1].removeprefix("slam: ")
    for marker, phase in PHASES:
        if marker in last:
            return phase
    return last[:40]


# The first marker found in the last line names the phase.
PHASES = (
    (" -m pip ", "pip"),
    ("installing the requirements", "pip"),
    ("py_compile", "bytecode"),
    ("import sys", "bytecode probe"),
    ("run ", "child process"),
    ("package '", "zip written"),
    ("PUT ", "s3 upload"),
    ("Action=CreateStack", "stack creation"),
    ("Action=UpdateStack", "stack update"),
    ("cloudformation", "cloudformation"),
    ("s3", "s3"),
)


def _kill_at_random(command, cwd, env, rng, sig, latest, log) -> tuple:
    """Run COMMAND and send SIG after a random time up to LATEST seconds;
    return its exit status, the phase it was in (None when it finished
    first) and what it left running."""
    before = children_now()
    with open(log, "w") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stderr=err,
                                   stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, latest))
        phase = None
        if process.poll() is None:
            phase = _phase(log)
            process.send_signal(sig)
        status = process.wait(timeout=60)
    if status == 0:
        phase = None  # done before the signal came
    return status, phase, orphans_after(before)


def test_killed_builds_leave_a_cache_the_next_build_takes_up(
        medium, slam_bin, tmp_path):
    env = _build_env(tmp_path)
    cold, cold_time = _cold_zips(medium, slam_bin, env, tmp_path)
    rng = random.Random(SEED)
    kills = collections.Counter()
    for attempt in range(BUILD_KILLS):
        sig = SIGNALS[attempt % len(SIGNALS)]
        variant = rng.randrange(VARIANTS)
        medium.switch(variant)
        command = [str(slam_bin), "-v", "build"]
        if rng.random() < 0.15:
            command.append("--rebuild-deps")
        log = tmp_path / f"kill{attempt}.log"
        status, phase, orphans = _kill_at_random(
            command, medium.root, env, rng, sig, cold_time * 1.2, log)
        context = f"kill {attempt} ({sig.name}, {phase}): {log.read_text()}"
        assert orphans == [], context
        assert status in (0, EXIT_STATUS[sig]), context
        kills[(sig.name, phase or "finished first")] += 1

        after = subprocess.run([str(slam_bin), "build"], cwd=medium.root,
                               env=env, capture_output=True, text=True,
                               timeout=300)
        assert after.returncode == 0, f"{context}\nnext: {after.stderr}"
        assert "waiting for another slam" not in after.stderr
        zip_bytes = (medium.root / ".slam" / ZIP).read_bytes()
        assert zip_bytes == cold[variant], context
        assert check_cache(medium.root, ZIP) == [], context
    print(f"\nbuild kills (seed {SEED}):", dict(sorted(kills.items())))
    assert sum(kills.values()) == BUILD_KILLS


def _deployed(boto, medium, zip_bytes: bytes) -> list:
    """What is wrong with the deployment of ZIP_BYTES, if anything."""
    import hashlib
    cloudformation = boto("cloudformation")
    stack = cloudformation.describe_stacks(StackName=NAME)["Stacks"][0]
    problems = []
    if stack["StackStatus"] not in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
        problems.append(f"stack is {stack['StackStatus']}")
    parameters = {p["ParameterKey"]: p["ParameterValue"]
                  for p in stack["Parameters"]}
    key = f"slam/{NAME}/{hashlib.sha256(zip_bytes).hexdigest()}.zip"
    if parameters.get("LambdaS3Key") != key:
        problems.append(f"stack deploys {parameters.get('LambdaS3Key')}")
    body = boto("s3").get_object(Bucket=parameters["LambdaS3Bucket"],
                                 Key=key)["Body"].read()
    if body != zip_bytes:
        problems.append("the uploaded package is not the built one")
    function = boto("lambda").get_function(FunctionName=NAME)
    if function["Configuration"]["FunctionName"] != NAME:
        problems.append("no function")
    sets = cloudformation.list_change_sets(StackName=stack["StackId"])
    if sets["Summaries"]:
        problems.append(f"change sets left: {sets['Summaries']}")
    return problems


def test_killed_deploys_leave_a_state_the_next_deploy_completes(
        medium, slam_bin, tmp_path, aws_env, boto):
    env = dict(aws_env, SLAM_STACK_POLL_INTERVAL="0.05")
    for name in ("PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"):
        env.pop(name, None)
    cold, _ = _cold_zips(medium, slam_bin, env, tmp_path)
    started = time.monotonic()
    subprocess.run([str(slam_bin), "deploy"], cwd=medium.root, env=env,
                   check=True, capture_output=True, timeout=300)
    deploy_time = time.monotonic() - started
    rng = random.Random(SEED + 1)
    kills = collections.Counter()
    for attempt in range(DEPLOY_KILLS):
        sig = SIGNALS[attempt % len(SIGNALS)]
        variant = (medium.current + 1 + rng.randrange(VARIANTS - 1)) % VARIANTS
        medium.switch(variant)
        log = tmp_path / f"deploy{attempt}.log"
        status, phase, orphans = _kill_at_random(
            [str(slam_bin), "-v", "deploy"], medium.root, env, rng, sig,
            deploy_time * 1.5, log)
        context = f"kill {attempt} ({sig.name}, {phase}): {log.read_text()}"
        assert orphans == [], context
        assert status in (0, EXIT_STATUS[sig]), context
        kills[(sig.name, phase or "finished first")] += 1

        after = subprocess.run([str(slam_bin), "deploy"], cwd=medium.root,
                               env=env, capture_output=True, text=True,
                               timeout=300)
        assert after.returncode == 0, f"{context}\nnext: {after.stderr}"
        zip_bytes = (medium.root / ".slam" / ZIP).read_bytes()
        assert zip_bytes == cold[variant], context
        assert _deployed(boto, medium, zip_bytes) == [], context
        assert check_cache(medium.root, ZIP) == [], context
    print(f"\ndeploy kills (seed {SEED}):", dict(sorted(kills.items())))


def _lock_is_held(project: Path) -> bool:
    path = project / ".slam" / "lock"
    if not path.exists():
        return False
    with open(path, "a") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(file, fcntl.LOCK_UN)
        return False


def _start_build(slam_bin, project: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([str(slam_bin), "build"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _wait_until(predicate, process, timeout=60):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert process.poll() is None, "the build ended before holding the lock"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


def test_two_builds_at_once_take_turns(medium, slam_bin, tmp_path):
    env = _build_env(tmp_path)
    cold, _ = _cold_zips(medium, slam_bin, env, tmp_path)
    first = _start_build(slam_bin, medium.root, env)
    _wait_until(lambda: _lock_is_held(medium.root), first)
    second = _start_build(slam_bin, medium.root, env)
    results = [process.communicate(timeout=300) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    # The second waited, said for whom, and then found the zip made.
    assert WAITING.format(first.pid) in results[1][1].splitlines()
    assert "waiting" not in results[0][1]
    hashes = [re.search(r"sha256 (\w+)", out).group(1) for out, _ in results]
    assert hashes[0] == hashes[1]
    assert "(unchanged)" in results[1][0]
    assert (medium.root / ".slam" / ZIP).read_bytes() == cold[0]
    assert check_cache(medium.root, ZIP) == []


def test_a_killed_lock_holder_does_not_block_the_next_build(
        medium, slam_bin, tmp_path):
    env = _build_env(tmp_path)
    holder = _start_build(slam_bin, medium.root, env)
    _wait_until(lambda: _lock_is_held(medium.root), holder)
    before = children_now()
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    assert orphans_after(before) == []
    started = time.monotonic()
    result = subprocess.run([str(slam_bin), "build"], cwd=medium.root,
                            env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr
    assert time.monotonic() - started < 120
    assert check_cache(medium.root, ZIP) == []
