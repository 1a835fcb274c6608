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
import hashlib
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
from interrupt_support import (NAME, REQUIREMENTS, VARIANTS, ZIP,
                               MediumProject, children_now, orphans_after,
                               set_subreaper)

SEED = int(os.environ.get("SLAM_INTERRUPT_SEED", "1457"))
BUILD_KILLS = 30
DEPLOY_KILLS = 10
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
# What a killed run may end with: 128 plus the signal's number from slam's
# handler, or the signal itself when it came before slam installed the
# handler (in the dynamic loader), which a shell reports alike.
EXIT_STATUSES = {signal.SIGINT: (130, -2), signal.SIGTERM: (143, -15),
                 signal.SIGKILL: (-9,)}
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
    """What the run was doing, from the last thing it logged at -v: a step
    of the build, or the last AWS call it finished."""
    lines = [line.removeprefix("slam: ")
             for line in log.read_text(errors="replace").splitlines()
             if line and not line[0].isspace() and
             (line.startswith("slam: ") or line[0].islower())]
    if not lines:
        return "start"
    last = lines[-1]
    aws_call = re.match(r"(s3|cloudformation|lambda|logs|sts) (\w+): ", last)
    if aws_call:
        return f"after {aws_call.group(1)} {aws_call.group(2)}"
    for marker, phase in BUILD_PHASES:
        if marker in last:
            return phase
    return last.split(" ")[0]


# The first marker found in the last line names the phase.
BUILD_PHASES = (
    ("the requirements", "pip"),
    (" -m pip ", "pip"),
    ("cached dependencies", "file walk"),
    ("out of the package", "file walk"),
    ("importlib.util", "bytecode probe"),
    ("bytecode:", "bytecode compile"),
    (" -I -S -c ", "bytecode compile"),
    ("compile_one", "bytecode compile"),
    ("zip layout", "zip write"),
    ("package '", "caches saved"),
    ("packaged ", "build done"),
    ("uploading", "s3 upload"),
    ("creating stack", "stack creation"),
    ("updating stack", "stack update"),
    ("access key", "aws session"),
)


def _by_phase(kills: collections.Counter) -> str:
    phases = collections.defaultdict(dict)
    for key, count in kills.items():
        if key != "finished first":
            phases[key[1]][key[0]] = count
    lines = [f"  {phase}: {counts}" for phase, counts in sorted(phases.items())]
    return "\n".join(lines + [f"  finished first: {kills['finished first']}"])


def _kill_at_random(command, cwd, env, rng, sig, latest, log,
                    power=1) -> tuple:
    """Run COMMAND and send SIG after a random time up to LATEST seconds
    (the uniform draw raised to POWER, to kill early more often); return
    its exit status, the phase it was in (None when it finished first) and
    what it left running."""
    before = children_now()
    with open(log, "w") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stderr=err,
                                   stdout=subprocess.DEVNULL)
        time.sleep(latest * rng.random() ** power)
        phase = None
        if process.poll() is None:
            phase = _phase(log)
            process.send_signal(sig)
        status = process.wait(timeout=60)
    if status == 0:
        phase = None  # done before the signal came
    return status, phase, orphans_after(before)


def _kill_and_run_again(command, cwd, env, rng, sig, latest, log, kills,
                        power=1) -> str:
    """Kill COMMAND (with -v) at random as _kill_at_random does, count the
    kill in KILLS, check that it left no process and the right status,
    then run the command again (without -v), which must succeed without
    waiting for anyone; return what describes the kill."""
    status, phase, orphans = _kill_at_random(command, cwd, env, rng, sig,
                                             latest, log, power)
    context = f"{log.name} ({sig.name}, {phase}): {log.read_text()}"
    assert orphans == [], context
    assert status in (0, *EXIT_STATUSES[sig]), context
    kills[(sig.name, phase) if phase else "finished first"] += 1
    again = [part for part in command if part not in ("-v", "--rebuild-deps")]
    after = subprocess.run(again, cwd=cwd, env=env, capture_output=True,
                           text=True, timeout=300)
    assert after.returncode == 0, f"{context}\nnext: {after.stderr}"
    assert "waiting for another slam" not in after.stderr
    return context


