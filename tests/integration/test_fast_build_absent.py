"""What a build found missing it records as absent: a dependency file its
RECORD lists, the target of a broken symlink. When it appears, the next
build takes the long way and gives what a cold build gives (a tester
found the fast way packaging as if it were still missing)."""

import time

from test_fast_build import ARCHIVE, SETTLE, _build, _cold_bytes, shop  # noqa: F401


def _site(project):
    return next((project / ".venv/lib").glob("python3*")) / "site-packages"


def test_a_dependency_file_that_comes_back_takes_the_long_way(shop):
    project = shop.cwd
    listed = sorted(p for p in (_site(project) / "itsdangerous").iterdir()
                    if p.is_file())[0]
    kept = listed.read_bytes()
    listed.unlink()
    time.sleep(SETTLE)
    _build(shop)
    result, fast = _build(shop)
    assert fast, result.stderr

    listed.write_bytes(kept)
    time.sleep(SETTLE)
    result, fast = _build(shop)

    assert not fast, result.stderr
    assert (project / ARCHIVE).read_bytes() == _cold_bytes(shop)


def test_a_broken_link_whose_target_appears_takes_the_long_way(shop, tmp_path):
    project = shop.cwd
    outside = tmp_path / "outside.py"
    (project / "shop/shared.py").symlink_to(outside)
    time.sleep(SETTLE)
    first, _ = _build(shop)
    assert "broken symlink" in first.stderr
    result, fast = _build(shop)
    assert fast, result.stderr

    outside.write_text("SHARED = 1\n")
    time.sleep(SETTLE)
    result = shop("-v", "build", check=False)

    # As a cold build of this tree: a link out of the project is refused.
    assert result.returncode != 0
    assert "points outside the project" in result.stderr
    assert "the fast way" not in result.stderr


def test_a_broken_link_to_a_folder_that_appears_takes_the_long_way(shop, tmp_path):
    project = shop.cwd
    outside = tmp_path / "vendor"
    (project / "shop/vendor").symlink_to(outside)
    time.sleep(SETTLE)
    _build(shop)
    result, fast = _build(shop)
    assert fast, result.stderr

    outside.mkdir()
    (outside / "util.py").write_text("X = 1\n")
    time.sleep(SETTLE)
    result = shop("-v", "build", check=False)

    assert result.returncode != 0
    assert "points outside the project" in result.stderr
