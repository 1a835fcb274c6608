"""package.compile: the package ships bytecode for the runtime's Python."""

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PYTHON311 = Path("/usr/bin/python3.11")
TAG = re.compile(r"^(.*?)__pycache__/([^/]+)\.cpython-(\d+)\.pyc$")

pytestmark = pytest.mark.skipif(
    not PYTHON311.exists(), reason="needs Debian's /usr/bin/python3.11"
)

TINY = """\
name: tiny
function:
  module: app
  app: handler
interface: function
aws:
  lambda_runtime: {runtime}
package:
  python_environment: "/usr/bin/python3"
{extra}"""


def tiny_project(root: Path, runtime="python3.11", extra="") -> Path:
    root.mkdir(parents=True)
    (root / "slam.yaml").write_text(TINY.format(runtime=runtime, extra=extra))
    (root / "app.py").write_text("def handler(event, context):\n    return 1\n")
    (root / "lib").mkdir()
    (root / "lib/__init__.py").write_text("VALUE = 2\n")
    return root


def names_of(archive: Path) -> list:
    with zipfile.ZipFile(archive) as package:
        return package.namelist()


def pycs_of(names) -> dict:
    """Map each .pyc entry to the source entry importlib reads it for."""
    found = {}
    for name in names:
        if name.endswith(".pyc"):
            match = TAG.match(name)
            assert match, name
            found[name] = (f"{match.group(1)}{match.group(2)}.py", match.group(3))
    return found


def build(slam_bin, folder: Path, env: dict, *args):
    return subprocess.run(
        [str(slam_bin), "build", *args], cwd=folder, env=env,
        capture_output=True, text=True, timeout=300, check=True,
    )


def use_python311(project: Path) -> None:
    config = (project / "slam.yaml").read_text()
    config = config.replace('lambda_runtime: "python3.12"',
                            'lambda_runtime: "python3.11"')
    (project / "slam.yaml").write_text(config)


def extract(archive: Path, target: Path) -> None:
    with zipfile.ZipFile(archive) as package:
        package.extractall(target)


