"""A rebuild compresses only what changed: entries come from .slam/entries/."""

import hashlib
import re
import zipfile

ARCHIVE = ".slam/slam-flask-example.zip"
SUMMARY = re.compile(r"(\d+) files \((\d+) compressed, (\d+) cached\)")


def _counts(result):
    match = SUMMARY.search(result.stdout)
    assert match, result.stdout
    return tuple(int(group) for group in match.groups())


def test_rebuild_compresses_only_changed_files(slam, project):
    files, compressed, cached = _counts(slam("build"))
    assert compressed > 0
    assert compressed + cached == files

    again = slam("build")
    assert _counts(again) == (files, 0, files)
    assert "(unchanged)" in again.stdout

    app = project / "app.py"
    app.write_text(app.read_text() + "\n# one change\n")
    changed = slam("build")
    assert _counts(changed) == (files, 1, files - 1)
    assert "(unchanged)" not in changed.stdout
    with zipfile.ZipFile(project / ARCHIVE) as package:
        assert package.testzip() is None
        assert package.read("app.py").endswith(b"# one change\n")


def test_damaged_cache_entry_is_compressed_again(slam, project):
    files, _, _ = _counts(slam("build"))
    first = (project / ARCHIVE).read_bytes()
    # The build's entries are in one pack, each record keyed by the SHA-256
    # of its content's SHA-256 and the compression settings.
    (pack,) = (project / ".slam/entries").iterdir()
    digest = hashlib.sha256((project / "app.py").read_bytes()).digest()
    key = hashlib.sha256(digest + b"libdeflate level 4, compressed formats stored").digest()
    records = bytearray(pack.read_bytes())
    at = records.index(key) + len(key) + 40  # in the record's stored bytes
    records[at] ^= 0xFF
    pack.write_bytes(bytes(records))

    result = slam("build")
    assert _counts(result) == (files, 1, files - 1)
    assert (project / ARCHIVE).read_bytes() == first
    (repaired,) = (project / ".slam/entries").iterdir()
    assert slam("build").stdout.count("(0 compressed,") == 1


def test_a_rebuild_rewrites_the_end_and_equals_a_clean_build(
        slam, slam_bin, aws_env, project, tmp_path):
    import shutil
    from conftest import Slam

    slam("build")
    archive = project / ARCHIVE
    inode = archive.stat().st_ino
    app = project / "app.py"
    app.write_text(app.read_text() + "\n# one change\n")
    rebuilt = slam("build")
    # Rewritten in place: the project's files are at the zip's end.
    assert archive.stat().st_ino == inode
    assert (project / (ARCHIVE + ".layout")).is_file()

    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns(".slam"))
    Slam(slam_bin, clean, aws_env)("build")
    assert archive.read_bytes() == (clean / ARCHIVE).read_bytes()
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert digest in rebuilt.stdout
