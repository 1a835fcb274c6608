"""Bad input: one clear "slam: error:" line and a non-zero exit."""

import re
import subprocess

import pytest


def _error_lines(result):
    return [line for line in result.stderr.splitlines() if line.startswith("slam: error:")]


def _single_error(result, status):
    assert result.returncode == status, result.stderr
    lines = _error_lines(result)
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_missing_config(slam, project):
    (project / "slam.yaml").unlink()
    line = _single_error(slam("build", check=False), 2)
    assert line == (
        "slam: error: config file 'slam.yaml' not found; run 'slam init "
        "module:app' to create one, or pass -c FILE"
    )


def test_malformed_config(slam, project):
    (project / "slam.yaml").write_text("name: shop\nfunction: {module: app\n")
    line = _single_error(slam("deploy", check=False), 2)
    assert re.match(r"slam: error: slam\.yaml:\d+:\d+: invalid YAML: ", line), line


def test_wrong_type(slam, project):
    text = (project / "slam.yaml").read_text()
    (project / "slam.yaml").write_text(
        text.replace("lambda_memory: 256", "lambda_memory: lots")
    )
    line = _single_error(slam("template", check=False), 2)
    assert re.fullmatch(
        r"slam: error: slam\.yaml:\d+:18: lambda_memory must be an integer "
        r"between 128 and 10240",
        line,
    ), line


def test_unknown_stage(slam):
    line = _single_error(slam("deploy", "--stage", "staging", check=False), 2)
    assert line == (
        "slam: error: unknown stage 'staging'; the stages in slam.yaml are: "
        "dev, prod"
    )


def test_missing_credentials(slam):
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        del slam.env[key]
    line = _single_error(slam("status", check=False), 1)
    assert "no AWS credentials found" in line
    assert "testing" not in line


def test_unreachable_endpoint(slam):
    slam.env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1"
    result = slam("status", check=False, timeout=120)
    line = _single_error(result, 1)
    assert "cannot reach http://127.0.0.1:1" in line, line


def test_failing_pip(slam, project):
    text = (project / "slam.yaml").read_text()
    text = text.replace(
        '  python_environment: "python3"',
        '  pip_options: ["--no-index"]',
    )
    (project / "slam.yaml").write_text(text)
    (project / "requirements.txt").write_text("no-such-package-slam-test==1.0\n")
    line = _single_error(slam("build", check=False), 1)
    assert line.startswith(
        "slam: error: pip failed to install the requirements in "
        "'requirements.txt'"
    ), line


def test_unknown_command_suggests(slam):
    line = _single_error(slam("deplyo", check=False), 2)
    assert line == (
        "slam: error: unknown command 'deplyo'; did you mean 'deploy'? "
        "(see 'slam --help')"
    )


def test_usage_error_prints_usage(slam):
    result = slam("deploy", "--no-such-flag", check=False)
    assert result.returncode == 2
    assert _error_lines(result) == [
        "slam: error: the following argument was not expected: --no-such-flag"
    ]
    assert "Usage: slam deploy [OPTIONS]" in result.stderr
    assert "--lambda-package" in result.stderr


def test_native_file_of_wrong_machine(slam, project):
    # A minimal ELF64 header for AArch64 (e_machine 183), no sections.
    header = b"\x7fELF\x02\x01\x01" + bytes(9) + (3).to_bytes(2, "little")
    header += (183).to_bytes(2, "little") + bytes(44)
    (project / "lib").mkdir()
    (project / "lib" / "fast.so").write_bytes(header)
    line = _single_error(slam("build", check=False), 1)
    assert line == (
        "slam: error: native file 'lib/fast.so' of the project is an ELF "
        "file for AArch64, but the x86_64 architecture needs x86-64; rebuild "
        "it for Linux x86_64 with glibc 2.34 or older, or exclude it with "
        "package.exclude"
    )


def test_failed_build_removes_the_previous_package(slam, project):
    slam("build")
    package = project / ".slam" / "slam-flask-example.zip"
    assert package.is_file()
    (project / "lib").mkdir()
    (project / "lib" / "fast.so").write_bytes(b"\x7fELF\x01" + bytes(59))

    result = slam("build", check=False)

    assert result.returncode == 1
    assert not package.exists()
    assert result.stderr.splitlines()[-1] == (
        "removed the previous package '.slam/slam-flask-example.zip' so "
        "that nothing deploys it by mistake")
