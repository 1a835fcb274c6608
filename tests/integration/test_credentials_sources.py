"""The credential sources that need no role: the environment, profile
keys, credential_process, IAM Identity Center, container endpoints, and
the one error when none has credentials."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from credentials_driver import (LEGACY_SSO, START_URL, error_line, used_keys)
from fake_credentials import FakeContainer, iso_in



def test_environment_then_profile_files(keyless):
    keyless.credentials.write_text("[dev]\naws_access_key_id = AKIAFROMFILE0DEV\n"
                               "aws_secret_access_key = s\n")
    keys = dict(AWS_ACCESS_KEY_ID="AKIAFROMENVIRON0ENV",
                AWS_SECRET_ACCESS_KEY="s")
    assert used_keys(keyless.run(**keys)) == [("0ENV", "the environment")]
    # AWS_PROFILE keeps the environment first; --profile skips it.
    assert used_keys(keyless.run(AWS_PROFILE="dev", **keys)) == [
        ("0ENV", "the environment")]
    result = keyless.run("--profile", "dev", "status", **keys)
    assert used_keys(result) == [
        ("0DEV", f"profile 'dev' in {keyless.credentials}")]



def test_container_credentials_with_token(keyless):
    container = FakeContainer("container-auth-token-NeverShown")
    try:
        url = container.url + "/creds"
        result = keyless.run(AWS_CONTAINER_CREDENTIALS_FULL_URI=url,
                         AWS_CONTAINER_AUTHORIZATION_TOKEN=container.token)
        assert result.returncode == 0, result.stderr
        assert used_keys(result) == [
            ("0001", f"the container credentials endpoint {url}")]
        # A wrong token: the endpoint's error echoes it, slam does not.
        refused = keyless.run(AWS_CONTAINER_CREDENTIALS_FULL_URI=url,
                          AWS_CONTAINER_AUTHORIZATION_TOKEN="wrong-token-NeverShown")
        assert refused.returncode == 1
        assert error_line(refused) == (
            f"slam: error: the container credentials endpoint {url} answered "
            "HTTP 403: bad token [redacted]")
        assert "wrong-token-NeverShown" not in refused.stderr
    finally:
        container.close()


def test_container_full_uri_must_be_loopback_or_https(keyless):
    # 192.0.2.1 is TEST-NET-1: refused before any connection is tried.
    result = keyless.run(AWS_CONTAINER_CREDENTIALS_FULL_URI="http://192.0.2.1/creds")
    assert result.returncode == 2
    assert "only over https, or over http to a loopback address" in (
        error_line(result))


def test_credential_process(keyless, process_profile):
    result = keyless.run("--profile", "proc", "status")
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
def test_credential_process_failures(keyless, process_profile, mode, message,
                                     status):
    result = keyless.run("--profile", "proc", "status", CREDS_MODE=mode)
    assert result.returncode == status
    assert error_line(result) == "slam: error: " + message.format(
        python=sys.executable)
    assert "SeCrEt" not in result.stderr + result.stdout


def test_credential_process_timeout(keyless, process_profile):
    start = time.monotonic()
    result = keyless.run("--profile", "proc", "status", CREDS_MODE="sleep",
                     SLAM_CREDENTIAL_PROCESS_TIMEOUT="1")
    assert time.monotonic() - start < 15
    assert result.returncode == 1
    assert error_line(result) == (
        f"slam: error: credential_process of profile 'proc' "
        f"('{sys.executable}') did not finish within 1 s; it was stopped")


def test_credentials_about_to_expire_are_renewed_mid_deploy(keyless,
                                                            process_profile):
    # The process's first credentials end within the renewal margin: the
    # second request of the deploy renews them, once.
    result = keyless.run("--profile", "proc", "deploy", timeout=300)
    assert result.returncode == 0, result.stderr
    assert process_profile.read_text() == "2"
    assert "expire at" in result.stderr and "renewing them" in result.stderr
    assert [key for key, _ in used_keys(result)] == ["0001", "0002"]


def test_sso_legacy_profile_reads_the_cli_token_cache(keyless, fake_sso):
    keyless.config.write_text(LEGACY_SSO)
    keyless.write_sso_token(START_URL, iso_in(3600))
    result = keyless.run("--profile", "dev", "status")
    assert result.returncode == 0, result.stderr
    [sent] = fake_sso.requests
    assert (sent.path, sent.query) == ("/federation/credentials", {
        "account_id": "111122223333", "role_name": "Deployer"})
    assert used_keys(result) == [(
        "0001", "IAM Identity Center (SSO) role 'Deployer' of account "
        "111122223333 for profile 'dev'")]
    again = keyless.run("--profile", "dev", "status")
    assert len(fake_sso.requests) == 1 and "(cached)" in again.stderr


def test_sso_session_profile(keyless, fake_sso):
    keyless.config.write_text("[profile dev]\nsso_session = corp\n"
                          "sso_account_id = 111122223333\n"
                          "sso_role_name = Deployer\n"
                          f"[sso-session corp]\nsso_start_url = {START_URL}\n"
                          "sso_region = eu-west-1\n")
    keyless.write_sso_token("corp", iso_in(3600))
    result = keyless.run("--profile", "dev", "status")
    assert result.returncode == 0, result.stderr
    assert len(fake_sso.requests) == 1


@pytest.mark.parametrize("case", ["expired", "missing", "refused"])
def test_sso_login_needed(keyless, fake_sso, case):
    keyless.config.write_text(LEGACY_SSO)
    if case == "expired":
        keyless.write_sso_token(START_URL, "2020-01-01T00:00:00Z")
    elif case == "refused":
        keyless.write_sso_token(START_URL, iso_in(3600), token="revoked-NeverShown")
    result = keyless.run("--profile", "dev", "status")
    assert result.returncode == 1
    line = error_line(result)
    assert line.endswith("; run aws sso login --profile dev"), line
    expected = {"expired": "expired at 2020-01-01T00:00:00Z",
                "missing": "there is no login in ~/.aws/sso/cache/",
                "refused": "refused the login of profile 'dev' (HTTP 401)"}
    assert expected[case] in line
    assert len(fake_sso.requests) == (1 if case == "refused" else 0)
    assert "NeverShown" not in result.stderr


def test_missing_credentials_list_what_was_tried(keyless):
    keyless.config.write_text("[profile empty]\nregion = eu-west-1\n")
    result = keyless.run("--profile", "empty", "status")
    assert result.returncode == 1
    assert result.stderr.split("slam: error: ", 1)[1] == (
        "no AWS credentials found for profile 'empty'; tried:\n"
        "  - the environment: skipped, since --profile was given\n"
        f"  - {keyless.credentials}: no such file\n"
        f"  - {keyless.config}: [profile empty] has no aws_access_key_id, "
        "role_arn, credential_process or sso_* settings\n"
        "  - container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI "
        "and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set\n"
        "  - the EC2 instance metadata service: used only when a profile "
        "sets credential_source = Ec2InstanceMetadata\n"
        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the "
        "profile keys, a role_arn, a credential_process or SSO settings\n")
