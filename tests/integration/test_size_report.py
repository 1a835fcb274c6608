"""slam build's size report and summary line."""

import re

GROUP = re.compile(r"^  +[\d.]+ (?:[KMG]i)?B unzipped +[\d.]+ (?:[KMG]i)?B "
                   r"zipped +\d+ files? +(.+)$")


def _groups(lines):
    return [GROUP.match(line).group(1) for line in lines]


def test_build_report_lists_distributions_and_folders(slam, project):
    (project / "static" / "big.bin").write_bytes(b"\x00" * 300_000)

    result = slam("build", "--report")

    lines = result.stdout.splitlines()
    distributions = lines.index("largest distributions:")
    folders = lines.index("largest folders:")
    assert distributions < folders
    listed = _groups(lines[distributions + 1:folders])
    assert any(name.lower().startswith("flask ") for name in listed), listed
    total = lines.index(next(line for line in lines
                             if line.startswith("total:")))
    folder_names = _groups(lines[folders + 1:total])
    # The 300 000-byte file makes static/ the project's largest folder.
    assert folder_names[0] == "static/"
    assert "app.py" not in folder_names and "(top level)" in folder_names
    assert re.match(r"total: \d+\.\d MiB unzipped, \d+(\.\d)? [KM]iB zipped$",
                    [line for line in lines if line.startswith("total:")][0])


def test_build_without_report_prints_no_list(slam):
    result = slam("build")
    assert "largest" not in result.stdout


def test_build_prints_a_summary_line_unless_quiet(slam):
    first = slam("build")
    summary = re.compile(
        r"^packaged \d+ files, [\d.]+ [KM]iB \([\d.]+ [KM]iB unzipped\) "
        r"in \d+\.\d s(, unchanged)?; cache: \d+ of \d+ entries reused$",
        re.M)
    assert summary.search(first.stderr), first.stderr
    second = slam("build")
    # The example reads Flask in place from its python environment: no
    # dependency cache is involved.
    assert re.search(r"unchanged; cache: (\d+) of \1 entries reused", second.stderr)
    assert "packaged" not in slam("-q", "build").stderr


def test_summary_and_progress_leave_no_terminal_codes_off_a_terminal(slam):
    # stderr is a pipe here: no status line is drawn.
    result = slam("build")
    assert "\r" not in result.stderr and "\033[K" not in result.stderr


def test_quiet_build_still_prints_warnings(slam, project):
    config = project / "slam.yaml"
    config.write_text(config.read_text().replace(
        "package:\n", "package:\n  excludes: ['*.md']\n"))

    result = slam("-q", "build")

    assert "packaged" not in result.stderr
    warnings = [line for line in result.stderr.splitlines()
                if "'excludes'" in line]
    assert len(warnings) == 1 and warnings[0].startswith(
        "slam: warning: slam.yaml:"), result.stderr


def test_files_over_the_limit_fail_before_compression(slam, project):
    # Sparse: 1 GiB of size, no disk space, and it would take seconds and
    # gigabytes of memory to compress.
    with open(project / "static" / "huge.bin", "wb") as huge:
        huge.truncate(1 << 30)

    result = slam("build", check=False, timeout=30)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    error = next(line for line in lines if line.startswith("slam: error:"))
    assert re.match(r"slam: error: the package is 1\.0 GiB unzipped, "
                    r"77\d\.\d MiB over Lambda's limit of 250\.0 MiB;", error)
    assert re.match(r"^ +1\.0 GiB unzipped +2 files +static/$",
                    lines[lines.index("largest folders:") + 1])
    assert re.match(r"^total: 1\.0 GiB unzipped$", lines[-1]), lines[-1]
    assert not (project / ".slam" / "entries").exists()
