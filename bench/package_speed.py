"""How fast `slam build` packs a large project, cold and incrementally.

Builds a realistic project in a temporary folder: a small Flask app of a
few modules, and a virtualenv (package.python_environment) holding boto3,
Flask and all their dependencies copied from the site-packages of the
python3 on PATH, named by a requirements.txt as a user would. Then runs,
interleaved round by round (the machine is shared and noisy, so each
figure is the best of its rounds):
  - cold: `slam build` with .slam/ removed (no dependency copy, no entry
    cache);
  - one-file: one app module's content changed, then `slam build`;
  - no-change: `slam build` again, which must compress nothing (its
    summary must say every entry was reused);
  - python: the way Zappa and Chalice pack, zipfile.ZipFile with
    ZIP_DEFLATED over os.walk of a staging tree of the same files;
  - zip -qr over the same staging tree.
The staging tree is the package's own content minus Slam's runtime files
and slam_config.json, so every tool zips the same files.

Usage: python3 bench/package_speed.py [--rounds N] [--slam PATH]
(exits 1 if a target is missed: cold at least 3x faster than python and
faster than zip -qr, one-file at least 20x faster than cold, no-change
compressing nothing)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DISTRIBUTIONS = [
    "boto3", "botocore", "s3transfer", "jmespath", "python-dateutil", "six",
    "urllib3", "flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous",
    "click", "blinker",
]
# Slam's own files in every package: not part of the user's tree.
RUNTIME = re.compile(r"^(slam_handler\.py|slam_config\.json|slam_adapter/.*)$")
COUNTS = re.compile(r"(\d+) files \((\d+) compressed, (\d+) cached\)")
REUSED = re.compile(r"(\d+) of (\d+) entries reused")
PYTHON_BASELINE = '''
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, root))
'''
APP_MODULES = {
    "app.py": '''
"""The shop's WSGI entry point."""
from shop import create_app

app = create_app()
''',
    "shop/__init__.py": '''
from flask import Flask


def create_app():
    from shop.views import blueprint

    app = Flask(__name__)
    app.register_blueprint(blueprint)
    return app
''',
    "shop/models.py": '''
import dataclasses


@dataclasses.dataclass
class Item:
    id: int
    name: str
    price_cents: int


ITEMS = {1: Item(1, "pen", 150), 2: Item(2, "notebook", 420)}
''',
    "shop/storage.py": '''
import boto3


def bucket(name):
    return boto3.resource("s3").Bucket(name)
''',
    "shop/views.py": '''
import dataclasses

from flask import Blueprint, abort, jsonify, render_template

from shop.models import ITEMS

blueprint = Blueprint("shop", __name__)


@blueprint.get("/items")
def items():
    return jsonify([dataclasses.asdict(item) for item in ITEMS.values()])


@blueprint.get("/items/<int:item_id>")
def item(item_id):
    if item_id not in ITEMS:
        abort(404)
    return jsonify(dataclasses.asdict(ITEMS[item_id]))


@blueprint.get("/")
def index():
    return render_template("index.html", items=ITEMS.values())
''',
    "shop/templates/index.html": '''<!doctype html>
<ul>{% for item in items %}<li>{{ item.name }}</li>{% endfor %}</ul>
''',
}
CHANGED_MODULE = "shop/views.py"
CONFIG = '''name: "bench-shop"
function:
  module: "app"
  app: "app"
requirements: "requirements.txt"
aws:
  lambda_runtime: "python3.12"
package:
  python_environment: ".venv"
