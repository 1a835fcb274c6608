"""Running a WSGI app (PEP 3333) on a Request.

start_response may be called again with exc_info until the first non-empty
chunk of the body; bytes given to write() come before the iterable's;
empty chunks are skipped; the iterable's close() is called exactly once,
whatever happens.
"""

from __future__ import annotations

import io

from .request import Request
from .response import Answer, Headers

class _Collector:
    """Collects what a WSGI app gives start_response() and write()."""

    __slots__ = ("status", "headers", "chunks")

    def __init__(self) -> None:
        self.status: str | None = None
        self.headers: Headers = []
        self.chunks: list[bytes] = []

    def start_response(self, status: str, headers: Headers, exc_info: object = None):
        """Record the status and headers; return write()."""
        if exc_info is not None:
            try:
                if self.chunks:  # the headers count as sent: too late
                    raise exc_info[1].with_traceback(exc_info[2])
            finally:
                exc_info = None  # break the frame reference cycle
        elif self.status is not None:
            raise RuntimeError("start_response() called twice without exc_info")
        if type(status) is not str:
            raise TypeError(f"the status must be a str, got {type(status).__name__}")
        if type(headers) is not list:
            headers = list(headers)
        for name, value in headers:
            if type(name) is not str or type(value) is not str:
                raise TypeError(f"header {name!r}: names and values must be str")
        self.status = status
        self.headers = headers
        return self.write

    def write(self, data: bytes) -> None:
        """Append a chunk of the body; empty chunks are skipped."""
        if not data:
            if type(data) not in (bytes, bytearray, memoryview):
                raise TypeError(f"body chunks must be bytes, got {type(data).__name__}")
            return
        if type(data) is not bytes:
            if not isinstance(data, (bytes, bytearray, memoryview)):
                raise TypeError(f"body chunks must be bytes, got {type(data).__name__}")
            data = bytes(data)
        if self.status is None:
            raise RuntimeError("body produced before start_response()")
        self.chunks.append(data)


def run(app: object, request: Request, event: object, context: object) -> Answer:
    """Call a WSGI app on REQUEST and return its whole answer."""
    environ = request.environ
    environ["wsgi.input"] = io.BytesIO(request.body)
    environ["slam.event"] = event
    environ["slam.context"] = context
    return answer_of(*collect(app, environ))


def collect(app: object, environ: dict[str, object]) -> tuple[object, Headers, bytes]:
    """Call a WSGI app and return its status line, headers and whole body."""
    collector = _Collector()
    result = app(environ, collector.start_response)
    chunks = collector.chunks
    try:
        for chunk in result:
            if type(chunk) is bytes and collector.status is not None:
                if chunk:
                    chunks.append(chunk)
            else:
                collector.write(chunk)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return collector.status, collector.headers, b"".join(chunks)


def answer_of(status: object, headers: Headers, body: bytes) -> Answer:
    """Return the Answer of a status line, headers and body."""
    parsed = _statuses.get(status)
    if parsed is None:
        parsed = _parse_status(status)
    return Answer(parsed[0], parsed[1], headers, body)


# Status lines seen, as (code, reason): apps use a handful of them.
_statuses: dict[str, tuple[int, str]] = {}


def _parse_status(status: object) -> tuple[int, str]:
    """Return the code and reason of a status line, and keep them."""
    text = status if type(status) is str else ""
    code, _, reason = text.partition(" ")
    if len(code) != 3 or not (code.isascii() and code.isdigit()):
        raise ValueError(f"the app gave no valid status line, got {status!r}")
    if len(_statuses) < 64:
        _statuses[text] = (int(code), reason.strip())
    return int(code), reason.strip()
