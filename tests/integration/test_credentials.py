"""Every credential source, against loopback fakes of the endpoints.

slam runs `-v status` against moto with no keys in its environment but
what each test gives; the fakes (fake_credentials.py) hand out numbered
credentials, and the "-v" line "using the AWS access key ending in 'NNNN'
from SOURCE" tells which ones slam signed with. Nothing leaves 127.0.0.1:
the container endpoint is always a FULL_URI on loopback, and the instance
metadata service is a fake named by AWS_EC2_METADATA_SERVICE_ENDPOINT.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import loopback_aws_env
from fake_credentials import (FakeContainer, FakeInstanceMetadata,
                              FakeSsoPortal, FakeSts, iso_in)

BASE_KEY = "AKIABASEKEYFORROLES1"
BASE_SECRET = "baseSeCrEt/NeverShown+0123456789abcdefgh"
ROLE_ARN = "arn:aws:iam::123456789012:role/deployer"
START_URL = "https://my-sso-portal.awsapps.com/start"
SSO_TOKEN = "aoaSsoAccessTokenNeverShown" + "Q" * 40


class Env:
    """An environment with no credentials, its own HOME and AWS files."""

    def __init__(self, slam_bin: Path, project: Path, env: dict, folder: Path):
        self.slam_bin, self.project, self.env = slam_bin, project, env
        self.home = folder / "home"
        self.home.mkdir(exist_ok=True)
        self.config = folder / "aws-config"
        self.credentials = folder / "aws-credentials"
        env.update(AWS_CONFIG_FILE=str(self.config),
                   AWS_SHARED_CREDENTIALS_FILE=str(self.credentials),
                   HOME=str(self.home))
        for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            env.pop(key, None)

    def run(self, *args, stdin=subprocess.DEVNULL, timeout=60, **extra_env):
        """Run `slam -v ARGS` (default: status) with EXTRA_ENV."""
        return subprocess.run(
            [str(self.slam_bin), "-v", *(args or ("status",))],
            cwd=self.project, env=dict(self.env, **extra_env), stdin=stdin,
            capture_output=True, text=True, timeout=timeout)

    def cache_files(self) -> list[Path]:
        folder = self.home / ".aws" / "slam" / "cache"
        return sorted(folder.glob("*.json")) if folder.exists() else []

    def write_sso_token(self, name: str, expires_at: str, token=SSO_TOKEN):
        folder = self.home / ".aws" / "sso" / "cache"
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / (hashlib.sha1(name.encode()).hexdigest() + ".json")
        file.write_text(json.dumps({"startUrl": START_URL, "region": "us-east-1",
                                    "accessToken": token,
                                    "expiresAt": expires_at}))


def used_keys(result) -> list[tuple[str, str]]:
    """(last four characters of the key, source) of each key slam used."""
    return re.findall(r"using the AWS access key ending in '(\w*)' from (.*)",
                      result.stderr)


def error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines()
             if line.startswith("slam: error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def env(slam_bin, project, moto, tmp_path):
    return Env(slam_bin, project, loopback_aws_env(moto, tmp_path), tmp_path)


@pytest.fixture
def sts(env):
    fake = FakeSts()
    env.env["AWS_ENDPOINT_URL_STS"] = fake.url
    yield fake
    fake.close()


def base_profile_and_role(env: Env, role_settings: str = "") -> None:
    env.credentials.write_text(f"[base]\naws_access_key_id = {BASE_KEY}\n"
                               f"aws_secret_access_key = {BASE_SECRET}\n")
    env.config.write_text(f"[profile deploy]\nrole_arn = {ROLE_ARN}\n"
                          f"source_profile = base\n{role_settings}")


def test_environment_then_profile_files(env):
    env.credentials.write_text("[dev]\naws_access_key_id = AKIAFROMFILE0DEV\n"
                               "aws_secret_access_key = s\n")
    keys = dict(AWS_ACCESS_KEY_ID="AKIAFROMENVIRON0ENV",
                AWS_SECRET_ACCESS_KEY="s")
    assert used_keys(env.run(**keys)) == [("0ENV", "the environment")]
    # AWS_PROFILE keeps the environment first; --profile skips it.
    assert used_keys(env.run(AWS_PROFILE="dev", **keys)) == [
        ("0ENV", "the environment")]
    result = env.run("--profile", "dev", "status", **keys)
    assert used_keys(result) == [
        ("0DEV", f"profile 'dev' in {env.credentials}")]


def test_assume_role_with_source_profile_is_cached(env, sts):
    base_profile_and_role(env, "external_id = ext-42\n"
                          "role_session_name = ci-run\n"
                          "duration_seconds = 1800\n")
    first = env.run("--profile", "deploy", "status")
    assert first.returncode == 0, first.stderr
    assert len(sts.requests) == 1
    sent = sts.requests[0]
    assert sent.signing_key == BASE_KEY
    assert {k: v for k, v in sent.form.items() if k not in ("Version",)} == {
        "Action": "AssumeRole", "RoleArn": ROLE_ARN,
        "RoleSessionName": "ci-run", "ExternalId": "ext-42",
        "DurationSeconds": "1800"}
    assert used_keys(first) == [
        ("0001", f"role '{ROLE_ARN}' of profile 'deploy'")]

    # Kept privately until shortly before it expires, and used again.
    [cache] = env.cache_files()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    second = env.run(AWS_PROFILE="deploy")
    assert second.returncode == 0, second.stderr
    assert len(sts.requests) == 1
    assert used_keys(second) == [
        ("0001", f"role '{ROLE_ARN}' of profile 'deploy' (cached)")]


def test_session_name_defaults_to_slam(env, sts):
    base_profile_and_role(env)
    assert env.run("--profile", "deploy", "status").returncode == 0
    form = sts.requests[0].form
    assert re.fullmatch(r"slam-\d+", form["RoleSessionName"])
    assert "ExternalId" not in form and "DurationSeconds" not in form


def test_role_chain_signs_each_step_with_the_previous(env, sts):
    env.credentials.write_text(f"[base]\naws_access_key_id = {BASE_KEY}\n"
                               f"aws_secret_access_key = {BASE_SECRET}\n")
    env.config.write_text(
        f"[profile top]\nrole_arn = {ROLE_ARN}\nsource_profile = middle\n"
        "[profile middle]\nrole_arn = arn:aws:iam::1:role/hop\n"
        "source_profile = base\n")
    result = env.run("--profile", "top", "status")
    assert result.returncode == 0, result.stderr
    assert [(r.form["RoleArn"], r.signing_key) for r in sts.requests] == [
        ("arn:aws:iam::1:role/hop", BASE_KEY),
        (ROLE_ARN, sts.issued[0]["AccessKeyId"])]
    assert used_keys(result)[0][0] == "0002"


def test_role_loop_is_refused(env, sts):
    env.config.write_text("[profile a]\nrole_arn = arn:a\nsource_profile = b\n"
                          "[profile b]\nrole_arn = arn:b\nsource_profile = a\n")
    result = env.run("--profile", "a", "status")
    assert result.returncode == 2
    assert error_line(result) == (
        "slam: error: the source_profile settings make a loop: a -> b -> a")
    assert sts.requests == []


def test_sts_refusal_names_profile_and_role(env, sts):
    base_profile_and_role(env)
    sts.error = (403, "AccessDenied", "User is not authorized")
    result = env.run("--profile", "deploy", "status")
    assert result.returncode == 1
    assert error_line(result) == (
        f"slam: error: cannot assume role '{ROLE_ARN}' for profile 'deploy': "
        "sts AssumeRole: AccessDenied: User is not authorized")
    assert env.cache_files() == []


def test_short_lived_role_credentials_are_not_reused(env, sts):
    # Credentials within five minutes of their end are renewed, not used.
    base_profile_and_role(env)
    sts.lifetime = 240
    env.run("--profile", "deploy", "status")
    calls = len(sts.requests)
    result = env.run("--profile", "deploy", "status")
    assert result.returncode == 0, result.stderr
    assert len(sts.requests) > calls >= 1
    assert "(cached)" not in result.stderr


def test_credential_source_environment(env, sts):
    env.config.write_text(f"[profile ci]\nrole_arn = {ROLE_ARN}\n"
                          "credential_source = Environment\n")
    result = env.run("--profile", "ci", "status",
                     AWS_ACCESS_KEY_ID="AKIAENVSOURCE0001",
                     AWS_SECRET_ACCESS_KEY="env-source-secret")
    assert result.returncode == 0, result.stderr
    assert sts.requests[0].signing_key == "AKIAENVSOURCE0001"
    assert used_keys(result)[0][0] == "0001"


def test_credential_source_container(env, sts, tmp_path):
    container = FakeContainer("Bearer-pod-token")
    try:
        env.config.write_text(f"[profile task]\nrole_arn = {ROLE_ARN}\n"
                              "credential_source = EcsContainer\n")
        token_file = tmp_path / "token"
        token_file.write_text("Bearer-pod-token\n")
        result = env.run("--profile", "task", "status",
                         AWS_CONTAINER_CREDENTIALS_FULL_URI=container.url + "/v1",
                         AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=str(token_file))
        assert result.returncode == 0, result.stderr
        assert [r.path for r in container.requests] == ["/v1"]
        assert sts.requests[0].signing_key == container.issued[0]["AccessKeyId"]
    finally:
        container.close()


def test_container_credentials_with_token(env):
    container = FakeContainer("container-auth-token-NeverShown")
    try:
        url = container.url + "/creds"
        result = env.run(AWS_CONTAINER_CREDENTIALS_FULL_URI=url,
                         AWS_CONTAINER_AUTHORIZATION_TOKEN=container.token)
        assert result.returncode == 0, result.stderr
        assert used_keys(result) == [
            ("0001", f"the container credentials endpoint {url}")]
        # A wrong token: the endpoint's error echoes it, slam does not.
        refused = env.run(AWS_CONTAINER_CREDENTIALS_FULL_URI=url,
                          AWS_CONTAINER_AUTHORIZATION_TOKEN="wrong-token-NeverShown")
        assert refused.returncode == 1
        assert error_line(refused) == (
            f"slam: error: the container credentials endpoint {url} answered "
            "HTTP 403: bad token [redacted]")
        assert "wrong-token-NeverShown" not in refused.stderr
    finally:
        container.close()


def test_container_full_uri_must_be_loopback_or_https(env):
    # 192.0.2.1 is TEST-NET-1: refused before any connection is tried.
    result = env.run(AWS_CONTAINER_CREDENTIALS_FULL_URI="http://192.0.2.1/creds")
    assert result.returncode == 2
    assert "only over https, or over http to a loopback address" in (
        error_line(result))


@pytest.fixture
def imds(env):
    fake = FakeInstanceMetadata()
    # The fake is on loopback, so the service may be enabled here.
    env.env["AWS_EC2_METADATA_DISABLED"] = "false"
    yield fake
    fake.close()


def test_instance_metadata_only_when_a_profile_names_it(env, imds):
    result = env.run(AWS_EC2_METADATA_SERVICE_ENDPOINT=imds.url)
    assert result.returncode == 1
    assert "no AWS credentials found for profile 'default'" in error_line(result)
    assert imds.requests == []


def test_credential_source_instance_metadata(env, sts, imds):
    env.config.write_text(f"[profile ec2]\nrole_arn = {ROLE_ARN}\n"
                          "credential_source = Ec2InstanceMetadata\n"
                          f"ec2_metadata_service_endpoint = {imds.url}\n")
    result = env.run("--profile", "ec2", "status")
    assert result.returncode == 0, result.stderr
    assert [(r.method, r.path) for r in imds.requests] == [
        ("PUT", "/latest/api/token"),
        ("GET", "/latest/meta-data/iam/security-credentials/"),
        ("GET", "/latest/meta-data/iam/security-credentials/instance-role")]
    assert sts.requests[0].signing_key == imds.issued[0]["AccessKeyId"]
    # AWS_EC2_METADATA_DISABLED wins, as in the AWS CLI.
    (env.home / ".aws" / "slam").rename(env.home / "old-cache")
    disabled = env.run("--profile", "ec2", "status",
                       AWS_EC2_METADATA_DISABLED="true")
    assert disabled.returncode == 2
    assert "AWS_EC2_METADATA_DISABLED is true" in error_line(disabled)
    assert len(imds.requests) == 3


def run_on_terminal(env: Env, args: list[str], answer: str):
    """Run slam with a pseudo-terminal as stdin and stderr, answering the
    first prompt with ANSWER; return (exit status, what the terminal showed)."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([str(env.slam_bin), *args], cwd=env.project,
                               env=env.env, stdin=follower, stderr=follower,
                               stdout=subprocess.DEVNULL)
    os.close(follower)
    shown, answered = b"", False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the other side closed
                break
            shown += chunk
        if not answered and b"MFA code for" in shown:
            os.write(leader, answer.encode() + b"\n")
            answered = True
        if process.poll() is not None and not ready:
            break
    os.close(leader)
    return process.wait(timeout=30), shown.decode(errors="replace")


