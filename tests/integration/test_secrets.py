"""Known fake secrets never appear in what slam prints or writes, at -v.

Every command runs against moto_server (and a fake that echoes requests
back in its errors) with distinctive credentials; stdout, stderr and every
file under the project, HOME and TMPDIR (zip members included) are
searched for the secret key, the session token, the access key id, and
any signature, Authorization or X-Amz-Security-Token value. The same holds
for the credentials of roles, SSO, credential processes and containers,
fetched from loopback fakes (fake_credentials.py), and for the tokens that
fetch them.
"""

import hashlib
import http.server
import json
import re
import stat
import sys
import threading
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from conftest import Slam, loopback_aws_env
from serve_driver import Served

ACCESS_KEY_ID = "AKIASLAMLEAKCHECK7Q3Z"
SECRET_KEY = "sLaMsEcReT/kEy+NeVeR+sHoWn0123456789AbCd"
SESSION_TOKEN = "IQoJSlamSessionTokenNeverShown/" + "Zm9v" * 40
PROFILE_SECRET_KEY = "pRoFiLeSeCrEt+nEvEr/sHoWn9876543210zYxW"
PROFILE_TOKEN = "IQoJSlamProfileTokenNeverShown/" + "YmFy" * 40

SECRETS = [ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN, PROFILE_SECRET_KEY,
           PROFILE_TOKEN]
# What a request carries that must not be shown either: the signature and
# credential scope of its Authorization header (or query) and its
# security token. "[redacted]" in their place is fine.
SIGNED_PARTS = re.compile(
    r"Signature=[0-9a-f]{8}|Credential=\w|"
    r"X-Amz-Security-Token[\"']?\s*[:=]\s*[\"']?\w",
    re.IGNORECASE)
# In files, which hold the package's libraries too, only what cannot be
# library text: a whole SigV4 signature or credential scope.
SIGNED_PARTS_IN_FILES = re.compile(
    r"Signature=[0-9a-f]{64}|Credential=[A-Z0-9]{16,}/")


def leaks(text: str, signed_parts=SIGNED_PARTS) -> list[str]:
    """Return what of the secrets and signed parts TEXT shows."""
    found = [secret for secret in SECRETS if secret in text]
    # A long piece of a secret is as bad as all of it.
    found += [secret[:16] for secret in SECRETS
              if secret[:16] in text and secret not in found]
    return found + signed_parts.findall(text)


