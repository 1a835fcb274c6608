"""The adapter on every Python 3.9+ of this machine, with the standard library
alone: adapter_smoke.py runs in each with site-packages off (-S) and the
environment's PYTHON* variables ignored (-E). The test ids name the
interpreters used; missing ones are left out, the same binary reached twice
is run once.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SMOKE = Path(__file__).with_name("adapter_smoke.py")
MINORS = range(9, 14)
PROBE = "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)"


def _candidates() -> list[str]:
    """Return the paths that may name a Python 3.9+, in order of preference."""
    paths = ["/usr/bin/python3", sys.executable]
    paths += [shutil.which(f"python3.{minor}") or "" for minor in MINORS]
    pyenv = Path.home() / ".pyenv" / "versions"
    for minor in MINORS:
        paths += sorted(glob.glob(str(pyenv / f"3.{minor}*" / "bin" / "python3")))
    return [path for path in paths if path and os.access(path, os.X_OK)]


def _interpreters() -> list[tuple[str, str]]:
    """Return (version, real path) of each distinct working Python 3.9+.

    Each candidate is asked for its own executable: a pyenv shim is a script
    that either runs some version's binary or fails when none is selected.
    """
    found: dict[str, str] = {}
    for path in _candidates():
        try:
            probe = subprocess.run(
                [path, "-E", "-S", "-c", PROBE], capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        lines = probe.stdout.split()
        if probe.returncode != 0 or len(lines) != 2:
            continue
        version, executable = lines
        if tuple(map(int, version.split(".")[:2])) >= (3, 9):
            found.setdefault(os.path.realpath(executable), version)
    pairs = [(version, real) for real, version in found.items()]
    return sorted(pairs, key=lambda pair: tuple(map(int, pair[0].split("."))))


INTERPRETERS = _interpreters()


def test_the_machine_has_a_python_to_try():
    assert INTERPRETERS, "no Python 3.9+ found"


@pytest.mark.parametrize(
    "version, python", INTERPRETERS, ids=[f"{v}:{p}" for v, p in INTERPRETERS]
)
def test_adapter_runs_on_the_standard_library(version, python):
    result = subprocess.run(
        [python, "-E", "-S", str(SMOKE)],
        cwd=SMOKE.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"adapter ok on Python {version}" in result.stdout, result.stdout
