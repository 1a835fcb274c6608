"""Loopback fakes of the endpoints that hand out AWS credentials.

STS (AssumeRole), the IAM Identity Center portal (GetRoleCredentials), a
container credentials endpoint and the EC2 instance metadata service
(IMDSv2), each on 127.0.0.1 in a thread of its own. Each records what it
was sent and answers distinctive fake credentials, numbered per call, so
a test can tell which call's credentials slam used and search its output
and files for them.
"""

from __future__ import annotations

import datetime
import http.server
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass


@dataclass
class Seen:
    """One request as a fake received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # names in lower case
    body: str

    @property
    def form(self) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(self.body))

    @property
    def signing_key(self) -> str:
        """The access key id that signed the request, if any."""
        match = re.search(r"Credential=([^/]+)/", self.headers.get("authorization", ""))
        return match.group(1) if match else ""


def iso_in(seconds: float) -> str:
    now = datetime.datetime.now(datetime.timezone.utc)
    return (now + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def fake_credentials(prefix: str, number: int) -> dict[str, str]:
    """Distinctive fake credentials: the key ends with the call's number."""
    return {
        "AccessKeyId": f"ASIA{prefix}FAKE{number:04d}",
        "SecretAccessKey": f"{prefix.lower()}SeCrEt/{number:04d}+NeverShownAnywhere",
        "Token": f"IQoJ{prefix}TokenNeverShown/{number:04d}" + "Zg" * 60,
    }


class FakeEndpoint:
    """Serve self.answer(seen) -> (status, headers, body) on 127.0.0.1."""

    prefix = "FAKE"

    def __init__(self):
        self.requests: list[Seen] = []
        self.issued: list[dict[str, str]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                url = urllib.parse.urlsplit(self.path)
                seen = Seen(self.command, urllib.parse.unquote(url.path),
                            dict(urllib.parse.parse_qsl(url.query)),
                            {k.lower(): v for k, v in self.headers.items()},
                            self.rfile.read(length).decode())
                fake.requests.append(seen)
                status, headers, body = fake.answer(seen)
                data = body.encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _serve

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def issue(self) -> dict[str, str]:
        """Return the next set of fake credentials, remembered."""
        credentials = fake_credentials(self.prefix, len(self.issued) + 1)
        self.issued.append(credentials)
        return credentials

    def secrets(self) -> list[str]:
        """Every secret key and token handed out so far."""
        return [value for issued in self.issued
                for key, value in issued.items() if key != "AccessKeyId"]

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, seen: Seen):
        raise NotImplementedError


class FakeSts(FakeEndpoint):
    """STS's AssumeRole, query protocol. `error` makes it refuse;
    `lifetime` is how long its credentials last (DurationSeconds wins)."""

    prefix = "STS"

    def __init__(self):
        super().__init__()
        self.error: tuple[int, str, str] | None = None
        self.echo_errors = False  # repeat the request's headers in errors
        self.lifetime = 3600

    def answer(self, seen: Seen):
        if self.error:
            status, code, message = self.error
            if self.echo_errors:
                message += " " + " ".join(f"{k}: {v}" for k, v in seen.headers.items())
            return status, {"Content-Type": "text/xml"}, (
                "<ErrorResponse><Error><Type>Sender</Type>"
                f"<Code>{code}</Code><Message>{message}</Message></Error>"
                "<RequestId>r</RequestId></ErrorResponse>")
        form = seen.form
        assert form.get("Action") == "AssumeRole", form
        issued = self.issue()
        lifetime = int(form.get("DurationSeconds", self.lifetime))
        return 200, {"Content-Type": "text/xml"}, (
            "<AssumeRoleResponse><AssumeRoleResult><Credentials>"
            f"<AccessKeyId>{issued['AccessKeyId']}</AccessKeyId>"
            f"<SecretAccessKey>{issued['SecretAccessKey']}</SecretAccessKey>"
            f"<SessionToken>{issued['Token']}</SessionToken>"
            f"<Expiration>{iso_in(lifetime)}</Expiration>"
            "</Credentials></AssumeRoleResult></AssumeRoleResponse>")


class FakeSsoPortal(FakeEndpoint):
    """The IAM Identity Center portal's GetRoleCredentials; only
    `access_token` is accepted."""

    prefix = "SSO"

    def __init__(self, access_token: str):
        super().__init__()
        self.access_token = access_token

    def answer(self, seen: Seen):
        if seen.path != "/federation/credentials":
            return 404, {}, "{}"
        if seen.headers.get("x-amz-sso_bearer_token") != self.access_token:
            return 401, {"Content-Type": "application/json"}, json.dumps(
                {"message": "Session token not found or invalid"})
        issued = self.issue()
        expiration = int((datetime.datetime.now().timestamp() + 3600) * 1000)
        return 200, {"Content-Type": "application/json"}, json.dumps(
            {"roleCredentials": {"accessKeyId": issued["AccessKeyId"],
                                 "secretAccessKey": issued["SecretAccessKey"],
                                 "sessionToken": issued["Token"],
                                 "expiration": expiration}})


class FakeContainer(FakeEndpoint):
    """A container credentials endpoint (ECS or EKS Pod Identity) that
    wants `token` in the Authorization header."""

    prefix = "ECS"

    def __init__(self, token: str = ""):
        super().__init__()
        self.token = token

    def answer(self, seen: Seen):
        if seen.headers.get("authorization", "") != self.token:
            return 403, {"Content-Type": "application/json"}, json.dumps(
                {"code": "AccessDenied", "message": "bad token " +
                 seen.headers.get("authorization", "")})
        issued = self.issue()
        return 200, {"Content-Type": "application/json"}, json.dumps(
            dict(issued, Expiration=iso_in(3600)))


class FakeInstanceMetadata(FakeEndpoint):
    """IMDSv2: a session token by PUT, then the role and its credentials
    with it."""

    prefix = "EC2"
    session_token = "imds-session-token-NeverShown"

    def answer(self, seen: Seen):
        if seen.method == "PUT" and seen.path == "/latest/api/token":
            if "x-aws-ec2-metadata-token-ttl-seconds" not in seen.headers:
                return 400, {}, ""
            return 200, {}, self.session_token
        if seen.headers.get("x-aws-ec2-metadata-token") != self.session_token:
            return 401, {}, ""
        base = "/latest/meta-data/iam/security-credentials/"
        if seen.path == base:
            return 200, {}, "instance-role"
        if seen.path == base + "instance-role":
            issued = self.issue()
            return 200, {}, json.dumps(
                dict(issued, Code="Success", Type="AWS-HMAC",
                     LastUpdated=iso_in(0), Expiration=iso_in(3600)))
        return 404, {}, ""