'''
COMPILE_OFF = "  compile: false\n"


class Skip(Exception):
    """The machine lacks what the benchmark needs."""


def site_packages(python: str) -> Path:
    """Return the site-packages of PYTHON (where botocore is)."""
    code = "import botocore, os; print(os.path.dirname(os.path.dirname(botocore.__file__)))"
    result = subprocess.run([python, "-c", code], capture_output=True, text=True)
    if result.returncode != 0:
        raise Skip(f"{python} has no botocore: {result.stderr.strip()}")
    return Path(result.stdout.strip())


def dist_info(site: Path, name: str) -> Path:
    """Return the .dist-info folder of distribution NAME in SITE."""
    normal = re.sub(r"[-_.]+", "_", name).lower()
    for folder in site.glob("*.dist-info"):
        if re.sub(r"[-_.]+", "_", folder.name.split("-")[0]).lower() == normal:
            return folder
    raise Skip(f"'{name}' is not installed in {site}")


def copy_distribution(site: Path, name: str, target: Path) -> None:
    """Copy the files the RECORD of NAME lists, as pip installed them,
    without bytecode caches and scripts outside site-packages."""
    record = dist_info(site, name) / "RECORD"
    for line in record.read_text().splitlines():
        path = line.rsplit(",", 2)[0]
        if not path or path.startswith("..") or "__pycache__" in path:
            continue
        source = site / path
        if source.is_file():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / path)


def make_project(folder: Path, python: str) -> None:
    """Write the app, its requirements and slam.yaml, and a virtualenv
    holding the distributions."""
    site = site_packages(python)
    for name in DISTRIBUTIONS:
        dist_info(site, name)  # skip before copying anything
    for path, text in APP_MODULES.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text.lstrip("\n"))
    (folder / "requirements.txt").write_text("boto3\nflask\n")
    subprocess.run([python, "-m", "venv", "--without-pip", str(folder / ".venv")],
                   check=True)
    target = next((folder / ".venv/lib").glob("python3*")) / "site-packages"
    for name in DISTRIBUTIONS:
        copy_distribution(site, name, target)
    (folder / "slam.yaml").write_text(CONFIG + COMPILE_OFF)


class Runner:
    """Runs slam build in the project, offline and with fake credentials."""

    def __init__(self, slam: Path, project: Path, home: Path):
        self.slam, self.project = slam, project
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        self.env.update(
            AWS_ENDPOINT_URL="http://127.0.0.1:9",
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            AWS_DEFAULT_REGION="us-east-1",
            AWS_EC2_METADATA_DISABLED="true",
            AWS_SHARED_CREDENTIALS_FILE=str(home / "no-credentials"),
            AWS_CONFIG_FILE=str(home / "no-config"),
        )

    def build(self) -> tuple[float, subprocess.CompletedProcess]:
        """Return the wall time of one `slam build` and its result."""
        start = time.perf_counter()
        result = subprocess.run([str(self.slam), "build"], cwd=self.project,
                                env=self.env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError(f"slam build failed:\n{result.stderr}")
        return elapsed, result

    def knows_compile(self) -> bool:
        """Build once; return False when this Slam warns that
        package.compile is an unknown key (it is then ignored)."""
        _, result = self.build()
        return "unknown key 'compile'" not in result.stderr


def counts(result: subprocess.CompletedProcess) -> tuple[int, int, int]:
    """Return (files, compressed, cached) from a build's output line."""
    match = COUNTS.search(result.stdout)
    if not match:
        raise RuntimeError(f"no file counts in: {result.stdout}")
    return tuple(int(group) for group in match.groups())


def reused(result: subprocess.CompletedProcess) -> tuple[int, int]:
    """Return (reused, total) entries from the build's summary line."""
    match = REUSED.search(result.stdout + result.stderr)
    if not match:
        raise RuntimeError(f"no reused entries in: {result.stderr}")
    return int(match.group(1)), int(match.group(2))


def stage(archive: Path, staging: Path) -> tuple[int, int]:
    """Extract the package's user files into STAGING; return their count
    and the package's total count."""
    with zipfile.ZipFile(archive) as package:
        names = package.namelist()
        user = [name for name in names if not RUNTIME.match(name)]
        for name in user:
            package.extract(name, staging)
    return len(user), len(names)


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True)
    return time.perf_counter() - start


def zip_count(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return len(archive.namelist())


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


class Missed(Exception):
    """A build did not do what it must."""


def expect(condition: bool, what: str, result: subprocess.CompletedProcess) -> None:
    if not condition:
        raise Missed(f"{what}: no\n{result.stdout}{result.stderr}")


def run_rounds(runner: Runner, work: Path, rounds: int) -> dict[str, list[float]]:
    """Measure every case ROUNDS times, interleaved; check the incremental
    builds compress what they must."""
    project, staging = runner.project, work / "staging"
    module = project / CHANGED_MODULE
    times: dict[str, list[float]] = {name: [] for name in
                                     ("cold", "one_file", "no_change", "python", "zip")}
    for round_number in range(rounds):
        shutil.rmtree(project / ".slam", ignore_errors=True)
        elapsed, result = runner.build()
        times["cold"].append(elapsed)
        files, compressed, cached = counts(result)
        # Cached here: files of the same content as one compressed before.
        expect(compressed + cached == files and compressed > 0,
               "the cold build compressed the entries", result)

        module.write_text(module.read_text() + f"\n# round {round_number}\n")
        elapsed, result = runner.build()
        times["one_file"].append(elapsed)
        expect(counts(result) == (files, 1, files - 1),
               "the one-file rebuild compressed one entry", result)

        elapsed, result = runner.build()
        times["no_change"].append(elapsed)
        expect(counts(result) == (files, 0, files) and reused(result) == (files, files),
               "the no-change rebuild compressed nothing, reused every entry", result)

        python_zip, plain_zip = work / "python.zip", work / "plain.zip"
        python_zip.unlink(missing_ok=True)
        plain_zip.unlink(missing_ok=True)
        times["python"].append(timed(
            [sys.executable, "-c", PYTHON_BASELINE, str(staging), str(python_zip)],
            work))
        times["zip"].append(timed(["zip", "-qr", str(plain_zip), "."], staging))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--slam", type=Path, default=REPO / "build/release/slam")
    parser.add_argument("--python", default="python3",
                        help="interpreter whose site-packages to copy")
    options = parser.parse_args()
    if not os.access(options.slam, os.X_OK):
        print(f"slam binary not found or not executable at {options.slam}; "
              "build it first")
        return 1
    if shutil.which("zip") is None:
        print("skipped: zip is not installed")
        return 0
    work = Path(tempfile.mkdtemp(prefix="slam-bench-package-"))
    try:
        project = work / "project"
        project.mkdir()
        try:
            make_project(project, options.python)
        except Skip as reason:
            print(f"skipped: {reason}")
            return 0
        runner = Runner(options.slam.resolve(), project, work)
        compile_known = runner.knows_compile()
        archive = project / ".slam" / "bench-shop.zip"
        user_files, package_files = stage(archive, work / "staging")
        try:
            times = run_rounds(runner, work, options.rounds)
        except Missed as missed:
            print(f"MISS  {missed}")
            return 1
        sizes = {
            "tree": tree_bytes(work / "staging"),
            "slam": archive.stat().st_size,
            "python": (work / "python.zip").stat().st_size,
            "zip": (work / "plain.zip").stat().st_size,
        }
        files = {
            "slam": package_files,
            "staging": user_files,
            "python": zip_count(work / "python.zip"),
            "zip": sum(1 for name in zipfile.ZipFile(work / "plain.zip").namelist()
                       if not name.endswith("/")),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report(times, sizes, files, compile_known)


def report(times, sizes, files, compile_known: bool) -> int:
    """Print the figures and the targets; return 1 when one is missed."""
    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    mb = 1024 * 1024
    print(f"tree: {files['staging']} files, {sizes['tree'] / mb:.1f} MB "
          f"(Slam's package: {files['slam']} files with its runtime; "
          f"python zip {files['python']}, zip -qr {files['zip']} files)")
    print(f"zip sizes: slam {sizes['slam'] / mb:.1f} MB, python "
          f"{sizes['python'] / mb:.1f} MB, zip -qr {sizes['zip'] / mb:.1f} MB")
    if not compile_known:
        print("note: this Slam does not know package.compile yet (ignored)")
    labels = {
        "cold": "slam build, cold (no .slam)",
        "one_file": "slam build, one app file changed",
        "no_change": "slam build, no change",
        "python": "python zipfile ZIP_DEFLATED",
        "zip": "zip -qr",
    }
    print(f"{'':36} {'best':>8} {'median':>8}")
    for name, label in labels.items():
        print(f"{label:36} {best[name] * 1000:6.0f} ms {median[name] * 1000:6.0f} ms")
    vs_python = best["python"] / best["cold"]
    vs_zip = best["zip"] / best["cold"]
    incremental = best["cold"] / best["one_file"]
    print(f"cold vs python {vs_python:.1f}x, vs zip -qr {vs_zip:.1f}x; "
          f"cold vs one-file {incremental:.1f}x")
    checks = [
        ("cold build >= 3x faster than python zipfile", vs_python >= 3.0),
        ("cold build faster than zip -qr", vs_zip > 1.0),
        ("one-file rebuild >= 20x faster than cold", incremental >= 20.0),
        ("file counts: package = tree + Slam's runtime; baselines = tree",
         files["python"] == files["staging"] == files["zip"]),
    ]
    for name, passed in checks:
        print(f"{'PASS' if passed else 'MISS'}  {name}")
    print("PASS  no-change rebuild compressed nothing (every round: "
          "0 compressed, all entries reused)")
    return 0 if all(passed for _, passed in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
