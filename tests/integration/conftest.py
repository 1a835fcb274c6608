"""Fixtures that run the built slam binary against a loopback moto_server."""

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SLAM_SHARED_DIR", REPO.parent / "shared"))


def runtime_files() -> dict:
    """Slam's runtime as every package holds it at its root: name -> bytes."""
    runtime = REPO / "runtime"
    paths = [runtime / "slam_handler.py",
             *sorted((runtime / "slam_adapter").glob("*.py"))]
    return {path.relative_to(runtime).as_posix(): path.read_bytes()
            for path in paths}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("moto_server exited at start")
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("moto_server did not start within 30 s")


@pytest.fixture(scope="session")
def slam_bin() -> Path:
    path = Path(os.environ.get("SLAM_BIN", REPO / "build/release/slam"))
    if not path.exists():
        pytest.fail(f"slam binary not found at {path}; run scripts/build.sh")
    return path


@pytest.fixture(scope="session")
def moto_url():
    """A moto_server on a free loopback port for the whole session."""
    if shutil.which("moto_server") is None:
        pytest.skip("moto_server is not installed")
    port = _free_port()
    process = subprocess.Popen(
        ["moto_server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def moto(moto_url):
    """The moto_server, reset to empty before each test."""
    request = urllib.request.Request(moto_url + "/moto-api/reset", method="POST")
    urllib.request.urlopen(request, timeout=10)
    return moto_url


def loopback_aws_env(moto_url: str, folder: Path) -> dict:
    """Return an environment for slam: fake credentials, no AWS files
    (FOLDER holds none), and every AWS endpoint on the loopback moto."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_")
    }
    env.update(
        AWS_ENDPOINT_URL=moto_url,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_SHARED_CREDENTIALS_FILE=str(folder / "no-credentials"),
        AWS_CONFIG_FILE=str(folder / "no-config"),
        HOME=str(folder / "home"),
        # Retries wait milliseconds, not seconds (the defaults are for AWS).
        SLAM_RETRY_BASE_MS="10",
    )
    return env


@pytest.fixture
def aws_env(moto, tmp_path):
    """Environment for slam: fake credentials, loopback endpoint only."""
    return loopback_aws_env(moto, tmp_path)


@pytest.fixture
def boto(aws_env):
    """Return a factory of boto3 clients talking to the same moto_server."""
    boto3 = pytest.importorskip("boto3")

    def client(service: str):
        return boto3.client(
            service,
            endpoint_url=aws_env["AWS_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    return client


class Slam:
    """Runs the slam binary in a project folder and keeps its output."""

    def __init__(self, binary: Path, cwd: Path, env: dict):
        self.binary = binary
        self.cwd = cwd
        self.env = env

    def __call__(self, *args: str, check: bool = True, timeout: float = 300):
        result = subprocess.run(
            [str(self.binary), *args],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"slam {' '.join(args)} exited {result.returncode}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result


def add_filler_resources(project: Path, count: int, size: int = 3900) -> None:
    """Add COUNT SSM parameters of SIZE characters to the project's
    aws.cfn_resources, to make its template large."""
    lines = ["  cfn_resources:"]
    for index in range(count):
        lines += [
            f"    Filler{index}:",
            "      Type: AWS::SSM::Parameter",
            "      Properties:",
            f"        Name: /slam-test/filler{index}",
            "        Type: String",
            f"        Value: {'x' * size}",
        ]
    config = (project / "slam.yaml").read_text()
    config = config.replace("aws:\n", "aws:\n" + "\n".join(lines) + "\n", 1)
    (project / "slam.yaml").write_text(config)


@pytest.fixture
def project(tmp_path):
    """A fresh copy of the Flask example in a temporary folder."""
    target = tmp_path / "flask_app"
    shutil.copytree(
        REPO / "examples/flask_app",
        target,
        ignore=shutil.ignore_patterns(".slam", "__pycache__"),
    )
    return target


@pytest.fixture
def slam(slam_bin, project, aws_env):
    return Slam(slam_bin, project, aws_env)


@pytest.fixture
def function_slam(tmp_path, slam_bin, aws_env):
    """slam in a fresh copy of the plain function example (dev and prod)."""
    target = tmp_path / "function"
    shutil.copytree(REPO / "examples/function", target,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    return Slam(slam_bin, target, aws_env)


@pytest.fixture
def fake_cloudformation():
    """A scripted CloudFormation endpoint for the Flask example's stack."""
    from fake_cloudformation import FakeCloudFormation

    server = FakeCloudFormation("slam-flask-example").serve()
    yield server
    server.close()


@pytest.fixture
def on_fake_cloudformation(slam, aws_env, fake_cloudformation):
    """slam with CloudFormation on the scripted fake (the rest on moto),
    polling it often."""
    aws_env["AWS_ENDPOINT_URL_CLOUDFORMATION"] = fake_cloudformation.url
    aws_env["SLAM_STACK_POLL_INTERVAL"] = "0.05"
    return slam


@pytest.fixture
def keyless(slam_bin, project, moto, tmp_path):
    """slam's environment without credentials, with its own HOME and AWS
    files (credentials_driver.Env)."""
    from credentials_driver import Env

    return Env(slam_bin, project, loopback_aws_env(moto, tmp_path), tmp_path)


@pytest.fixture
def fake_sts(keyless):
    """A scripted STS for AssumeRole, at AWS_ENDPOINT_URL_STS."""
    from fake_credentials import FakeSts

    fake = FakeSts()
    keyless.env["AWS_ENDPOINT_URL_STS"] = fake.url
    yield fake
    fake.close()


@pytest.fixture
def fake_sso(keyless):
    """A scripted IAM Identity Center portal, at AWS_ENDPOINT_URL_SSO."""
    from credentials_driver import SSO_TOKEN
    from fake_credentials import FakeSsoPortal

    fake = FakeSsoPortal(SSO_TOKEN)
    keyless.env["AWS_ENDPOINT_URL_SSO"] = fake.url
    yield fake
    fake.close()


@pytest.fixture
def fake_imds(keyless):
    """A scripted EC2 instance metadata service (enabled: it is on
    loopback); only profiles name its URL."""
    from fake_credentials import FakeInstanceMetadata

    fake = FakeInstanceMetadata()
    keyless.env["AWS_EC2_METADATA_DISABLED"] = "false"
    yield fake
    fake.close()


@pytest.fixture
def process_profile(keyless, tmp_path):
    """A profile 'proc' with a credential_process; the file counting its
    runs."""
    from credentials_driver import write_process_profile

    return write_process_profile(keyless, tmp_path)
