"""Profiles that assume a role: source_profile chains, credential_source,
MFA, the credential cache, against a loopback fake of STS."""

from __future__ import annotations

import re
import stat

from credentials_driver import (BASE_KEY, BASE_SECRET, ROLE_ARN,
                                base_profile_and_role,
                                error_line, run_on_terminal, used_keys)
from fake_credentials import FakeContainer



def test_assume_role_with_source_profile_is_cached(keyless, fake_sts):
    base_profile_and_role(keyless, "external_id = ext-42\n"
                          "role_session_name = ci-run\n"
                          "duration_seconds = 1800\n")
    first = keyless.run("--profile", "deploy", "status")
    assert first.returncode == 0, first.stderr
    assert len(fake_sts.requests) == 1
    sent = fake_sts.requests[0]
    assert sent.signing_key == BASE_KEY
    assert {k: v for k, v in sent.form.items() if k not in ("Version",)} == {
        "Action": "AssumeRole", "RoleArn": ROLE_ARN,
        "RoleSessionName": "ci-run", "ExternalId": "ext-42",
        "DurationSeconds": "1800"}
    assert used_keys(first) == [
        ("0001", f"role '{ROLE_ARN}' of profile 'deploy'")]

    # Kept privately until shortly before it expires, and used again.
    [cache] = keyless.cache_files()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    second = keyless.run(AWS_PROFILE="deploy")
    assert second.returncode == 0, second.stderr
    assert len(fake_sts.requests) == 1
    assert used_keys(second) == [
        ("0001", f"role '{ROLE_ARN}' of profile 'deploy' (cached)")]


def test_a_cached_role_does_not_hide_a_broken_chain(keyless, fake_sts):
    """The cache was looked up before the source profiles: once a role was
    cached, a loop or a missing source profile went unnoticed (found by a
    tester); the AWS CLI refuses them."""
    base_profile_and_role(keyless)
    assert keyless.run("--profile", "deploy", "status").returncode == 0
    assert len(keyless.cache_files()) == 1
    keyless.config.write_text(f"[profile deploy]\nrole_arn = {ROLE_ARN}\n"
                              "source_profile = other\n"
                              f"[profile other]\nrole_arn = {ROLE_ARN}\n"
                              "source_profile = deploy\n")
    looped = keyless.run("--profile", "deploy", "status")
    assert looped.returncode == 2
    assert error_line(looped) == ("slam: error: the source_profile settings "
                                  "make a loop: deploy -> other -> deploy")
    keyless.config.write_text(f"[profile deploy]\nrole_arn = {ROLE_ARN}\n"
                              "source_profile = gone\n")
    missing = keyless.run("--profile", "deploy", "status")
    assert missing.returncode == 2
    assert "source_profile 'gone', which is in neither" in error_line(missing)
    assert len(fake_sts.requests) == 1


def test_session_name_defaults_to_slam(keyless, fake_sts):
    base_profile_and_role(keyless)
    assert keyless.run("--profile", "deploy", "status").returncode == 0
    form = fake_sts.requests[0].form
    assert re.fullmatch(r"slam-\d+", form["RoleSessionName"])
    assert "ExternalId" not in form and "DurationSeconds" not in form


def test_role_chain_signs_each_step_with_the_previous(keyless, fake_sts):
    keyless.credentials.write_text(f"[base]\naws_access_key_id = {BASE_KEY}\n"
                               f"aws_secret_access_key = {BASE_SECRET}\n")
    keyless.config.write_text(
        f"[profile top]\nrole_arn = {ROLE_ARN}\nsource_profile = middle\n"
        "[profile middle]\nrole_arn = arn:aws:iam::1:role/hop\n"
        "source_profile = base\n")
    result = keyless.run("--profile", "top", "status")
    assert result.returncode == 0, result.stderr
    assert [(r.form["RoleArn"], r.signing_key) for r in fake_sts.requests] == [
        ("arn:aws:iam::1:role/hop", BASE_KEY),
        (ROLE_ARN, fake_sts.issued[0]["AccessKeyId"])]
    assert used_keys(result)[0][0] == "0002"


def test_role_loop_is_refused(keyless, fake_sts):
    keyless.config.write_text("[profile a]\nrole_arn = arn:a\nsource_profile = b\n"
                          "[profile b]\nrole_arn = arn:b\nsource_profile = a\n")
    result = keyless.run("--profile", "a", "status")
    assert result.returncode == 2
    assert error_line(result) == (
        "slam: error: the source_profile settings make a loop: a -> b -> a")
    assert fake_sts.requests == []


def test_sts_refusal_names_profile_and_role(keyless, fake_sts):
    base_profile_and_role(keyless)
    fake_sts.error = (403, "AccessDenied", "User is not authorized")
    result = keyless.run("--profile", "deploy", "status")
    assert result.returncode == 1
    assert error_line(result) == (
        f"slam: error: cannot assume role '{ROLE_ARN}' for profile 'deploy': "
        "sts AssumeRole: AccessDenied: User is not authorized")
    assert keyless.cache_files() == []


