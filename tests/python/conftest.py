"""Fixtures for the tests of runtime/slam_handler.py.

Each test deploys an app into a fresh temporary folder: a slam_config.json and
an app module, found by a freshly loaded slam_handler through SLAM_CONFIG_PATH.
The sample events come from the shared test data, never from a copy in the
repository: SLAM_SHARED_DIR names the shared folder, otherwise the nearest
``shared`` folder beside the repository or one of its parents (a worktree may
sit one level deeper than the main checkout). Tests needing them skip without.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

import pytest
from support import APP_MODULE, REPO, load_handler


def _events_dir() -> Path | None:
    """Return the folder of the shared sample events, or None."""
    if os.environ.get("SLAM_SHARED_DIR"):
        candidates = [Path(os.environ["SLAM_SHARED_DIR"])]
    else:
        candidates = [folder / "shared" for folder in REPO.parents]
    for shared in candidates:
        if (shared / "testdata" / "events").is_dir():
            return shared / "testdata" / "events"
    return None


@pytest.fixture
def sample_event() -> Callable[[str], dict[str, Any]]:
    """Return a loader of the shared sample events by file name."""
    folder = _events_dir()
    if folder is None:
        pytest.skip("shared sample events not found; set SLAM_SHARED_DIR")
    return lambda name: json.loads((folder / name).read_text(encoding="utf-8"))


@pytest.fixture
def forget_starlette(monkeypatch):
    """Hide an already imported Starlette: these apps are hand-written.

    The adapter gives Starlette before 0.35 a path without root_path when it
    is loaded; a Starlette imported by an earlier test must not change what a
    hand-written app gets.
    """
    for name in list(sys.modules):
        if name.split(".")[0] in ("starlette", "fastapi"):
            monkeypatch.delitem(sys.modules, name)


@pytest.fixture
def deploy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., ModuleType]]:
    """Return a function that deploys an app and gives a fresh handler module.

    It writes SOURCE as the module slam_test_app in a temporary folder (unless
    SOURCE is None: the module named must then be on sys.path), writes the
    config beside it (with HTTP as its "http" section when given) and loads
    slam_handler anew. os.environ, sys.path and the
    app module are put back after the test.
    """
    saved_environ = dict(os.environ)
    monkeypatch.setattr(sys, "path", list(sys.path))
    # Rewritten app modules must not be served from stale bytecode.
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    deployed: list[str] = []

    def deploy(
        source: str | None,
        *,
        module: str = APP_MODULE,
        app: str = "app",
        interface: str = "detect",
        environment: dict[str, str] | None = None,
        stages: dict[str, dict[str, str]] | None = None,
        http: dict[str, Any] | None = None,
    ) -> ModuleType:
        if source is not None:
            (tmp_path / f"{module}.py").write_text(textwrap.dedent(source))
        config = {
            "version": 1,
            "name": "demo",
            "module": module,
            "app": app,
            "interface": interface,
            "devstage": "dev",
            "environment": environment or {},
            "stages": stages or {"dev": {}, "prod": {}},
        }
        if http is not None:
            config["http"] = http
        (tmp_path / "slam_config.json").write_text(json.dumps(config))
        monkeypatch.setenv("SLAM_CONFIG_PATH", str(tmp_path / "slam_config.json"))
        sys.modules.pop(module, None)
        deployed.append(module)
        return load_handler()

    yield deploy
    for module in deployed:
        sys.modules.pop(module, None)
    os.environ.clear()
    os.environ.update(saved_environ)