def test_mfa_code_is_asked_on_a_terminal_then_cached(env, sts):
    serial = "arn:aws:iam::123456789012:mfa/dev"
    base_profile_and_role(env, f"mfa_serial = {serial}\n")
    status, shown = run_on_terminal(env, ["--profile", "deploy", "status"],
                                    "123456")
    assert status == 0, shown
    assert f"MFA code for {serial}: " in shown
    assert sts.requests[0].form["SerialNumber"] == serial
    assert sts.requests[0].form["TokenCode"] == "123456"
    # Without a terminal the cached credentials still serve.
    result = env.run("--profile", "deploy", "status")
    assert result.returncode == 0, result.stderr
    assert len(sts.requests) == 1


def test_mfa_without_a_terminal_is_a_clear_error(env, sts):
    base_profile_and_role(env, "mfa_serial = arn:aws:iam::1:mfa/dev\n")
    result = env.run("--profile", "deploy", "status")
    assert result.returncode == 1
    assert error_line(result) == (
        "slam: error: profile 'deploy' needs an MFA code for "
        "'arn:aws:iam::1:mfa/dev', but there is no terminal to ask for it "
        "on; run slam once on a terminal (the role's credentials are then "
        "cached until they expire)")
    assert sts.requests == []


PROCESS = """\
import json, os, sys
state = os.environ["CREDS_STATE"]
calls = int(open(state).read()) + 1 if os.path.exists(state) else 1
open(state, "w").write(str(calls))
open(state + ".argv", "w").write(json.dumps(sys.argv[1:]))
mode = os.environ.get("CREDS_MODE", "ok")
print("creds: fetching for", sys.argv[-1], file=sys.stderr)
if mode == "fail":
    print("creds: the vault is locked", file=sys.stderr)
    sys.exit(3)
if mode == "garbage":
    print("AKIAPROCESSGARBAGE procSeCrEtInGarbage")
    sys.exit(0)
if mode == "nokey":
    print(json.dumps({"Version": 1, "SecretAccessKey": "procSeCrEtNoKey"}))
    sys.exit(0)
if mode == "sleep":
    import time; time.sleep(30)
# The first answer ends inside the renewal margin, the next ones later.
lifetime = 290 if calls == 1 else 3600
import datetime
end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=lifetime)
print(json.dumps({"Version": 1, "AccessKeyId": f"ASIAPROCESSKEY{calls:04d}",
                  "SecretAccessKey": f"procSeCrEt/{calls}/NeverShown",
                  "SessionToken": f"procToKeN/{calls}/NeverShown",
                  "Expiration": end.strftime("%Y-%m-%dT%H:%M:%SZ")}))
"""