def file_texts(folder: Path):
    """Yield (name, text) for each file under FOLDER and each member of
    the zips among them."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        yield str(path), path.read_bytes().decode("latin-1")
        if path.suffix == ".zip" and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    text = archive.read(member).decode("latin-1")
                    yield f"{path}!{member}", text


class EchoingServer(http.server.ThreadingHTTPServer):
    """Answers every request with an error whose message repeats the
    request's headers, as a careless proxy or endpoint might."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _EchoHandler)
        self.requests = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _EchoHandler(http.server.BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.requests += 1
        echo = " ".join(f"{name}: {value}" for name, value in self.headers.items())
        # The first answer is retried (503, plain text), the next refused.
        if self.server.requests % 2 == 1:
            status, body, kind = 503, f"busy; you sent {echo}", "text/plain"
        else:
            status, kind = 400, "text/xml"
            body = ("<ErrorResponse><Error><Type>Sender</Type>"
                    "<Code>ValidationError</Code>"
                    f"<Message>bad request: {escape(echo)}</Message>"
                    "</Error><RequestId>r</RequestId></ErrorResponse>")
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def secret_env(moto, tmp_path):
    env = loopback_aws_env(moto, tmp_path)
    env.update(AWS_ACCESS_KEY_ID=ACCESS_KEY_ID,
               AWS_SECRET_ACCESS_KEY=SECRET_KEY,
               AWS_SESSION_TOKEN=SESSION_TOKEN,
               TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    (tmp_path / "home").mkdir()
    return env


class Runs:
    """slam runs at -v whose output is kept for the search."""

    def __init__(self, slam: Slam):
        self.slam = slam
        self.outputs: list[tuple[str, str]] = []

    def __call__(self, *args, ok=(0,), env=None):
        slam = Slam(self.slam.binary, self.slam.cwd, env or self.slam.env)
        result = slam("-v", *args, check=False)
        name = "slam -v " + " ".join(args)
        assert result.returncode in ok, f"{name}:\n{result.stderr}"
        self.outputs += [(name + " stdout", result.stdout),
                         (name + " stderr", result.stderr)]
        return result


def test_no_secret_in_any_output_or_file(slam_bin, project, secret_env,
                                         tmp_path):
    runs = Runs(Slam(slam_bin, project, secret_env))
    runs("build")
    runs("template")
    runs("deploy", "--plan")
    first = runs("deploy")
    # The signing really happened with these credentials.
    assert "access key ending in '7Q3Z'" in first.stderr
    runs("deploy")
    runs("publish", "prod")
    runs("status")
    runs("status", "--json")
    runs("invoke", "x=1", ok=(0, 1))
    runs("invoke", "--dry-run")
    runs("invoke", "--local", "x=1", ok=(0, 1))
    runs("logs", "-p", "1h")

    served = Served(slam_bin, project, secret_env, "-v")
    assert served.request("GET", served.base).status == 200
    served.stop()
    runs.outputs += [("serve stdout", served.process.stdout.read()),
                     ("serve stderr", served.stderr())]

    # A shared credentials file's profile, and endpoints that echo the
    # request back in their errors, at the first attempt and at a retry.
    credentials = tmp_path / "aws" / "credentials"
    credentials.parent.mkdir()
    credentials.write_text(
        "[leaky]\n"
        f"aws_access_key_id = {ACCESS_KEY_ID}\n"
        f"aws_secret_access_key = {PROFILE_SECRET_KEY}\n"
        f"aws_session_token = {PROFILE_TOKEN}\n")
    echo = EchoingServer()
    try:
        from_file = {key: value for key, value in secret_env.items()
                     if key not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                    "AWS_SESSION_TOKEN")}
        from_file["AWS_SHARED_CREDENTIALS_FILE"] = str(credentials)
        runs("--profile", "leaky", "status", env=from_file)
        echoed = dict(from_file, AWS_ENDPOINT_URL_CLOUDFORMATION=echo.url)
        refused = runs("--profile", "leaky", "status", ok=(1,), env=echoed)
        assert "ValidationError" in refused.stderr
        echoed = dict(secret_env, AWS_ENDPOINT_URL=echo.url)
        runs("deploy", ok=(1,), env=echoed)
        runs("logs", ok=(1,), env=echoed)
    finally:
        echo.shutdown()
        echo.server_close()
    assert echo.requests >= 4

    runs("delete")
    init_folder = tmp_path / "new"
    init_folder.mkdir()
    runs.slam.cwd = init_folder
    runs("init", "app:app", "--wsgi")

    found = {name: leaks(text) for name, text in runs.outputs}
    for folder in (project, tmp_path / "home", tmp_path / "tmp", init_folder):
        found.update((name, leaks(text, SIGNED_PARTS_IN_FILES))
                     for name, text in file_texts(folder))
    assert {name: what for name, what in found.items() if what} == {}


def test_no_secret_from_credential_sources(slam_bin, project, moto, tmp_path):
    """Role, SSO, process and container credentials at -v: no secret they
    carry or fetch with shows in any output or file, except slam's
    credential cache, which holds them as the AWS CLI's own does: mode
    0600 in a 0700 folder under ~/.aws."""
    from fake_credentials import FakeContainer, FakeSsoPortal, FakeSts, iso_in

    base_secret = "baseSeCrEt/NeverShown+LeakCheck0123456789"
    sso_token = "aoaSsoTokenNeverShownLeakCheck" + "W" * 30
    container_token = "containerAuthTokenNeverShownLeakCheck"
    process_secret = "procSeCrEtNeverShownLeakCheck/0123456789"
    process_token = "procToKeNNeverShownLeakCheck/" + "Yg" * 40
    sts, sso = FakeSts(), FakeSsoPortal(sso_token)
    container = FakeContainer(container_token)
    env = loopback_aws_env(moto, tmp_path)
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        del env[key]
    home, aws = tmp_path / "home", tmp_path / "aws"
    for folder in (home, aws, tmp_path / "tmp"):
        folder.mkdir()
    process = aws / "creds.py"
    process.write_text(
        "import json\nprint(json.dumps({'Version': 1, 'AccessKeyId': "
        f"'ASIAPROCLEAKCHECK01', 'SecretAccessKey': '{process_secret}', "
        f"'SessionToken': '{process_token}'}}))\n")
    (aws / "credentials").write_text(
        "[base]\naws_access_key_id = AKIABASELEAKCHECK01\n"
        f"aws_secret_access_key = {base_secret}\n")
    (aws / "config").write_text(
        "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
        "source_profile = base\n"
        "[profile sso]\nsso_start_url = https://leak.awsapps.com/start\n"
        "sso_region = us-east-1\nsso_account_id = 111122223333\n"
        "sso_role_name = Deployer\n"
        f"[profile proc]\ncredential_process = {sys.executable} {process}\n")
    token_cache = home / ".aws" / "sso" / "cache"
    token_cache.mkdir(parents=True)
    (token_cache / (hashlib.sha1(b"https://leak.awsapps.com/start").hexdigest()
                    + ".json")).write_text(json.dumps(
                        {"accessToken": sso_token, "expiresAt": iso_in(3600)}))
    env.update(AWS_CONFIG_FILE=str(aws / "config"),
               AWS_SHARED_CREDENTIALS_FILE=str(aws / "credentials"),
               AWS_ENDPOINT_URL_STS=sts.url, AWS_ENDPOINT_URL_SSO=sso.url,
               HOME=str(home), TMPDIR=str(tmp_path / "tmp"))
    runs = Runs(Slam(slam_bin, project, env))
    try:
        runs("--profile", "role", "deploy")
        runs("--profile", "role", "status")  # from the cache
        # Forget the role, so that the refusal below is asked for.
        for cache in (home / ".aws" / "slam" / "cache").glob("*.json"):
            cache.unlink()
        runs("--profile", "sso", "status")
        runs("--profile", "proc", "status")
        in_container = dict(env, AWS_CONTAINER_CREDENTIALS_FULL_URI=container.url,
                            AWS_CONTAINER_AUTHORIZATION_TOKEN=container_token)
        runs("status", env=in_container)
        # Endpoints that echo what they were sent in their errors.
        runs("status", ok=(1,), env=dict(
            in_container, AWS_CONTAINER_AUTHORIZATION_TOKEN="x" + container_token))
        sts.error, sts.echo_errors = (403, "AccessDenied", "denied"), True
        refused = runs("--profile", "role", "status", ok=(1,))
        assert "AccessDenied" in refused.stderr
    finally:
        for fake in (sts, sso, container):
            fake.close()

    secrets = [base_secret, "AKIABASELEAKCHECK01", sso_token, container_token,
               process_secret, process_token, "ASIAPROCLEAKCHECK01",
               *sts.secrets(), *sso.secrets(), *container.secrets(),
               *(issued["AccessKeyId"]
                 for fake in (sts, sso, container) for issued in fake.issued)]
    assert len(sts.issued) == 1 and len(sso.issued) == 1
    assert len(container.issued) == 1

    def found_in(text: str, signed_parts) -> list[str]:
        shown = [secret for secret in secrets if secret[:16] in text]
        return shown + signed_parts.findall(text)

    found = {name: found_in(text, SIGNED_PARTS) for name, text in runs.outputs}
    cache = home / ".aws" / "slam" / "cache"
    for folder in (project, home, tmp_path / "tmp"):
        found.update((name, found_in(text, SIGNED_PARTS_IN_FILES))
                     for name, text in file_texts(folder)
                     if not name.startswith((str(cache), str(token_cache))))
    assert {name: what for name, what in found.items() if what} == {}
    # The cache: the SSO credentials (the role's were removed above),
    # private.
    [entry] = cache.glob("*.json")
    assert sso.secrets()[0] in entry.read_text()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
