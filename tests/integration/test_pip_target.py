"""pip is told Lambda's platform: the exact flags it gets (with a fake pip
that records them), a real offline install from a local wheelhouse, and the
message when a requirement has no wheel. Always --no-index: no network."""

import os
import shutil
import stat
import zipfile

import pytest

from conftest import REPO, Slam

ARCHIVE = ".slam/slam-function-example.zip"


def _wheel(folder, name):
    """Write a pure-Python wheel NAME-1.0-py3-none-any.whl into FOLDER."""
    folder.mkdir(parents=True, exist_ok=True)
    info = f"{name}-1.0.dist-info"
    files = {
        f"{name}/__init__.py": "VALUE = 1\n",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\n"
                            "Version: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: slam-test\n"
                         "Root-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{info}/RECORD"] = "".join(f"{path},,\n" for path in files)
    files[f"{info}/RECORD"] += f"{info}/RECORD,,\n"
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as whl:
        for path, text in files.items():
            whl.writestr(path, text)


@pytest.fixture
def function_project(tmp_path):
    """The function example with a requirements file and a wheelhouse;
    pip may look only there."""
    target = tmp_path / "function"
    shutil.copytree(REPO / "examples/function", target,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    _wheel(target / "wheels", "tinypkg")
    config = (target / "slam.yaml").read_text()
    config = config.replace('lambda_runtime: "python3.12"\n',
                            'lambda_runtime: "python3.12"\n'
                            '  lambda_architecture: "x86_64"\n')
    config += ("requirements: requirements.txt\n"
               "package:\n"
               '  pip_options: ["--no-index", "--find-links", "wheels"]\n')
    (target / "slam.yaml").write_text(config)
    (target / "requirements.txt").write_text("tinypkg\n")
    return target


@pytest.fixture
def run(slam_bin, function_project, aws_env):
    env = dict(aws_env)
    env.pop("PIP_FIND_LINKS", None)
    env.pop("PIP_INDEX_URL", None)
    return Slam(slam_bin, function_project, env)


def _fake_python(folder, record):
    """A python3 first on PATH: records the arguments of 'python3 -m pip'
    in RECORD and succeeds, and runs the real interpreter otherwise."""
    folder.mkdir()
    script = folder / "python3"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then\n'
        f"  printf '%s\\n' \"$@\" > '{record}'\n"
        "  exit 0\n"
        "fi\n"
        'exec /usr/bin/python3 "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def _platform_flags(machine, newest):
    flags = ["--platform", f"manylinux2014_{machine}"]
    for minor in range(17, newest + 1):
        flags += ["--platform", f"manylinux_2_{minor}_{machine}"]
    return flags


@pytest.mark.parametrize("runtime, architecture, machine, newest", [
    ("python3.12", "x86_64", "x86_64", 34),
    ("python3.11", "arm64", "aarch64", 26),
])
def test_pip_gets_the_lambda_target(run, function_project, tmp_path,
                                    runtime, architecture, machine, newest):
    config = (function_project / "slam.yaml").read_text()
    config = config.replace('"python3.12"', f'"{runtime}"')
    config = config.replace('"x86_64"', f'"{architecture}"')
    (function_project / "slam.yaml").write_text(config)
    record = tmp_path / "pip-arguments"
    _fake_python(tmp_path / "fakebin", record)
    run.env["PATH"] = f"{tmp_path / 'fakebin'}{os.pathsep}{run.env['PATH']}"

    run("build")

    arguments = record.read_text().splitlines()
    target = arguments[6]
    assert arguments[:7] == [
        "-m", "pip", "install", "-r",
        str(function_project / "requirements.txt"), "--target", target]
    assert target.startswith(str(function_project / ".slam/deps/"))
    version = runtime.removeprefix("python")
    assert arguments[7:] == _platform_flags(machine, newest) + [
        "--implementation", "cp", "--python-version", version,
        "--abi", "cp" + version.replace(".", ""), "--abi", "abi3",
        "--abi", "none", "--only-binary=:all:", "--upgrade", "--no-compile",
        "--disable-pip-version-check",
        "--no-index", "--find-links", "wheels"]


def test_real_pip_installs_a_wheel_for_lambda(run, function_project):
    run("build")

    with zipfile.ZipFile(function_project / ARCHIVE) as package:
        assert package.testzip() is None
        names = set(package.namelist())
        assert package.read("tinypkg/__init__.py") == b"VALUE = 1\n"
    assert "tinypkg-1.0.dist-info/METADATA" in names
    assert "fizzbuzz.py" in names


def test_requirement_without_wheel_is_named(run, function_project):
    (function_project / "requirements.txt").write_text(
        "tinypkg\nnative-only==2.0\n")

    result = run("build", check=False)

    assert result.returncode == 1
    assert "No matching distribution found for native-only==2.0" \
        in result.stderr
    assert ("'native-only==2.0' in 'requirements.txt' has no wheel for "
            "Lambda (python3.12 on x86_64, platform manylinux2014_x86_64 or "
            "manylinux up to the runtime's glibc); pin a version of it"
            ) in result.stderr
    assert not (function_project / ARCHIVE).exists()


def test_cache_is_reused_until_rebuild_deps(run, function_project):
    run("build")
    # Without the wheelhouse pip cannot succeed: a build that still does
    # took the cache, one that fails ran pip.
    shutil.rmtree(function_project / "wheels")

    run("build")
    rebuilt = run("build", "--rebuild-deps", check=False)

    assert rebuilt.returncode == 1
    assert "No matching distribution found for tinypkg" in rebuilt.stderr


def test_changed_architecture_installs_again(run, function_project):
    run("build")
    shutil.rmtree(function_project / "wheels")
    config = (function_project / "slam.yaml").read_text()
    (function_project / "slam.yaml").write_text(
        config.replace('"x86_64"', '"arm64"'))

    result = run("build", check=False)

    assert result.returncode == 1
    assert "(python3.12 on arm64, platform manylinux2014_aarch64" \
        in result.stderr
