"""What the credential tests share: an environment with no credentials
(the `keyless` fixture of conftest.py), profiles, and readers of slam's
-v output.

slam runs `-v status` against moto with no keys in its environment but
what each test gives; the fakes (fake_credentials.py) hand out numbered
credentials, and the -v line "using the AWS access key ending in 'NNNN'
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
import subprocess
import sys
import time
from pathlib import Path

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


def base_profile_and_role(env: Env, role_settings: str = "") -> None:
    """Write a profile 'base' with keys and 'deploy', its role."""
    env.credentials.write_text(f"[base]\naws_access_key_id = {BASE_KEY}\n"
                               f"aws_secret_access_key = {BASE_SECRET}\n")
    env.config.write_text(f"[profile deploy]\nrole_arn = {ROLE_ARN}\n"
                          f"source_profile = base\n{role_settings}")

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
now = datetime.datetime.now(datetime.timezone.utc)
end = now + datetime.timedelta(seconds=lifetime)
print(json.dumps({"Version": 1, "AccessKeyId": f"ASIAPROCESSKEY{calls:04d}",
                  "SecretAccessKey": f"procSeCrEt/{calls}/NeverShown",
                  "SessionToken": f"procToKeN/{calls}/NeverShown",
                  "Expiration": end.strftime("%Y-%m-%dT%H:%M:%SZ")}))
"""


LEGACY_SSO = (f"[profile dev]\nsso_start_url = {START_URL}\n"
              "sso_region = us-east-1\nsso_account_id = 111122223333\n"
              "sso_role_name = Deployer\n")


def write_process_profile(env: Env, folder: Path) -> Path:
    """Write a profile 'proc' whose credential_process is PROCESS in a
    folder with a space, given an argument with a space; return the file
    that counts its runs."""
    tools = folder / "my tools"
    tools.mkdir()
    script = tools / "creds.py"
    script.write_text(PROCESS)
    env.env["CREDS_STATE"] = str(folder / "calls")
    env.config.write_text(f'[profile proc]\ncredential_process = '
                          f'{sys.executable} "{script}" --account \'a b\'\n')
    return folder / "calls"