def _timed_build(slam_bin, medium, env, *args) -> float:
    started = time.monotonic()
    subprocess.run([str(slam_bin), "build", *args], cwd=medium.root, env=env,
                   check=True, capture_output=True, timeout=300)
    return time.monotonic() - started


def _build_durations(slam_bin, medium, env) -> dict:
    """How long an uninterrupted build takes when it installs the
    requirements, and when only some modules changed."""
    durations = {"pip": _timed_build(slam_bin, medium, env)}
    medium.switch(1)
    durations["change"] = _timed_build(slam_bin, medium, env)
    again = _timed_build(slam_bin, medium, env, "--rebuild-deps")
    durations["pip"] = max(durations["pip"], again)
    return durations


def test_killed_builds_leave_a_cache_the_next_build_takes_up(
        medium, slam_bin, tmp_path):
    env = _build_env(tmp_path)
    cold, _ = _cold_zips(medium, slam_bin, env, tmp_path)
    durations = _build_durations(slam_bin, medium, env)
    installed = {REQUIREMENTS[0]}
    rng = random.Random(SEED)
    kills = collections.Counter()
    attempt = 0
    while sum(kills.values()) - kills["finished first"] < BUILD_KILLS:
        assert attempt < 3 * BUILD_KILLS, f"too few kills landed: {kills}"
        sig = SIGNALS[attempt % len(SIGNALS)]
        # Another variant each time, so that every build has work to do;
        # the kill comes at a random point of the time that work takes.
        variant = (medium.current + 1 + rng.randrange(VARIANTS - 1)) % VARIANTS
        medium.switch(variant)
        command = [str(slam_bin), "-v", "build"]
        if rng.random() < 0.15:
            command.append("--rebuild-deps")
        pip = command[-1] == "--rebuild-deps" or (
            REQUIREMENTS[variant] not in installed)
        latest = durations["pip" if pip else "change"] * 1.2
        log = tmp_path / f"kill{attempt}.log"
        # Squared: builds of a variant seen before take a fraction of the
        # time measured, and the kills should still fall inside them.
        context = _kill_and_run_again(command, medium.root, env, rng, sig,
                                      latest, log, kills, power=2)
        attempt += 1
        installed.add(REQUIREMENTS[variant])
        zip_bytes = (medium.root / ".slam" / ZIP).read_bytes()
        assert zip_bytes == cold[variant], context
        assert check_cache(medium.root, ZIP) == [], context
    print(f"\nbuild kills (seed {SEED}, {attempt} builds, durations "
          f"{durations}):", _by_phase(kills))


def _deployed(boto, zip_bytes: bytes) -> list:
    """What is wrong with the deployment of ZIP_BYTES, if anything."""
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


def _new_release(medium, rng, attempt: int) -> None:
    """Give the project a change no deploy has seen: another variant, and a
    module of its own, so that each deploy builds, uploads and updates."""
    variant = (medium.current + 1 + rng.randrange(VARIANTS - 1)) % VARIANTS
    medium.switch(variant)
    (medium.root / "release.py").write_text(f"RELEASE = {attempt}\n")


def _timed_deploy(slam_bin, medium, env) -> float:
    started = time.monotonic()
    subprocess.run([str(slam_bin), "deploy"], cwd=medium.root, env=env,
                   check=True, capture_output=True, timeout=300)
    return time.monotonic() - started


