"""Slam's local Lambda runtime: a client of the Lambda runtime API.

`slam serve` and `slam invoke --local` run one of these per worker process,
as Lambda runs its Python runtime: it imports the handler named by
_HANDLER (module.function) from LAMBDA_TASK_ROOT, then asks
AWS_LAMBDA_RUNTIME_API for invocations one at a time and posts each result
or error back. Standard library only; not part of the deployed package.
"""

import decimal
import json
import os
import select
import socket
import sys
import threading
import time
import traceback

_API_PATH = "/2018-06-01/runtime"


class CognitoIdentity:
    """The caller's Cognito identity, as the Python runtime gives it."""

    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, fields):
        self.cognito_identity_id = fields.get("cognitoIdentityId")
        self.cognito_identity_pool_id = fields.get("cognitoIdentityPoolId")


class Client:
    """The mobile client of a client context."""

    __slots__ = ("installation_id", "app_title", "app_version_name",
                 "app_version_code", "app_package_name")

    def __init__(self, fields):
        self.installation_id = fields.get("installation_id")
        self.app_title = fields.get("app_title")
        self.app_version_name = fields.get("app_version_name")
        self.app_version_code = fields.get("app_version_code")
        self.app_package_name = fields.get("app_package_name")


class ClientContext:
    """The client context of an invocation from a mobile SDK."""

    __slots__ = ("client", "custom", "env")

    def __init__(self, fields):
        client = fields.get("client")
        self.client = Client(client) if client else None
        self.custom = fields.get("custom")
        self.env = fields.get("env")


