"""What the interruption tests share: a medium project in a few variants
(with requirements from a local wheelhouse and bytecode), and a watch on
the processes slam leaves behind.

The test process makes itself a child subreaper (PR_SET_CHILD_SUBREAPER),
so that whatever outlives a killed slam is re-parented to it, not to init:
leftovers are then found by PID among its own children.
"""

import ctypes
import os
import random
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

NAME = "slam-interrupts"
ZIP = f"{NAME}.zip"
PR_SET_CHILD_SUBREAPER = 36
# Variant 0 is the base; each other one changes some modules, and variant
# 2 also needs a third distribution, which a build installs with pip.
VARIANTS = 3
REQUIREMENTS = {0: ("tinyalpha", "tinybeta"), 1: ("tinyalpha", "tinybeta"),
                2: ("tinyalpha", "tinybeta", "tinygamma")}

CONFIG = f"""\
name: {NAME}
function:
  module: app
  app: handler
interface: function
requirements: requirements.txt
aws:
  lambda_runtime: python3.11
  lambda_architecture: x86_64
package:
  compile: true
  pip_options: ["--no-index", "--find-links", "{{wheels}}"]
"""


def _module_text(rng: random.Random, size: int) -> str:
    lines, length = [], 0
    while length < size:
        line = f"VALUE_{len(lines)} = {rng.getrandbits(160):#x}\n"
        lines.append(line)
        length += len(line)
    return "".join(lines) + "\n\ndef value():\n    return VALUE_0\n"


def write_wheel(folder: Path, name: str, modules: int) -> None:
    """Write a pure-Python wheel NAME-1.0 of MODULES modules into FOLDER."""
    info = f"{name}-1.0.dist-info"
    files = {f"{name}/__init__.py": "VALUE = 1\n"}
    for index in range(modules):
        files[f"{name}/part{index}.py"] = f"PART = {index}\n" * 40
    files[f"{info}/METADATA"] = (f"Metadata-Version: 2.1\nName: {name}\n"
                                 "Version: 1.0\n")
    files[f"{info}/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: slam-test\n"
                              "Root-Is-Purelib: true\nTag: py3-none-any\n")
    files[f"{info}/RECORD"] = "".join(f"{path},,\n" for path in files)
    files[f"{info}/RECORD"] += f"{info}/RECORD,,\n"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as whl:
        for path, text in files.items():
            whl.writestr(path, text)


class MediumProject:
    """A project of ~300 modules and 1 MB of data in VARIANTS variants,
    all made from SEED; switch() writes the files a variant changes."""

    def __init__(self, root: Path, wheels: Path, seed: int):
        self.root = root
        rng = random.Random(seed)
        base = {"slam.yaml": CONFIG.format(wheels=wheels).encode(),
                "app.py": b"import pkg0.mod0\n\n\ndef handler(event, context):"
                          b"\n    return pkg0.mod0.value()\n"}
        for package in range(10):
            base[f"pkg{package}/__init__.py"] = b""
            for module in range(30):
                size = rng.randint(300, 12000)
                base[f"pkg{package}/mod{module}.py"] = _module_text(
                    rng, size).encode()
        for blob in range(4):
            base[f"data/blob{blob}.bin"] = rng.randbytes(256 * 1024)
        self.variants = []
        modules = sorted(name for name in base if "/mod" in name)
        for variant in range(VARIANTS):
            files = dict(base)
            changed = random.Random(seed + variant).sample(modules, 20)
            for name in changed if variant else []:
                files[name] = _module_text(rng, rng.randint(300, 12000)).encode()
            files["requirements.txt"] = "".join(
                f"{name}\n" for name in REQUIREMENTS[variant]).encode()
            self.variants.append(files)
        for name in ("tinyalpha", "tinybeta", "tinygamma"):
            write_wheel(wheels, name, 40)
        self.current = None

    def switch(self, variant: int, root: Path = None) -> None:
        """Make ROOT (the project by default) hold VARIANT, writing only the
        files that differ."""
        root = root or self.root
        for name, content in self.variants[variant].items():
            path = root / name
            if not path.exists() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        if root == self.root:
            self.current = variant

    def cold_zip(self, slam_bin: Path, folder: Path, env: dict,
                 variant: int) -> tuple:
        """Build VARIANT in the fresh FOLDER; return its zip's bytes and how
        long the build took."""
        self.switch(variant, folder)
        started = time.monotonic()
        subprocess.run([str(slam_bin), "build"], cwd=folder, env=env,
                       check=True, capture_output=True, timeout=300)
        elapsed = time.monotonic() - started
        data = (folder / ".slam" / ZIP).read_bytes()
        shutil.rmtree(folder)
        return data, elapsed


def set_subreaper(on: bool) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1 if on else 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def _children() -> dict:
    """This process's children: pid -> state letter."""
    me, found = os.getpid(), {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1]
        except OSError:
            continue
        state, ppid = fields.split()[:2]
        if int(ppid) == me:
            found[int(entry)] = state
    return found


def children_now() -> set:
    return set(_children())


def orphans_after(before: set, timeout: float = 5.0) -> list:
    """Reap the processes that became this process's children since BEFORE
    as they end; return the command lines of those still running after
    TIMEOUT seconds, which are then killed."""
    deadline = time.monotonic() + timeout
    while True:
        alive = {}
        for pid, state in _children().items():
            if pid in before:
                continue
            if state == "Z":
                os.waitpid(pid, 0)
            else:
                alive[pid] = state
        if not alive or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    lines = []
    for pid in alive:
        try:
            lines.append(Path(f"/proc/{pid}/cmdline").read_text().replace(
                "\0", " "))
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
    return lines