def test_killed_deploys_leave_a_state_the_next_deploy_completes(
        medium, slam_bin, tmp_path, aws_env, boto):
    env = dict(aws_env, SLAM_STACK_POLL_INTERVAL="0.05")
    for name in ("PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"):
        env.pop(name, None)
    rng = random.Random(SEED + 1)
    _timed_deploy(slam_bin, medium, env)
    _new_release(medium, rng, -1)
    deploy_time = _timed_deploy(slam_bin, medium, env)
    kills = collections.Counter()
    attempt = 0
    while sum(kills.values()) - kills["finished first"] < DEPLOY_KILLS:
        assert attempt < 3 * DEPLOY_KILLS, f"too few kills landed: {kills}"
        sig = SIGNALS[attempt % len(SIGNALS)]
        _new_release(medium, rng, attempt)
        log = tmp_path / f"deploy{attempt}.log"
        context = _kill_and_run_again([str(slam_bin), "-v", "deploy"],
                                      medium.root, env, rng, sig,
                                      deploy_time * 1.2, log, kills)
        attempt += 1
        zip_bytes = (medium.root / ".slam" / ZIP).read_bytes()
        assert _deployed(boto, zip_bytes) == [], context
        assert check_cache(medium.root, ZIP) == [], context
    print(f"\ndeploy kills (seed {SEED}, {attempt} deploys, "
          f"{deploy_time:.1f} s each):", _by_phase(kills))


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


# PID 0x7ffffff0 is above Linux's maximum, so no process has it.
DEAD_PID = 2147483632


def test_a_build_removes_what_killed_writers_left(medium, slam_bin, tmp_path):
    env = _build_env(tmp_path)
    subprocess.run([str(slam_bin), "build"], cwd=medium.root, env=env,
                   check=True, capture_output=True, timeout=300)
    cache = medium.root / ".slam"
    left = [f"{ZIP}.tmp{DEAD_PID}.0", f"stat-index.tmp{DEAD_PID}.1",
            f"interpreters/probe.tmp{DEAD_PID}.2",
            f"bytecode/{'a' * 64}.tmp{DEAD_PID}.3",
            f"entries/{'b' * 32}.pack.tmp{DEAD_PID}.4",
            f"deps/.tmp-{DEAD_PID}-pip-abc/half.py"]
    for name in left:
        (cache / name).parent.mkdir(parents=True, exist_ok=True)
        (cache / name).write_bytes(b"half-written")
    # A file of a writer that still runs (this test) stays.
    live = cache / f"{ZIP}.tmp{os.getpid()}.0"
    live.write_bytes(b"being written")

    result = subprocess.run([str(slam_bin), "build"], cwd=medium.root,
                            env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "(unchanged)" in result.stdout
    assert [name for name in left if (cache / name).exists()] == []
    assert not (cache / f"deps/.tmp-{DEAD_PID}-pip-abc").exists()
    assert live.exists()
    live.unlink()
    assert check_cache(medium.root, ZIP) == []


def _fake_pip(folder: Path, pid_file: Path) -> None:
    """A python3 first on PATH whose pip hangs after writing its pid."""
    folder.mkdir()
    script = folder / "python3"
    script.write_text("#!/bin/sh\n"
                      'if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then\n'
                      f"  echo $$ > '{pid_file}'\n"
                      "  exec sleep 120\n"
                      "fi\n"
                      'exec /usr/bin/python3 "$@"\n')
    script.chmod(0o755)


# Before, a slam killed with SIGKILL left pip running, installing into the
# cache while the next build ran.
@pytest.mark.parametrize("sig", SIGNALS, ids=lambda sig: sig.name)
def test_a_killed_build_takes_pip_along(medium, slam_bin, tmp_path, sig):
    env = _build_env(tmp_path)
    pid_file = tmp_path / "pip.pid"
    _fake_pip(tmp_path / "fakebin", pid_file)
    env["PATH"] = f"{tmp_path / 'fakebin'}{os.pathsep}{env['PATH']}"
    before = children_now()
    process = subprocess.Popen([str(slam_bin), "build"], cwd=medium.root,
                               env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    _wait_until(lambda: pid_file.exists() and pid_file.read_text().strip(),
                process)
    process.send_signal(sig)
    _, err = process.communicate(timeout=30)
    assert process.returncode in EXIT_STATUSES[sig][:1], err
    assert orphans_after(before) == []
    assert not Path(f"/proc/{pid_file.read_text().strip()}").exists()
    # The next build (with the real pip) removes the interrupted install.
    env["PATH"] = env["PATH"].split(os.pathsep, 1)[1]
    subprocess.run([str(slam_bin), "build"], cwd=medium.root, env=env,
                   check=True, capture_output=True, timeout=300)
    assert check_cache(medium.root, ZIP) == []
