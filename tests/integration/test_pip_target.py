"""pip is told Lambda's platform: the exact flags it gets (with a fake pip
that records them), a real offline install from a local wheelhouse, and the
message when a requirement has no wheel. Always --no-index: no network."""

import io
import os
import pathlib
import re
import shutil
import stat
import subprocess
import tarfile
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


# Building from source: setuptools and wheel come from Debian's wheels
# (python3-setuptools-whl, python3-wheel-whl), as pip's build isolation
# installs them from the wheelhouse like any other requirement.
DEBIAN_WHEELS = pathlib.Path("/usr/share/python-wheels")

SPEED_C = """\
#include <Python.h>
static PyObject *twice(PyObject *self, PyObject *arg)
{
    long value = PyLong_AsLong(arg);
    if (value == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLong(2 * value);
}
static PyMethodDef methods[] = {{"twice", twice, METH_O, NULL}, {NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speed", NULL, -1,
                                    methods};
PyMODINIT_FUNC PyInit__speed(void) { return PyModule_Create(&module); }
"""


def _sdist(folder, name, native=False):
    """Write the source distribution NAME-1.0.tar.gz into FOLDER: pure
    Python, or with a C extension NAME._speed when NATIVE."""
    base = f"{name}-1.0"
    setup = "from setuptools import setup\n"
    if native:
        setup += ("from setuptools import Extension\n"
                  f"setup(ext_modules=[Extension('{name}._speed', "
                  f"['{name}/_speed.c'])])\n")
    else:
        setup += "setup()\n"
    files = {
        "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n'
                          'build-backend = "setuptools.build_meta"\n',
        "setup.cfg": f"[metadata]\nname = {name}\nversion = 1.0\n"
                     f"[options]\npackages = {name}\n",
        "setup.py": setup,
        "PKG-INFO": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
        f"{name}/__init__.py": "SOURCE = 'built'\n",
    }
    if native:
        files[f"{name}/_speed.c"] = SPEED_C
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / f"{base}.tar.gz", "w:gz") as archive:
        for path, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{base}/{path}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def _build_tools(folder, run):
    # Debian's setuptools wheel carries Debian's patches (install_layout)
    # and builds only under Debian's Python, so that one runs pip.
    run.env["PATH"] = f"/usr/bin{os.pathsep}{run.env['PATH']}"
    tools = sorted(DEBIAN_WHEELS.glob("setuptools-*.whl")) + \
        sorted(DEBIAN_WHEELS.glob("wheel-*.whl"))
    if len(tools) < 2:
        pytest.skip("setuptools and wheel wheels are not in "
                    "/usr/share/python-wheels (python3-setuptools-whl, "
                    "python3-wheel-whl)")
    for tool in tools:
        shutil.copy(tool, folder)


def _build_from_source(project, names, runtime=None, architecture=None):
    config = (project / "slam.yaml").read_text()
    if runtime:
        config = config.replace('"python3.12"', f'"{runtime}"')
    if architecture:
        config = config.replace('"x86_64"', f'"{architecture}"')
    config += f"  build_from_source: [{', '.join(names)}]\n"
    (project / "slam.yaml").write_text(config)


def test_sdist_only_requirement_suggests_building_it(run, function_project):
    _sdist(function_project / "wheels", "srcpkg")
    (function_project / "requirements.txt").write_text("tinypkg\nsrcpkg\n")

    result = run("build", check=False)

    assert result.returncode == 1
    assert ("or let pip build it from source on this machine with "
            "package.build_from_source: [srcpkg] (this machine must then be "
            "Linux on x86_64)") in result.stderr


def test_pure_python_sdist_is_built_from_source(run, function_project):
    _build_tools(function_project / "wheels", run)
    _sdist(function_project / "wheels", "srcpkg")
    (function_project / "requirements.txt").write_text(
        "tinypkg\nsrcpkg==1.0\n")
    _build_from_source(function_project, ["srcpkg"])

    result = run("build")

    assert "building srcpkg from source on this machine" in result.stderr
    with zipfile.ZipFile(function_project / ARCHIVE) as package:
        names = set(package.namelist())
        assert package.read("srcpkg/__init__.py") == b"SOURCE = 'built'\n"
    assert "srcpkg-1.0.dist-info/METADATA" in names
    assert "tinypkg/__init__.py" in names
    # The build tools served pip's build, not the package.
    assert not any(n.startswith(("setuptools/", "wheel/")) for n in names)
    leftovers = [p.name for p in (function_project / ".slam/deps").iterdir()
                 if p.name.endswith("-wheels")]
    assert leftovers == []


def _python_for(runtime):
    python = shutil.which(runtime)
    if python is None:
        pytest.skip(f"{runtime} is not on PATH")
    include = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()"
         "['include'])"], capture_output=True, text=True, check=True)
    if not (pathlib.Path(include.stdout.strip()) / "Python.h").exists():
        pytest.skip(f"{runtime} has no headers (python3-dev)")
    return python


NATIVE_RUNTIME = "python3.11"  # Debian 12's, which CI has


def test_native_sdist_is_built_and_checked(run, function_project, tmp_path):
    python = _python_for(NATIVE_RUNTIME)
    _build_tools(function_project / "wheels", run)
    _sdist(function_project / "wheels", "nativepkg", native=True)
    (function_project / "requirements.txt").write_text("nativepkg\n")
    _build_from_source(function_project, ["nativepkg"], NATIVE_RUNTIME)

    run("build")

    with zipfile.ZipFile(function_project / ARCHIVE) as package:
        package.extractall(tmp_path / "unpacked")
        names = package.namelist()
    extensions = [n for n in names if n.startswith("nativepkg/_speed")]
    assert len(extensions) == 1 and extensions[0].endswith(".so"), names
    # What this machine built runs on the runtime's Python.
    result = subprocess.run(
        [python, "-I", "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
         "import nativepkg._speed as s; print(s.twice(21))",
         str(tmp_path / "unpacked")],
        capture_output=True, text=True, check=True)
    assert result.stdout == "42\n"


def test_native_sdist_for_another_architecture_is_refused(run,
                                                          function_project):
    _python_for(NATIVE_RUNTIME)
    _build_tools(function_project / "wheels", run)
    _sdist(function_project / "wheels", "nativepkg", native=True)
    (function_project / "requirements.txt").write_text("nativepkg\n")
    _build_from_source(function_project, ["nativepkg"], NATIVE_RUNTIME,
                       "arm64")

    result = run("build", check=False)

    assert result.returncode == 1
    assert re.search(
        r"'nativepkg' is in package.build_from_source, but the wheels this "
        r"machine built with python3.11 \(nativepkg-1.0-cp311-cp311-"
        r"linux_x86_64.whl\) do not fit Lambda's python3.11 on arm64: build "
        r"on Linux aarch64 with python3.11 on PATH", result.stderr), \
        result.stderr
    assert not (function_project / ARCHIVE).exists()


def test_failed_source_build_says_what_is_needed(run, function_project):
    _build_tools(function_project / "wheels", run)
    _sdist(function_project / "wheels", "srcpkg")
    (function_project / "requirements.txt").write_text("srcpkg==2.0\n")
    _build_from_source(function_project, ["srcpkg"])

    result = run("build", check=False)

    assert result.returncode == 1
    assert "pip could not build srcpkg from source (exit 1):" in result.stderr
    assert "(a compiler, headers, libraries)" in result.stderr
