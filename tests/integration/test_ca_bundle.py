"""AWS_CA_BUNDLE: an endpoint whose certificate a private authority signed
(a proxy that inspects TLS, a private endpoint) is trusted when the bundle
names it, as with the AWS CLI; without it, the certificate is refused."""

import shutil
import ssl
import subprocess
import time
import urllib.request

import pytest

from conftest import Slam, _free_port, loopback_aws_env

NAME = "slam-flask-example"


@pytest.fixture(scope="module")
def tls_moto(tmp_path_factory):
    """A moto_server on loopback over https, with a certificate of its own:
    return (url, certificate file)."""
    if shutil.which("openssl") is None or shutil.which("moto_server") is None:
        pytest.skip("needs openssl and moto_server")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        ["moto_server", "-H", "127.0.0.1", "-p", str(port), "-s",
         "-c", str(cert), "-k", str(key)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"https://127.0.0.1:{port}"
    context = ssl.create_default_context(cafile=str(cert))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1,
                                       context=context)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("moto_server over https did not start")
                time.sleep(0.1)
        yield url, cert
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_bundle_is_trusted(tls_moto, slam_bin, project, tmp_path):
    url, cert = tls_moto
    env = loopback_aws_env(url, tmp_path)
    refused = Slam(slam_bin, project, env)("status", check=False)
    assert refused.returncode == 1
    assert "certificate" in refused.stderr.lower(), refused.stderr

    env["AWS_CA_BUNDLE"] = str(cert)
    trusted = Slam(slam_bin, project, env)("status")
    assert trusted.stdout == f"{NAME} is not deployed\n"


def test_a_missing_bundle_is_a_clear_error(slam_bin, project, tmp_path, moto):
    env = loopback_aws_env(moto, tmp_path)
    env["AWS_CA_BUNDLE"] = str(tmp_path / "nowhere.pem")
    result = Slam(slam_bin, project, env)("status", check=False)
    assert result.returncode == 1
    assert (f"AWS_CA_BUNDLE names '{tmp_path / 'nowhere.pem'}', which is not "
            "a file") in result.stderr
