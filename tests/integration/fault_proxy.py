"""A fault-injecting HTTP proxy on 127.0.0.1 in front of moto_server.

Each request is passed to moto unchanged, except that a set share of them,
picked by a seeded random generator, meets a fault instead:

- error_500: moto carries the request out, then the answer is replaced by
  the protocol's 500 (the work is done, the client cannot know);
- error_503: the protocol's 503, moto never sees the request;
- throttle: the protocol's throttling error, moto never sees the request;
- slow: moto's answer, a little late (well below slam's request timeout);
- timeout: moto's answer, later than slam's request timeout;
- drop_before: the connection is closed before anything is sent back;
- drop_middle: moto carries the request out, and the connection is closed
  halfway through its answer (in the headers when the body is short).

Errors are written in the protocol of the request, told apart by its
X-Amz-Target (JSON 1.1: CloudWatch Logs), its path (REST-JSON: Lambda), its
form body (query XML: CloudFormation, STS) or none of these (REST-XML: S3).
With a clock offset the proxy plays a server whose clock is that far ahead:
its Date headers say so, and it refuses requests signed more than five
minutes off that clock with the protocol's clock-skew error.
"""

import collections
import datetime
import email.utils
import http.client
import random
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

KINDS = ("error_500", "error_503", "throttle", "slow", "timeout",
         "drop_before", "drop_middle")
FORWARDED = {"error_500", "slow", "timeout", "drop_middle", None}
LAMBDA_PATH = re.compile(r"^/20\d\d-\d\d-\d\d/")
QUERY_XMLNS = "http://cloudformation.amazonaws.com/doc/2010-05-15/"
MAX_SKEW = datetime.timedelta(minutes=5)

# Throttling codes each protocol's services use.
THROTTLING = {
    "query": ("Throttling", "RequestLimitExceeded", "RequestThrottled"),
    "s3": ("SlowDown",),
    "json": ("ThrottlingException", "ThrottledException",
             "RequestThrottledException"),
    "rest-json": ("TooManyRequestsException",),
}


def protocol_of(path: str, headers) -> str:
    if headers.get("X-Amz-Target"):
        return "json"
    if LAMBDA_PATH.match(path):
        return "rest-json"
    if headers.get("Content-Type", "").startswith(
            "application/x-www-form-urlencoded"):
        return "query"
    return "s3"


def operation_of(protocol: str, method: str, path: str, headers,
                 body: bytes) -> str:
    """A short name of the call, for the statistics."""
    if protocol == "json":
        return headers["X-Amz-Target"].split(".")[-1]
    if protocol == "query":
        return parse_qs(body.decode()).get("Action", ["?"])[0]
    parts = urlsplit(path)
    if protocol == "rest-json":
        return f"{method} {re.sub(r'functions/[^/]+', 'functions/F', parts.path)}"
    kind = "object" if parts.path.strip("/").count("/") else "bucket"
    query = f"?{parts.query.split('=')[0]}" if parts.query else ""
    return f"{method} {kind}{query}"


def error_answer(protocol: str, status: int, code: str, message: str):
    """Return (status, headers, body) of an error in PROTOCOL."""
    request_id = str(uuid.uuid4())
    if protocol == "query":
        body = (f'<ErrorResponse xmlns="{QUERY_XMLNS}"><Error>'
                f"<Type>{'Sender' if status < 500 else 'Receiver'}</Type>"
                f"<Code>{code}</Code><Message>{message}</Message></Error>"
                f"<RequestId>{request_id}</RequestId></ErrorResponse>")
        return status, {"Content-Type": "text/xml"}, body.encode()
    if protocol == "s3":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f"<Error><Code>{code}</Code><Message>{message}</Message>"
                f"<RequestId>{request_id}</RequestId></Error>")
        return status, {"Content-Type": "application/xml"}, body.encode()
    headers = {"x-amzn-RequestId": request_id}
    if protocol == "json":
        headers["Content-Type"] = "application/x-amz-json-1.1"
        body = f'{{"__type": "{code}", "message": "{message}"}}'
    else:
        headers["Content-Type"] = "application/json"
        headers["x-amzn-ErrorType"] = f"{code}:http://internal.amazon.com/"
        body = f'{{"Type": "User", "message": "{message}"}}'
    return status, headers, body.encode()


def fault_answer(protocol: str, kind: str, rng: random.Random):
    if kind == "throttle":
        code = rng.choice(THROTTLING[protocol])
        status = {"s3": 503, "rest-json": 429}.get(protocol, 400)
        return error_answer(protocol, status, code, "Rate exceeded")
    if kind == "error_503":
        return error_answer(protocol, 503, "ServiceUnavailable",
                            "Service is unavailable, try again later")
    code = {"s3": "InternalError", "rest-json": "ServiceException"}.get(
        protocol, "InternalFailure")
    return error_answer(protocol, 500, code, "We encountered an internal error")


def skew_answer(protocol: str, signed: datetime.datetime,
                server: datetime.datetime):
    stamp = "%Y%m%dT%H%M%SZ"
    if protocol == "s3":
        return error_answer(
            protocol, 403, "RequestTimeTooSkewed",
            "The difference between the request time and the current time "
            "is too large.")
    message = (f"Signature expired: {signed.strftime(stamp)} is now earlier "
               f"than {(server - MAX_SKEW).strftime(stamp)} "
               f"({server.strftime(stamp)} - 5 min.)")
    if protocol == "query":
        return error_answer(protocol, 403, "SignatureDoesNotMatch", message)
    return error_answer(protocol, 403, "InvalidSignatureException", message)


