"""runtime/slam_bootstrap.py against a scripted runtime API on loopback."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

BOOTSTRAP = Path(__file__).resolve().parents[2] / "runtime" / "slam_bootstrap.py"

HANDLER = '''
import decimal, os, sys
def handle(event, context):
    kind = event.get("kind")
    if kind == "context":
        return {name: getattr(context, name) for name in (
            "aws_request_id", "invoked_function_arn", "function_name",
            "function_version", "memory_limit_in_mb", "log_group_name",
            "log_stream_name")} | {
            "remaining": context.get_remaining_time_in_millis(),
            "trace": os.environ.get("_X_AMZN_TRACE_ID"),
            "identity": context.identity and context.identity.cognito_identity_id,
            "client": context.client_context and context.client_context.custom,
            "path0": sys.path[0]}
    if kind == "raise":
        raise ValueError("bad value")
    if kind == "set":
        return {1, 2}
    if kind == "decimal":
        return decimal.Decimal("1.5")
    return event
'''


class FakeRuntimeApi:
    """Hands out queued invocations and records what the runtime posts."""

    def __init__(self):
        self.invocations: queue.Queue = queue.Queue()
        self.posts: queue.Queue = queue.Queue()
        self.connections: set = set()
        self.drop_after_next = False
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                api.connections.add(self.client_address)
                request_id, event, headers = api.invocations.get()
                if request_id is None:
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = json.dumps(event).encode()
                self.send_response(200)
                self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
                self.send_header("Lambda-Runtime-Deadline-Ms",
                                 str(int(time.time() * 1000) + 5000))
                self.send_header("Lambda-Runtime-Invoked-Function-Arn",
                                 "arn:aws:lambda:us-east-1:123456789012:function:f:dev")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                # Closed without a word, as an idle keep-alive times out.
                self.close_connection = api.drop_after_next

            def do_POST(self):
                length = int(self.headers["Content-Length"])
                body = self.rfile.read(length)
                api.posts.put((self.path, dict(self.headers), json.loads(body)))
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       daemon=True)
        self.thread.start()

    @property
    def address(self):
        return "127.0.0.1:%d" % self.server.server_address[1]

    def invoke(self, request_id, event, headers=None):
        self.invocations.put((request_id, event, headers or {}))
        return self.posts.get(timeout=20)

    def close(self):
        self.invocations.put((None, None, None))
        self.server.shutdown()


@pytest.fixture
def runtime(tmp_path):
    (tmp_path / "handler.py").write_text(HANDLER)
    (tmp_path / "broken.py").write_text("import no_such_module_anywhere\n")
    api = FakeRuntimeApi()
    processes = []

    def start(handler="handler.handle"):
        env = {"PATH": os.environ["PATH"],
               "AWS_LAMBDA_RUNTIME_API": api.address, "_HANDLER": handler,
               "LAMBDA_TASK_ROOT": str(tmp_path),
               "AWS_LAMBDA_FUNCTION_NAME": "f",
               "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
               "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
               "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/f",
               "AWS_LAMBDA_LOG_STREAM_NAME": "s",
               "PYTHONDONTWRITEBYTECODE": "1"}
        process = subprocess.Popen([sys.executable, str(BOOTSTRAP)],
                                   cwd=tmp_path, env=env, text=True,
                                   stderr=subprocess.PIPE)
        processes.append(process)
        return process

    api.start = start
    api.task_root = tmp_path
    yield api
    api.close()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_result_is_posted_to_response(runtime):
    runtime.start()
    path, headers, body = runtime.invoke("r1", {"a": [1, "é"]})
    assert path == "/2018-06-01/runtime/invocation/r1/response"
    assert body == {"a": [1, "é"]}


def test_context_is_like_lambdas(runtime):
    runtime.start()
    _, _, body = runtime.invoke("r2", {"kind": "context"}, {
        "Lambda-Runtime-Trace-Id": "Root=1-5-abc;Sampled=0",
        "Lambda-Runtime-Cognito-Identity": json.dumps(
            {"cognitoIdentityId": "id-7", "cognitoIdentityPoolId": "p"}),
        "Lambda-Runtime-Client-Context": json.dumps({"custom": {"k": 1}}),
    })
    remaining = body.pop("remaining")
    assert 3000 < remaining <= 5000
    assert body == {
        "aws_request_id": "r2",
        "invoked_function_arn":
            "arn:aws:lambda:us-east-1:123456789012:function:f:dev",
        "function_name": "f", "function_version": "$LATEST",
        "memory_limit_in_mb": "256", "log_group_name": "/aws/lambda/f",
        "log_stream_name": "s", "trace": "Root=1-5-abc;Sampled=0",
        "identity": "id-7", "client": {"k": 1},
        "path0": str(runtime.task_root),
    }
    # Without the header the trace id of the last invocation is gone.
    _, _, body = runtime.invoke("r3", {"kind": "context"})
    assert body["trace"] is None


def test_one_connection_serves_every_invocation(runtime):
    runtime.start()
    for number in range(5):
        runtime.invoke(f"r{number}", {"n": number})
    assert len(runtime.connections) == 1


def test_a_connection_closed_while_idle_is_opened_again(runtime):
    runtime.start()
    runtime.drop_after_next = True
    path, _, body = runtime.invoke("r9", {"n": 9})
    assert (path, body) == ("/2018-06-01/runtime/invocation/r9/response",
                            {"n": 9})
    runtime.drop_after_next = False
    assert runtime.invoke("r10", {"n": 10})[2] == {"n": 10}


def test_exception_is_posted_as_lambdas_error_object(runtime):
    process = runtime.start()
    path, headers, body = runtime.invoke("r4", {"kind": "raise"})
    assert path == "/2018-06-01/runtime/invocation/r4/error"
    assert headers["Lambda-Runtime-Function-Error-Type"] == "ValueError"
    trace = body.pop("stackTrace")
    assert body == {"errorMessage": "bad value", "errorType": "ValueError",
                    "requestId": "r4"}
    assert len(trace) == 1 and 'in handle\n    raise ValueError' in trace[0]
    # The runtime goes on after a function error.
    assert runtime.invoke("r5", {"n": 1})[2] == {"n": 1}
    runtime.close()
    assert "[ERROR] ValueError: bad value" in process.communicate(timeout=10)[1]


def test_result_that_is_not_json_is_a_marshal_error(runtime):
    runtime.start()
    path, headers, body = runtime.invoke("r6", {"kind": "set"})
    assert path.endswith("/r6/error")
    assert body == {
        "errorMessage": "Unable to marshal response: Object of type set is "
                        "not JSON serializable",
        "errorType": "Runtime.MarshalError", "requestId": "r6",
        "stackTrace": []}


def test_decimal_is_written_as_a_number(runtime):
    runtime.start()
    assert runtime.invoke("r7", {"kind": "decimal"})[2] == 1.5


def test_import_failure_posts_init_error_and_exits(runtime):
    process = runtime.start("broken.handle")
    path, headers, body = runtime.posts.get(timeout=20)
    assert path == "/2018-06-01/runtime/init/error"
    assert headers["Lambda-Runtime-Function-Error-Type"] == \
        "Runtime.ImportModuleError"
    assert body == {
        "errorMessage": "Unable to import module 'broken': No module named "
                        "'no_such_module_anywhere'",
        "errorType": "Runtime.ImportModuleError", "requestId": "",
        "stackTrace": []}
    assert process.wait(timeout=10) == 1


@pytest.mark.parametrize("handler, error_type, message", [
    ("handler", "Runtime.MalformedHandlerName",
     "Bad handler 'handler': not enough values to unpack (expected 2, got 1)"),
    ("handler.missing", "Runtime.HandlerNotFound",
     "Handler 'missing' missing on module 'handler'"),
])
def test_bad_handler_names_are_init_errors(runtime, handler, error_type,
                                           message):
    runtime.start(handler)
    _, _, body = runtime.posts.get(timeout=20)
    assert (body["errorType"], body["errorMessage"]) == (error_type, message)


def test_runtime_exits_when_slam_goes_away(runtime):
    process = runtime.start()
    runtime.invoke("r8", {})
    runtime.close()
    assert process.wait(timeout=10) == 0


def _load_bootstrap():
    """Import runtime/slam_bootstrap.py as a module, for its client."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("slam_bootstrap", BOOTSTRAP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _serve_raw_once(answer: bytes):
    """Answer one request on a loopback socket with the bytes ANSWER, then
    close; return the port."""
    import socket
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        connection, _ = listener.accept()
        with connection, listener:
            request = b""
            while b"\r\n\r\n" not in request:
                request += connection.recv(65536)
            connection.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Id: 7\r\n\r\nhello",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nx-id: 7\r\n\r\n"
    b"3\r\nhel\r\n2;ext=1\r\nlo\r\n0\r\n\r\n",
    b"HTTP/1.0 200 OK\r\nX-ID: 7\r\n\r\nhello",
], ids=["content-length", "chunked", "until-close"])
def test_client_reads_every_kind_of_body(answer):
    bootstrap = _load_bootstrap()
    connection = bootstrap._Connection("127.0.0.1", _serve_raw_once(answer))
    try:
        status, headers, body = connection.exchange("GET", "/x", None, {})
    finally:
        connection.close()
    assert (status, headers.get("x-id"), body) == (200, "7", b"hello")


def test_client_reports_a_connection_closed_mid_answer():
    bootstrap = _load_bootstrap()
    port = _serve_raw_once(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhel")
    connection = bootstrap._Connection("127.0.0.1", port)
    with pytest.raises(ConnectionError):
        connection.exchange("GET", "/x", None, {})
    connection.close()