class LambdaContext:
    """The context object Lambda's Python runtime passes to the handler."""

    # The function's settings do not change while the process lives.
    function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
    function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
    memory_limit_in_mb = os.environ.get(  # a string, as in Lambda's runtime
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
    log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
    log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")

    def __init__(self, request_id, deadline_ms, function_arn, identity,
                 client_context):
        self.aws_request_id = request_id
        self.invoked_function_arn = function_arn
        self.identity = identity
        self.client_context = client_context
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        """Return the milliseconds left before the function times out."""
        return max(self._deadline_ms - int(time.time() * 1000), 0)


def _json_header(headers, name):
    value = headers.get(name)
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def _error_object(error, request_id, error_type=None):
    """Return the error object Lambda reports for ERROR."""
    # The first frame is this runtime's call of the handler.
    frames = traceback.extract_tb(error.__traceback__)[1:]
    fault = {
        "errorMessage": str(error),
        "errorType": error_type or type(error).__name__,
        "stackTrace": traceback.format_list(frames),
    }
    if request_id is not None:
        fault["requestId"] = request_id
    return fault


def _log_error(fault):
    """Write ERROR's report to the log as Lambda's runtime does."""
    lines = [f"[ERROR] {fault['errorType']}: {fault['errorMessage']}"]
    if fault["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        lines.extend(frame.rstrip("\n") for frame in fault["stackTrace"])
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


class _MarshalError(Exception):
    """The handler's result is not JSON."""


def _decimal_number(item):
    # Lambda's runtime writes Decimal (from DynamoDB) as a number.
    if isinstance(item, decimal.Decimal):
        return float(item)
    raise TypeError(
        f"Object of type {type(item).__name__} is not JSON serializable")


def _to_json(value):
    try:
        return json.dumps(value, default=_decimal_number)
    except (TypeError, ValueError, RecursionError) as error:
        raise _MarshalError(str(error)) from None


class _Headers(dict):
    """Response headers by lower-case name; get() ignores case."""

    def get(self, name, default=None):
        return super().get(name.lower(), default)


class _Connection:
    """A minimal HTTP/1.1 client over one kept-alive socket.

    http.client parses every response's headers with the email package:
    with two exchanges per invocation that was most of the bootstrap's own
    time. The runtime API is slam's, on loopback, so this only needs what
    it sends: a status line, headers and a Content-Length body (or a body
    that ends with the connection).
    """

    def __init__(self, host, port):
        self._address = (host, port)
        self._socket = None
        self._buffer = b""
        # True while a handler runs: see _watch_hangup.
        self.invoking = False

    def close(self):
        if self._socket is not None:
            self._socket.close()
        self._socket, self._buffer = None, b""

    def exchange(self, method, path, body, headers):
        """Send one request; return (status, _Headers, body bytes)."""
        self._send(self._request(method, path, body, headers))
        return self._read_response()

    def exchange_two(self, first, second):
        """Send two requests back to back (HTTP/1.1 pipelining) and return
        both answers: FIRST and SECOND are (method, path, body, headers)."""
        self._send(self._request(*first) + self._request(*second))
        return self._read_response(), self._read_response()

    def _send(self, data):
        if self._socket is None:
            self._socket = socket.create_connection(self._address)
            self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            _watch_hangup(self._socket, self)
        self._socket.sendall(data)

    @staticmethod
    def _request(method, path, body, headers):
        body = body.encode() if isinstance(body, str) else (body or b"")
        lines = [f"{method} {path} HTTP/1.1", "Host: runtime"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if method != "GET" or body:
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

    def _read_response(self):
        status, response_headers = self._read_head()
        return status, response_headers, self._read_body(response_headers)

    def _receive(self):
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionResetError("the runtime API closed the connection")
        self._buffer += chunk

    def _read_head(self):
        while (end := self._buffer.find(b"\r\n\r\n")) < 0:
            self._receive()
        head, self._buffer = self._buffer[:end], self._buffer[end + 4:]
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = _Headers()
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        try:
            return int(status_line.split(" ", 2)[1]), headers
        except (IndexError, ValueError):
            raise ConnectionError(f"bad status line {status_line!r}") from None

    def _read_body(self, headers):
        if headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        length = headers.get("Content-Length")
        if length is None:  # the body ends with the connection
            while True:
                try:
                    self._receive()
                except ConnectionResetError:
                    data = self._buffer
                    self.close()
                    return data
        while len(self._buffer) < int(length):
            self._receive()
        data, self._buffer = (self._buffer[:int(length)],
                              self._buffer[int(length):])
        return data

    def _read_chunked(self):
        data = b""
        while True:
            while (end := self._buffer.find(b"\r\n")) < 0:
                self._receive()
            size = int(self._buffer[:end].split(b";")[0], 16)
            while len(self._buffer) < end + 2 + size + 2:
                self._receive()
            data += self._buffer[end + 2:end + 2 + size]
            self._buffer = self._buffer[end + 2 + size + 2:]
            if size == 0:
                return data


def _watch_hangup(sock, connection):
    """End this process when slam closes SOCK while a handler runs.

    Slam closes the runtime API connection when it goes away; killed
    (SIGKILL leaves it no chance to stop its workers), it leaves a handler
    that is still running (sleeping, looping) to outlive it. A thread that
    waits for the hang-up alone (POLLRDHUP, not POLLIN: it never wakes for
    data, so it costs nothing per invocation) ends the process then. An
    idle worker needs no watch: its wait for the next invocation sees the
    end of the connection itself.
    """
    watcher = select.poll()
    watcher.register(sock, select.POLLRDHUP)

    def wait():
        try:
            watcher.poll()
        except (OSError, ValueError):
            return
        if connection.invoking:
            os._exit(1)

    threading.Thread(target=wait, name="slam-hangup", daemon=True).start()


def _answer_headers(error_type):
    headers = {"Content-Type": "application/json"}
    if error_type:
        headers["Lambda-Runtime-Function-Error-Type"] = error_type
    return headers


class RuntimeApi:
    """One keep-alive connection to the runtime API, reused throughout."""

    def __init__(self, address):
        host, _, port = address.partition(":")
        self._connection = _Connection(host, int(port or 80))

    def next_invocation(self):
        """Wait for the next invocation; return (headers, event bytes)."""
        answer = self._call("GET", "/invocation/next")
        self._connection.invoking = True
        return answer

    def post(self, path, body, error_type=None):
        """Post an invocation's answer (or an init error)."""
        self._connection.invoking = False
        self._post(path, body, error_type)

    def answer_and_next(self, path, body, error_type=None):
        """Post an invocation's answer and ask for the next invocation in
        one write; return the next invocation as next_invocation() does.

        Slam answers both at once when the next invocation comes, so a
        warm worker wakes once per invocation instead of twice (once for
        the answer's 202, once for the next event).
        """
        self._connection.invoking = False
        try:
            posted, taken = self._connection.exchange_two(
                ("POST", _API_PATH + path, body, _answer_headers(error_type)),
                ("GET", _API_PATH + "/invocation/next", None, {}))
        except ConnectionError:
            # As _call: once more, one request at a time, on a new
            # connection (a repeated answer is refused and harmless).
            self._connection.close()
            self._post(path, body, error_type)
            return self.next_invocation()
        for status, _, _ in (posted, taken):
            if status >= 500:
                raise _ApiFailure(f"POST {path}: {status}")
        self._connection.invoking = True
        return taken[1], taken[2]

    def _post(self, path, body, error_type):
        self._call("POST", path, body, _answer_headers(error_type))

    def _call(self, method, path, body=None, headers=None):
        try:
            return self._exchange(method, path, body, headers)
        except ConnectionError:
            # A connection the server closed while idle: once more on a
            # new one (nothing was answered on the old one).
            self._connection.close()
            return self._exchange(method, path, body, headers)

    def _exchange(self, method, path, body, headers):
        status, response_headers, data = self._connection.exchange(
            method, _API_PATH + path, body, headers or {})
        if status >= 500:
            raise _ApiFailure(f"{method} {path}: {status}")
        return response_headers, data


class _ApiFailure(Exception):
    """The runtime API says this runtime must stop."""


def _load_handler(name):
    """Return the function NAME (module.function) names; raise with the
    error object Lambda reports when it cannot be loaded."""
    module_name, dot, function_name = name.rpartition(".")
    if not dot or not module_name:
        raise _InitError("Runtime.MalformedHandlerName",
                         f"Bad handler '{name}': not enough values to "
                         "unpack (expected 2, got 1)")
    try:
        module = __import__(module_name.replace("/", "."))
        for part in module_name.split(".")[1:]:
            module = getattr(module, part)
    except SyntaxError as error:
        raise _InitError("Runtime.UserCodeSyntaxError",
                         f"Syntax error in module '{module_name}': {error}",
                         error) from error
    except Exception as error:  # what Lambda reports as an import failure
        raise _InitError("Runtime.ImportModuleError",
                         f"Unable to import module '{module_name}': {error}",
                         error) from error
    handler = getattr(module, function_name, None)
    if handler is None:
        raise _InitError("Runtime.HandlerNotFound",
                         f"Handler '{function_name}' missing on module "
                         f"'{module_name}'")
    return handler


class _InitError(Exception):
    def __init__(self, error_type, message, cause=None):
        super().__init__(message)
        self.fault = {"errorMessage": message, "errorType": error_type,
                      "requestId": "", "stackTrace": []}
        if cause is not None and not isinstance(cause, ImportError):
            frames = traceback.extract_tb(cause.__traceback__)[1:]
            self.fault["stackTrace"] = traceback.format_list(frames)


def _invoke(api, handler, headers, event):
    """Run one invocation, post its result or error; return the next."""
    request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
    trace_id = headers.get("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    identity = _json_header(headers, "Lambda-Runtime-Cognito-Identity")
    client_context = _json_header(headers, "Lambda-Runtime-Client-Context")
    context = LambdaContext(
        request_id,
        int(headers.get("Lambda-Runtime-Deadline-Ms") or 0),
        headers.get("Lambda-Runtime-Invoked-Function-Arn"),
        CognitoIdentity(identity) if identity else None,
        ClientContext(client_context) if client_context else None,
    )
    path = f"/invocation/{request_id}"
    try:
        body, fault = _to_json(handler(json.loads(event), context)), None
    except _MarshalError as error:
        fault = {"errorMessage": f"Unable to marshal response: {error}",
                 "errorType": "Runtime.MarshalError", "requestId": request_id,
                 "stackTrace": []}
    except Exception as error:  # reported to the caller, as Lambda does
        fault = _error_object(error, request_id)
    sys.stdout.flush()
    if fault is None:
        return api.answer_and_next(path + "/response", body)
    _log_error(fault)
    return api.answer_and_next(path + "/error", json.dumps(fault),
                               fault["errorType"])


def main():
    api = RuntimeApi(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    if sys.path[:1] != [task_root]:
        sys.path.insert(0, task_root)
    try:
        handler = _load_handler(os.environ.get("_HANDLER", ""))
    except _InitError as error:
        _log_error(error.fault)
        api.post("/init/error", json.dumps(error.fault),
                 error.fault["errorType"])
        sys.exit(1)
    invocation = api.next_invocation()
    while True:
        invocation = _invoke(api, handler, *invocation)


if __name__ == "__main__":
    try:
        main()
    except (_ApiFailure, ConnectionError, KeyboardInterrupt):
        # Slam went away or stopped this worker: nothing left to serve.
        sys.exit(0)