class FaultProxy:
    """The proxy's settings and counts; serve() runs it on a free port."""

    def __init__(self, upstream: str, share: float = 0.2, seed: int = 7,
                 kinds=KINDS, slow: float = 0.2, timeout: float = 2.0,
                 clock_offset: datetime.timedelta = datetime.timedelta()):
        self.upstream = urlsplit(upstream)
        self.share = share
        self.kinds = tuple(kinds)
        self.slow = slow
        self.timeout = timeout
        self.clock_offset = clock_offset
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.requests = 0
        self.faults = collections.Counter()  # kind -> count
        self.by_operation = collections.Counter()  # (operation, kind) -> n
        self.server = None
        self.url = None

    def clock(self) -> datetime.datetime:
        return datetime.datetime.now(datetime.timezone.utc) + self.clock_offset

    def pick(self, operation: str):
        """Count a request of OPERATION and return its fault, or None."""
        with self.lock:
            self.requests += 1
            kind = None
            if self.rng.random() < self.share:
                kind = self.rng.choice(self.kinds)
                self.faults[kind] += 1
            self.by_operation[(operation, kind)] += 1
            return kind

    def serve(self):
        proxy = self

        class Handler(_ProxyHandler):
            pass

        Handler.proxy = proxy
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def faults_on(self, operations) -> dict:
        """Return {operation: {kind: count}} of the faults on OPERATIONS."""
        found = collections.defaultdict(dict)
        for (operation, kind), count in self.by_operation.items():
            if kind and operation in operations:
                found[operation][kind] = count
        return dict(found)

    def summary(self) -> str:
        kinds = ", ".join(f"{kind} {self.faults[kind]}" for kind in KINDS
                          if self.faults[kind])
        return (f"{self.requests} requests, {sum(self.faults.values())} "
                f"faults ({kinds})")


def _has_length(headers: dict) -> bool:
    """Whether HEADERS give a length (moto's, kept for a HEAD)."""
    return any(name.lower() == "content-length" for name in headers)


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    proxy: FaultProxy

    def do_GET(self):
        self._handle()

    do_PUT = do_POST = do_DELETE = do_HEAD = do_GET

    def log_message(self, *args):
        pass

    def date_time_string(self, timestamp=None):
        return email.utils.format_datetime(self.proxy.clock(), usegmt=True)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        protocol = protocol_of(self.path, self.headers)
        if self._refuse_skewed_time(protocol):
            return
        operation = operation_of(protocol, self.command, self.path,
                                 self.headers, body)
        kind = self.proxy.pick(operation)
        if kind == "drop_before":
            self.close_connection = True
            return
        if kind not in FORWARDED:
            self._answer(*fault_answer(protocol, kind, self.proxy.rng))
            return
        answer = self._forward(body)
        if kind == "error_500":
            answer = fault_answer(protocol, kind, self.proxy.rng)
        elif kind in ("slow", "timeout"):
            time.sleep(self.proxy.slow if kind == "slow"
                       else self.proxy.timeout)
        try:
            self._answer(*answer, cut=kind == "drop_middle")
        except OSError:  # the client gave up waiting
            self.close_connection = True

    def _refuse_skewed_time(self, protocol: str) -> bool:
        signed_text = self.headers.get("X-Amz-Date", "")
        if not self.proxy.clock_offset or not signed_text:
            return False
        signed = datetime.datetime.strptime(
            signed_text, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        server = self.proxy.clock()
        if abs(server - signed) <= MAX_SKEW:
            return False
        with self.proxy.lock:
            self.proxy.faults["clock_skew"] += 1
        self._answer(*skew_answer(protocol, signed, server))
        return True

    def _forward(self, body: bytes):
        """Send the request to moto; return (status, headers, body)."""
        connection = http.client.HTTPConnection(
            self.proxy.upstream.hostname, self.proxy.upstream.port, timeout=60)
        try:
            headers = {name: value for name, value in self.headers.items()
                       if name.lower() != "connection"}
            connection.request(self.command, self.path, body or None, headers)
            response = connection.getresponse()
            data = response.read()
            skipped = {"connection", "transfer-encoding", "date", "server"}
            if self.command != "HEAD":
                skipped.add("content-length")
            kept = {name: value for name, value in response.getheaders()
                    if name.lower() not in skipped}
            return response.status, kept, data
        finally:
            connection.close()

    def _answer(self, status: int, headers: dict, body: bytes,
                cut: bool = False):
        if cut:
            self._answer_halfway(status, headers, body)
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if not _has_length(headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _answer_halfway(self, status: int, headers: dict, body: bytes):
        lines = [f"HTTP/1.1 {status} {self.responses[status][0]}",
                 f"Date: {self.date_time_string()}",
                 *(f"{name}: {value}" for name, value in headers.items())]
        if not _has_length(headers):
            lines.append(f"Content-Length: {len(body)}")
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode()
        raw += b"" if self.command == "HEAD" else body
        self.wfile.write(raw[:len(raw) // 2])
        self.wfile.flush()
        self.close_connection = True