@pytest.fixture
def process_profile(env, tmp_path):
    """A profile whose credential_process is a script in a folder with a
    space, given an argument with a space."""
    folder = tmp_path / "my tools"
    folder.mkdir()
    script = folder / "creds.py"
    script.write_text(PROCESS)
    env.env["CREDS_STATE"] = str(tmp_path / "calls")
    env.config.write_text(f'[profile proc]\ncredential_process = '
                          f'{sys.executable} "{script}" --account \'a b\'\n')
    return tmp_path / "calls"


def test_credential_process(env, process_profile):
    result = env.run("--profile", "proc", "status")
    assert result.returncode == 0, result.stderr
    assert json.loads(Path(str(process_profile) + ".argv").read_text()) == [
        "--account", "a b"]
    assert "creds: fetching for a b" in result.stderr  # its stderr shows
    assert used_keys(result)[0] == (
        "0001", "credential_process of profile 'proc'")


@pytest.mark.parametrize("mode, message, status", [
    ("fail", "credential_process of profile 'proc' ('{python}') failed with "
     "exit status 3; its messages, if any, are above", 1),
    ("garbage", "credential_process of profile 'proc' printed something "
     "that is not a JSON object", 1),
    ("nokey", "credential_process of profile 'proc' printed no AccessKeyId", 1),
])
def test_credential_process_failures(env, process_profile, mode, message,
                                     status):
    result = env.run("--profile", "proc", "status", CREDS_MODE=mode)
    assert result.returncode == status
    assert error_line(result) == "slam: error: " + message.format(
        python=sys.executable)
    assert "SeCrEt" not in result.stderr + result.stdout


