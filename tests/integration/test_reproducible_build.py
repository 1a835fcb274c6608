"""Two clean checkouts of one project build byte-identical packages."""

import os
import stat
import zipfile
from pathlib import Path

from conftest import REPO, Slam

EXAMPLE = REPO / "examples/flask_app"
ARCHIVE = ".slam/slam-flask-example.zip"


def _example_files():
    """The example's files, relative, without build output or caches."""
    return sorted(
        path.relative_to(EXAMPLE)
        for path in EXAMPLE.rglob("*")
        if path.is_file()
        and ".slam" not in path.parts
        and "__pycache__" not in path.parts
    )


def _checkout(target: Path, order, mtime: int, mode: int) -> None:
    """Copy the example into TARGET, creating its files in ORDER, each
    with MTIME and permission bits MODE (as another umask leaves them)."""
    for relative in order:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((EXAMPLE / relative).read_bytes())
        path.chmod(mode)
        os.utime(path, (mtime, mtime))
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        os.utime(folder, (mtime, mtime))


def test_two_checkouts_build_the_same_bytes(slam_bin, aws_env, tmp_path):
    files = _example_files()
    assert Path("app.py") in files and len(files) > 2
    first = tmp_path / "a"
    second = tmp_path / "checkouts" / ("long-" * 12 + "path") / "flask_app"
    _checkout(first, files, mtime=1_000_000_000, mode=0o644)
    _checkout(second, list(reversed(files)), mtime=1_700_000_000, mode=0o600)
    # A group-writable file with the execute bit off stays a plain file.
    (second / "app.py").chmod(0o664)

    for checkout in (first, second):
        Slam(slam_bin, checkout, aws_env)("build")

    one, two = (checkout / ARCHIVE for checkout in (first, second))
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as package:
        modes = {
            info.filename: stat.S_IMODE(info.external_attr >> 16)
            for info in package.infolist()
        }
    # The project's own files, whatever their bits were, are plain files
    # (slam.yaml stays out of the package).
    packaged = [path.as_posix() for path in files if path.name != "slam.yaml"]
    assert {name: modes[name] for name in packaged} == dict.fromkeys(packaged, 0o644)