def test_flask_package_imports_from_its_bytecode(slam, project, tmp_path):
    use_python311(project)
    slam("build")
    archive = project / ".slam/slam-flask-example.zip"
    names = names_of(archive)
    pycs = pycs_of(names)
    sources = [n for n in names if n.endswith(".py")]
    # One pyc per source, for 3.11 only, next to its source.
    assert sorted(source for source, _ in pycs.values()) == sorted(sources)
    assert {tag for _, tag in pycs.values()} == {"311"}
    assert "__pycache__/app.cpython-311.pyc" in names
    assert "slam_adapter/__pycache__/__init__.cpython-311.pyc" in names

    folder = tmp_path / "task"
    extract(archive, folder)
    # Unchecked hash: the sources are never read again, so sources that
    # now fail prove that the bytecode is what gets imported.
    for source in ("app.py", "flask/__init__.py", "slam_handler.py"):
        (folder / source).write_text("raise ImportError('source was read')\n")
    for path in folder.rglob("*"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    check = f"""
import importlib.util, marshal, sys
sys.path.insert(0, {str(folder)!r})
import app, flask, slam_handler
assert flask.__file__.startswith({str(folder)!r}), flask.__file__
magic = importlib.util.MAGIC_NUMBER
for module in (app, flask, slam_handler):
    cached = importlib.util.cache_from_source(module.__file__)
    data = open(cached, "rb").read()
    assert data[:4] == magic, cached
    assert int.from_bytes(data[4:8], "little") == 0b01, cached
    # The path recorded is Lambda's (the import fixes it up to where the
    # file is found, as it will on Lambda).
    relative = module.__file__[len({str(folder)!r}):]
    recorded = marshal.loads(data[16:]).co_filename
    assert recorded == "/var/task" + relative, recorded
print("ok")
"""
    try:
        result = subprocess.run(
            [str(PYTHON311), "-I", "-S", "-c", check],
            capture_output=True, text=True, timeout=60,
        )
    finally:
        for path in folder.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert result.stdout.strip() == "ok", result.stderr


def test_builds_in_two_folders_give_the_same_zip(slam_bin, aws_env, tmp_path):
    archives = []
    for name in ("one", "two"):
        folder = tiny_project(tmp_path / name / "project")
        build(slam_bin, folder, aws_env)
        archives.append((folder / ".slam/tiny.zip").read_bytes())
    assert archives[0] == archives[1]
    assert "__pycache__/app.cpython-311.pyc" in names_of(
        tmp_path / "one/project/.slam/tiny.zip")


def test_no_matching_interpreter_builds_without_bytecode(
        slam_bin, aws_env, tmp_path):
    folder = tiny_project(tmp_path / "project", runtime="python3.9")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = dict(aws_env, PATH=str(empty))
    result = build(slam_bin, folder, env)
    assert ("no bytecode in the package: no CPython 3.9 here (tried "
            "/usr/bin/python3 (cpython 3.11), python3.9 (not found), "
            "python3 (not found)); install python3.9 to ship precompiled "
            "modules") in result.stderr
    assert "warning: no bytecode" not in result.stderr
    assert not pycs_of(names_of(folder / ".slam/tiny.zip"))


def test_compile_false_ships_no_bytecode_and_says_nothing(
        slam_bin, aws_env, tmp_path):
    folder = tiny_project(tmp_path / "project", runtime="python3.9",
                          extra="  compile: false\n")
    result = build(slam_bin, folder, aws_env)
    assert "bytecode" not in result.stderr
    names = names_of(folder / ".slam/tiny.zip")
    assert "app.py" in names and not pycs_of(names)


def test_rebuild_with_nothing_changed_runs_no_interpreter(
        slam_bin, aws_env, tmp_path):
    folder = tiny_project(tmp_path / "project")
    (folder / "slam.yaml").write_text(
        (folder / "slam.yaml").read_text().replace(
            '  python_environment: "/usr/bin/python3"\n', ""))
    wrappers = tmp_path / "bin"
    wrappers.mkdir()
    log = tmp_path / "runs.log"
    wrapper = wrappers / "python3.11"
    wrapper.write_text(
        f"#!/bin/sh\necho run >> '{log}'\nexec {PYTHON311} \"$@\"\n")
    wrapper.chmod(0o755)
    env = dict(aws_env, PATH=f"{wrappers}{os.pathsep}{aws_env['PATH']}")

    def runs():
        return log.read_text().count("run\n") if log.exists() else 0

    build(slam_bin, folder, env)
    first = runs()
    assert first >= 2  # the probe, then at least one compile
    build(slam_bin, folder, env)
    assert runs() == first
    (folder / "app.py").write_text("def handler(event, context):\n    return 3\n")
    build(slam_bin, folder, env)
    assert runs() == first + 1  # one compile of the changed file
    assert "__pycache__/app.cpython-311.pyc" in names_of(folder / ".slam/tiny.zip")


def test_project_file_that_does_not_compile_is_shipped_with_a_warning(
        slam_bin, aws_env, tmp_path):
    folder = tiny_project(tmp_path / "project")
    (folder / "lib/bad.py").write_text("x = 1\nprint 'python 2'\n")
    for _ in range(2):  # the second build takes the outcome from the cache
        result = build(slam_bin, folder, aws_env)
        assert re.search(r"slam: warning: 'lib/bad\.py:2' does not compile: "
                         r"Missing parentheses in call to 'print'.*; it goes "
                         r"into the package without bytecode", result.stderr)
    names = names_of(folder / ".slam/tiny.zip")
    assert "lib/bad.py" in names
    assert "lib/__pycache__/bad.cpython-311.pyc" not in names
    assert "lib/__pycache__/__init__.cpython-311.pyc" in names


def test_projects_own_bytecode_is_replaced_by_slams(slam_bin, aws_env,
                                                     tmp_path):
    folder = tiny_project(tmp_path / "project")
    (folder / "lib/m.py").write_text('v = "source"\n')
    stale = tmp_path / "stale.py"
    stale.write_text('v = "stale"\n')
    cache = folder / "lib/__pycache__"
    subprocess.run(
        [str(PYTHON311), "-c",
         "import py_compile, sys; py_compile.compile(sys.argv[1], sys.argv[2],"
         " invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)",
         str(stale), str(cache / "m.cpython-311.pyc")], check=True)
    (folder / ".slamignore").write_text("!__pycache__/\n!*.pyc\n")

    result = build(slam_bin, folder, aws_env)

    assert ("'lib/__pycache__/m.cpython-311.pyc' of the project is replaced "
            "by the bytecode of 'lib/m.py'") in result.stderr
    names = names_of(folder / ".slam/tiny.zip")
    assert names.count("lib/__pycache__/m.cpython-311.pyc") == 1
    extract(folder / ".slam/tiny.zip", tmp_path / "unpacked")
    loaded = subprocess.run(
        [str(PYTHON311), "-I", "-B", "-c",
         "import sys; sys.path.insert(0, sys.argv[1]); import lib.m; "
         "print(lib.m.v)", str(tmp_path / "unpacked")],
        capture_output=True, text=True, check=True)
    assert loaded.stdout == "source\n"