def test_credential_process_timeout(env, process_profile):
    start = time.monotonic()
    result = env.run("--profile", "proc", "status", CREDS_MODE="sleep",
                     SLAM_CREDENTIAL_PROCESS_TIMEOUT="1")
    assert time.monotonic() - start < 15
    assert result.returncode == 1
    assert error_line(result) == (
        f"slam: error: credential_process of profile 'proc' "
        f"('{sys.executable}') did not finish within 1 s; it was stopped")


def test_credentials_about_to_expire_are_renewed_mid_deploy(env,
                                                            process_profile):
    # The process's first credentials end within the renewal margin: the
    # second request of the deploy renews them, once.
    result = env.run("--profile", "proc", "deploy", timeout=300)
    assert result.returncode == 0, result.stderr
    assert process_profile.read_text() == "2"
    assert "expire at" in result.stderr and "renewing them" in result.stderr
    assert [key for key, _ in used_keys(result)] == ["0001", "0002"]


def test_role_with_credential_process_source(env, sts, process_profile):
    env.config.write_text(env.config.read_text().replace("[profile proc]", (
        f"[profile deploy]\nrole_arn = {ROLE_ARN}\nsource_profile = proc\n"
        "[profile proc]")))
    result = env.run("--profile", "deploy", "status")
    assert result.returncode == 0, result.stderr
    assert sts.requests[0].signing_key == "ASIAPROCESSKEY0001"


