"""A rebuild after changes to project files only takes the fast way
(.slam/NAME.zip.snapshot) and gives the bytes of a cold build; any other
change takes the long way."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Slam

ARCHIVE = ".slam/fast-shop.zip"
FAST = re.compile(r"build snapshot: rebuilt (\d+) of (\d+) entries the fast way")
SUMMARY = re.compile(r"(\d+) files \((\d+) compressed, (\d+) cached\)")
# Stamps within this long of a save are not trusted (file_stamp.hpp).
SETTLE = 2.2
CONFIG = """name: "fast-shop"
function:
  module: "app"
  app: "app"
requirements: "requirements.txt"
aws:
  lambda_runtime: "python3.12"
package:
  python_environment: ".venv"
  compile: false
"""
APP = {
    "app.py": "from shop import views\n\napp = views.app\n",
    "shop/__init__.py": "",
    "shop/views.py": "import itsdangerous\n\napp = None\n",
    "shop/models.py": "ITEMS = {}\n",
}


def _copy_distribution(site: Path, dist_info: str, target: Path) -> None:
    for line in (site / dist_info / "RECORD").read_text().splitlines():
        path = line.rsplit(",", 2)[0]
        if path and not path.startswith("..") and "__pycache__" not in path:
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(site / path, target / path)


def _site_packages() -> Path:
    code = "import itsdangerous, os; print(os.path.dirname(os.path.dirname(itsdangerous.__file__)))"
    result = subprocess.run(["python3", "-c", code], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("python3 has no itsdangerous")
    return Path(result.stdout.strip())


@pytest.fixture
def shop(tmp_path, slam_bin, aws_env):
    """A project with a virtualenv holding itsdangerous and six, left to
    settle so that its first build saves a snapshot."""
    project = tmp_path / "shop"
    for path, text in APP.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text)
    (project / "requirements.txt").write_text("itsdangerous\nsix\n")
    (project / "slam.yaml").write_text(CONFIG)
    subprocess.run(["python3", "-m", "venv", "--without-pip", str(project / ".venv")],
                   check=True)
    site = _site_packages()
    target = next((project / ".venv/lib").glob("python3*")) / "site-packages"
    for dist_info in site.glob("*.dist-info"):
        if dist_info.name.split("-")[0].lower() in ("itsdangerous", "six"):
            _copy_distribution(site, dist_info.name, target)
    time.sleep(SETTLE)
    return Slam(slam_bin, project, aws_env)


def _build(slam, *args):
    result = slam("-v", "build", *args)
    fast = FAST.search(result.stderr)
    return result, fast is not None


def _cold_bytes(slam) -> bytes:
    """Return the zip a cold build of the same files gives."""
    shutil.rmtree(slam.cwd / ".slam")
    result, fast = _build(slam)
    assert not fast
    return (slam.cwd / ARCHIVE).read_bytes()


def test_edits_take_the_fast_way_and_give_a_cold_builds_bytes(shop):
    project = shop.cwd
    first, fast = _build(shop)
    assert not fast
    assert (project / (ARCHIVE + ".snapshot")).is_file()
    files = int(SUMMARY.search(first.stdout).group(1))

    views = project / "shop/views.py"
    for round_number in range(3):
        views.write_text(views.read_text() + f"# round {round_number}\n")
        result, fast = _build(shop)
        assert fast, result.stderr
        assert SUMMARY.search(result.stdout).groups() == (
            str(files), "1", str(files - 1))
        # What the long way told, the fast way tells again.
        assert "has Python 3." in result.stderr

    again, fast = _build(shop)
    assert fast and "(unchanged)" in again.stdout
    rebuilt = (project / ARCHIVE).read_bytes()
    assert rebuilt == _cold_bytes(shop)


def test_an_editor_saving_by_rename_still_takes_the_fast_way(shop):
    project = shop.cwd
    _build(shop)
    models = project / "shop/models.py"
    saved = project / "shop/.models.py.swp"
    saved.write_text("ITEMS = {1: 'pen'}\n")
    os.replace(saved, models)
    result, fast = _build(shop)
    assert fast, result.stderr
    assert (project / ARCHIVE).read_bytes() == _cold_bytes(shop)


@pytest.mark.parametrize("change", ["add", "delete", "rename", "mode"])
def test_files_added_removed_or_renamed_take_the_long_way(shop, change):
    project = shop.cwd
    _build(shop)
    models = project / "shop/models.py"
    if change == "add":
        (project / "shop/extra.py").write_text("EXTRA = 1\n")
    elif change == "delete":
        models.unlink()
    elif change == "rename":
        models.rename(project / "shop/items.py")
    else:
        models.chmod(0o755)
    result, fast = _build(shop)
    assert fast == (change == "mode"), result.stderr
    assert (project / ARCHIVE).read_bytes() == _cold_bytes(shop)


def _site(project: Path) -> Path:
    return next((project / ".venv/lib").glob("python3*")) / "site-packages"


@pytest.mark.parametrize("change", [
    "config", "requirements", "slamignore", "dependency", "record",
    "new-distribution"])
def test_other_changes_take_the_long_way(shop, change):
    project = shop.cwd
    _build(shop)
    site = _site(project)
    if change == "config":
        (project / "slam.yaml").write_text(CONFIG + "description: \"shop\"\n")
    elif change == "requirements":
        (project / "requirements.txt").write_text("itsdangerous\n")
    elif change == "slamignore":
        (project / ".slamignore").write_text("shop/models.py\n")
    elif change == "dependency":
        six = site / "six.py"
        six.write_text(six.read_text() + "# patched\n")
    elif change == "record":
        record = next(site.glob("itsdangerous-*.dist-info")) / "RECORD"
        lines = record.read_text().splitlines(keepends=True)
        record.write_text("".join(line for line in lines
                                  if not line.startswith("itsdangerous/_json.py")))
    else:
        info = site / "extra-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: extra\nVersion: 1.0\n")
        (info / "RECORD").write_text("extra-1.0.dist-info/METADATA,,\n")
    result, fast = _build(shop)
    assert not fast, result.stderr
    built = (project / ARCHIVE).read_bytes()
    if change == "record":
        import zipfile
        with zipfile.ZipFile(project / ARCHIVE) as package:
            assert "itsdangerous/_json.py" not in package.namelist()
    assert built == _cold_bytes(shop)


def test_another_slam_binary_takes_the_long_way(shop, slam_bin, tmp_path):
    _build(shop)
    copy = tmp_path / "slam-copy"
    shutil.copy2(slam_bin, copy)
    other = Slam(copy, shop.cwd, shop.env)
    result, fast = _build(other)
    assert not fast, result.stderr


def test_report_and_rebuild_deps_take_the_long_way(shop):
    _build(shop)
    result, fast = _build(shop, "--report")
    assert not fast
    assert "itsdangerous" in result.stdout
    result, fast = _build(shop, "--rebuild-deps")
    assert not fast


def test_a_killed_fast_build_leaves_what_the_next_build_handles(shop):
    """SIGKILL at increasing delays into fast rebuilds: each next build
    gives the bytes of a cold build of the files then there."""
    project = shop.cwd
    _build(shop)
    views = project / "shop/views.py"
    for attempt in range(12):
        views.write_text(views.read_text() + f"# attempt {attempt}\n")
        process = subprocess.Popen([str(shop.binary), "build"], cwd=project,
                                   env=shop.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(attempt * 0.0015)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        shop("build")
        built = (project / ARCHIVE).read_bytes()
        assert built == _cold_bytes(shop), attempt
        # The cold build left a snapshot taken while its files were fresh.
        time.sleep(SETTLE)


def test_bytecode_takes_the_long_way_and_saves_no_snapshot(shop):
    (shop.cwd / "slam.yaml").write_text(CONFIG.replace("  compile: false\n", ""))
    _build(shop)
    result, fast = _build(shop)
    assert not fast, result.stderr
    assert not (shop.cwd / (ARCHIVE + ".snapshot")).exists()