def test_short_lived_role_credentials_are_not_reused(keyless, fake_sts):
    # Credentials within five minutes of their end are renewed, not used.
    base_profile_and_role(keyless)
    fake_sts.lifetime = 240
    keyless.run("--profile", "deploy", "status")
    calls = len(fake_sts.requests)
    result = keyless.run("--profile", "deploy", "status")
    assert result.returncode == 0, result.stderr
    assert len(fake_sts.requests) > calls >= 1
    assert "(cached)" not in result.stderr


def test_credential_source_environment(keyless, fake_sts):
    keyless.config.write_text(f"[profile ci]\nrole_arn = {ROLE_ARN}\n"
                          "credential_source = Environment\n")
    result = keyless.run("--profile", "ci", "status",
                     AWS_ACCESS_KEY_ID="AKIAENVSOURCE0001",
                     AWS_SECRET_ACCESS_KEY="env-source-secret")
    assert result.returncode == 0, result.stderr
    assert fake_sts.requests[0].signing_key == "AKIAENVSOURCE0001"
    assert used_keys(result)[0][0] == "0001"


def test_credential_source_container(keyless, fake_sts, tmp_path):
    container = FakeContainer("Bearer-pod-token")
    try:
        keyless.config.write_text(f"[profile task]\nrole_arn = {ROLE_ARN}\n"
                              "credential_source = EcsContainer\n")
        token_file = tmp_path / "token"
        token_file.write_text("Bearer-pod-token\n")
        result = keyless.run("--profile", "task", "status",
                         AWS_CONTAINER_CREDENTIALS_FULL_URI=container.url + "/v1",
                         AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=str(token_file))
        assert result.returncode == 0, result.stderr
        assert [r.path for r in container.requests] == ["/v1"]
        assert fake_sts.requests[0].signing_key == container.issued[0]["AccessKeyId"]
    finally:
        container.close()


def test_instance_metadata_only_when_a_profile_names_it(keyless, fake_imds):
    result = keyless.run(AWS_EC2_METADATA_SERVICE_ENDPOINT=fake_imds.url)
    assert result.returncode == 1
    assert "no AWS credentials found for profile 'default'" in error_line(result)
    assert fake_imds.requests == []


def test_credential_source_instance_metadata(keyless, fake_sts, fake_imds):
    keyless.config.write_text(f"[profile ec2]\nrole_arn = {ROLE_ARN}\n"
                          "credential_source = Ec2InstanceMetadata\n"
                          f"ec2_metadata_service_endpoint = {fake_imds.url}\n")
    result = keyless.run("--profile", "ec2", "status")
    assert result.returncode == 0, result.stderr
    assert [(r.method, r.path) for r in fake_imds.requests] == [
        ("PUT", "/latest/api/token"),
        ("GET", "/latest/meta-data/iam/security-credentials/"),
        ("GET", "/latest/meta-data/iam/security-credentials/instance-role")]
    assert fake_sts.requests[0].signing_key == fake_imds.issued[0]["AccessKeyId"]
    # AWS_EC2_METADATA_DISABLED wins, as in the AWS CLI.
    (keyless.home / ".aws" / "slam").rename(keyless.home / "old-cache")
    disabled = keyless.run("--profile", "ec2", "status",
                       AWS_EC2_METADATA_DISABLED="true")
    assert disabled.returncode == 2
    assert "AWS_EC2_METADATA_DISABLED is true" in error_line(disabled)
    assert len(fake_imds.requests) == 3


def test_mfa_code_is_asked_on_a_terminal_then_cached(keyless, fake_sts):
    serial = "arn:aws:iam::123456789012:mfa/dev"
    base_profile_and_role(keyless, f"mfa_serial = {serial}\n")
    status, shown = run_on_terminal(keyless, ["--profile", "deploy", "status"],
                                    "123456")
    assert status == 0, shown
    assert f"MFA code for {serial}: " in shown
    assert fake_sts.requests[0].form["SerialNumber"] == serial
    assert fake_sts.requests[0].form["TokenCode"] == "123456"
    # Without a terminal the cached credentials still serve.
    result = keyless.run("--profile", "deploy", "status")
    assert result.returncode == 0, result.stderr
    assert len(fake_sts.requests) == 1


def test_mfa_without_a_terminal_is_a_clear_error(keyless, fake_sts):
    base_profile_and_role(keyless, "mfa_serial = arn:aws:iam::1:mfa/dev\n")
    result = keyless.run("--profile", "deploy", "status")
    assert result.returncode == 1
    assert error_line(result) == (
        "slam: error: profile 'deploy' needs an MFA code for "
        "'arn:aws:iam::1:mfa/dev', but there is no terminal to ask for it "
        "on; run slam once on a terminal (the role's credentials are then "
        "cached until they expire)")
    assert fake_sts.requests == []


def test_role_with_credential_process_source(keyless, fake_sts, process_profile):
    keyless.config.write_text(keyless.config.read_text().replace("[profile proc]", (
        f"[profile deploy]\nrole_arn = {ROLE_ARN}\nsource_profile = proc\n"
        "[profile proc]")))
    result = keyless.run("--profile", "deploy", "status")
    assert result.returncode == 0, result.stderr
    assert fake_sts.requests[0].signing_key == "ASIAPROCESSKEY0001"