@pytest.fixture
def sso(env):
    fake = FakeSsoPortal(SSO_TOKEN)
    env.env["AWS_ENDPOINT_URL_SSO"] = fake.url
    yield fake
    fake.close()


LEGACY_SSO = (f"[profile dev]\nsso_start_url = {START_URL}\n"
              "sso_region = us-east-1\nsso_account_id = 111122223333\n"
              "sso_role_name = Deployer\n")


def test_sso_legacy_profile_reads_the_cli_token_cache(env, sso):
    env.config.write_text(LEGACY_SSO)
    env.write_sso_token(START_URL, iso_in(3600))
    result = env.run("--profile", "dev", "status")
    assert result.returncode == 0, result.stderr
    [sent] = sso.requests
    assert (sent.path, sent.query) == ("/federation/credentials", {
        "account_id": "111122223333", "role_name": "Deployer"})
    assert used_keys(result) == [(
        "0001", "IAM Identity Center (SSO) role 'Deployer' of account "
        "111122223333 for profile 'dev'")]
    again = env.run("--profile", "dev", "status")
    assert len(sso.requests) == 1 and "(cached)" in again.stderr


def test_sso_session_profile(env, sso):
    env.config.write_text("[profile dev]\nsso_session = corp\n"
                          "sso_account_id = 111122223333\n"
                          "sso_role_name = Deployer\n"
                          f"[sso-session corp]\nsso_start_url = {START_URL}\n"
                          "sso_region = eu-west-1\n")
    env.write_sso_token("corp", iso_in(3600))
    result = env.run("--profile", "dev", "status")
    assert result.returncode == 0, result.stderr
    assert len(sso.requests) == 1


@pytest.mark.parametrize("case", ["expired", "missing", "refused"])
def test_sso_login_needed(env, sso, case):
    env.config.write_text(LEGACY_SSO)
    if case == "expired":
        env.write_sso_token(START_URL, "2020-01-01T00:00:00Z")
    elif case == "refused":
        env.write_sso_token(START_URL, iso_in(3600), token="revoked-NeverShown")
    result = env.run("--profile", "dev", "status")
    assert result.returncode == 1
    line = error_line(result)
    assert line.endswith("; run aws sso login --profile dev"), line
    expected = {"expired": "expired at 2020-01-01T00:00:00Z",
                "missing": "there is no login in ~/.aws/sso/cache/",
                "refused": "refused the login of profile 'dev' (HTTP 401)"}
    assert expected[case] in line
    assert len(sso.requests) == (1 if case == "refused" else 0)
    assert "NeverShown" not in result.stderr


def test_missing_credentials_list_what_was_tried(env):
    env.config.write_text("[profile empty]\nregion = eu-west-1\n")
    result = env.run("--profile", "empty", "status")
    assert result.returncode == 1
    assert result.stderr.split("slam: error: ", 1)[1] == (
        "no AWS credentials found for profile 'empty'; tried:\n"
        "  - the environment: skipped, since --profile was given\n"
        f"  - {env.credentials}: no such file\n"
        f"  - {env.config}: [profile empty] has no aws_access_key_id, "
        "role_arn, credential_process or sso_* settings\n"
        "  - container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI "
        "and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set\n"
        "  - the EC2 instance metadata service: used only when a profile "
        "sets credential_source = Ec2InstanceMetadata\n"
        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the "
        "profile keys, a role_arn, a credential_process or SSO settings\n")
