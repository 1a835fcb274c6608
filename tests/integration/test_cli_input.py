"""What a new user runs into: output that cannot be written, empty or
odd arguments, missing files, and text a terminal would act on."""

import os
import pty
import subprocess

import pytest

from test_logs import (LAMBDA_GROUP, LATEST_ID, deployed, now_ms, stream,
                       writer)  # noqa: F401 (fixtures)


def _run(slam, *args, stdout):
    return subprocess.run([str(slam.binary), *args], cwd=slam.cwd,
                          env=slam.env, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.mark.parametrize("args", [("template",), ("status", "--json")])
def test_output_that_cannot_be_written_is_an_error(slam, args):
    with open("/dev/full", "w") as full:
        result = _run(slam, *args, stdout=full)
    assert result.returncode == 1
    assert result.stderr == (
        "slam: error: cannot write output: No space left on device\n")


def test_output_to_a_closed_pipe_ends_quietly_with_status_1(slam):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _run(slam, "template", stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == ""


def test_missing_requirements_file_named_in_the_config(slam, project):
    (project / "requirements.txt").unlink()
    result = slam("build", check=False)
    assert result.returncode == 1
    assert result.stderr.endswith(
        "slam: error: the requirements file 'requirements.txt' does not "
        "exist; create it (it may be empty) or fix 'requirements' in "
        "'slam.yaml'\n")


def test_missing_default_requirements_file_means_no_dependencies(slam,
                                                                 project):
    (project / "requirements.txt").unlink()
    config = project / "slam.yaml"
    text = config.read_text()
    config.write_text(text.replace('requirements: "requirements.txt"\n', ""))
    result = slam("build")
    assert "error" not in result.stderr


def test_json_number_overflow_is_invalid_json(slam):
    result = slam("invoke", "--dry-run", "x:=1e999", check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "slam: error: argument 'x:=1e999' is not valid JSON after ':=': ")
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("args, what", [
    (("deploy", "--stage", ""), "stage"),
    (("invoke", "--stage", ""), "stage"),
    (("logs", "--stage", ""), "stage"),
    (("publish", ""), "stage"),
    (("publish", "prod", "--version", ""), "version"),
])
def test_empty_stage_or_version_is_a_usage_error(slam, args, what):
    result = slam(*args, check=False)
    assert result.returncode == 2
    assert f"the {what} is empty" in result.stderr.splitlines()[0]
    assert result.stdout == ""


def test_version_number_with_leading_zeros(function_slam):
    slam = function_slam
    slam("deploy")
    slam("publish", "prod")
    again = slam("publish", "dev", "--version", "01")
    assert again.stdout == "dev now points at version 1\n"
    zero = slam("publish", "prod", "--version", "00", check=False)
    assert zero.returncode == 2
    assert "there is no version 00: versions count from 1" in zero.stderr


ESCAPES = "red \x1b[31mtext\x1b[0m \x1b]0;title\x07 done"


def test_logs_show_control_characters_on_a_terminal(slam, deployed, writer):
    writer.put(LAMBDA_GROUP, stream("$LATEST", LATEST_ID),
               [(now_ms() - 1_000, ESCAPES)])
    main, terminal = pty.openpty()
    try:
        result = _run(slam, "logs", stdout=terminal)
        os.close(terminal)
        terminal = None
        output = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # EIO: the terminal has no writer left
                break
            if not chunk:
                break
            output += chunk
    finally:
        if terminal is not None:
            os.close(terminal)
        os.close(main)
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in output and b"\x07" not in output
    assert (b"red \\x1b[31mtext\\x1b[0m \\x1b]0;title\\x07 done"
            in output), output


def test_logs_pass_control_characters_through_a_pipe(slam, deployed, writer):
    writer.put(LAMBDA_GROUP, stream("$LATEST", LATEST_ID),
               [(now_ms() - 1_000, ESCAPES)])
    result = slam("logs")
    assert result.stdout.endswith(f" {ESCAPES}\n")


def test_tail_of_an_unknown_stage_fails_before_following(slam):
    result = slam("logs", "-t", "--stage", "nosuch", check=False)
    assert result.returncode == 2
    assert "following" not in result.stderr
    assert result.stderr.startswith("slam: error: unknown stage 'nosuch'")
