"""Running an ASGI app (HTTP scope 2.3, lifespan) on a Request.

Imported only for ASGI apps: asyncio alone costs a WSGI cold start more
than the whole adapter. One event loop serves the life of the process, so
that what the app's startup binds to it (connection pools, clients) stays
usable from one invocation to the next. The lifespan startup runs when the
app is loaded, before its first request; an app without lifespan support
simply raises or returns, and is served all the same.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from .errors import LoadError
from .request import Request
from .response import Answer
from .text import from_wsgi_text

_ASGI = {"version": "3.0", "spec_version": "2.3"}
_logger = logging.getLogger("slam")
_loop: asyncio.AbstractEventLoop | None = None


class Server:
    """An ASGI app with its event loop and the state its lifespan set up."""

    def __init__(self, app: object) -> None:
        self.app = app
        self.state: dict[str, object] = {}
        # Starlette before 0.35 wants the path without the root_path.
        self.path_without_root = _is_old_starlette()
        self._lifespan: asyncio.Task | None = None
        self._shutdown = None

    def start(self, context: object) -> None:
        """Run the app's lifespan startup; raise LoadError when it fails.

        Bounded by the invocation's remaining time, as every run here.
        """
        try:
            _event_loop().run_until_complete(_bounded(self._start(), context))
        except asyncio.TimeoutError as error:
            raise LoadError("the app's startup did not end in time") from error

    def stop(self) -> None:
        """Run the lifespan shutdown (bounded to 5 s) and close the loop."""
        loop = _event_loop()
        if self._lifespan is not None and not self._lifespan.done():
            self._shutdown.set()
            try:
                loop.run_until_complete(asyncio.wait_for(self._lifespan, 5))
            except BaseException as error:  # a failing shutdown ends anyway
                _logger.debug("slam: the app's shutdown failed: %r", error)
        loop.close()

    def serve(self, request: Request, context: object) -> Answer:
        """Return the app's answer to REQUEST.

        An app still busy shortly before the invocation's time is up is
        cancelled, so that the answer is a 504 rather than Lambda's timeout.
        """
        try:
            return _event_loop().run_until_complete(_bounded(self._serve(request), context))
        except asyncio.TimeoutError:
            return Answer(504, "Gateway Timeout", [("Content-Type", "application/json")],
                          b'{"error": "the app did not answer in time"}')

    async def _start(self) -> None:
        """Start the lifespan task and wait for the end of its startup."""
        started = asyncio.get_running_loop().create_future()
        self._shutdown = asyncio.Event()
        messages = [{"type": "lifespan.startup"}]

        async def receive() -> dict[str, object]:
            if messages:
                return messages.pop()
            await self._shutdown.wait()
            return {"type": "lifespan.shutdown"}

        async def send(message: dict[str, object]) -> None:
            kind = message.get("type")
            if kind == "lifespan.startup.complete" and not started.done():
                started.set_result(None)
            elif kind == "lifespan.startup.failed" and not started.done():
                started.set_exception(
                    LoadError(f"the app's startup failed: {message.get('message', '')}")
                )

        scope = {"type": "lifespan", "asgi": _ASGI, "state": self.state}
        self._lifespan = asyncio.ensure_future(self._run_lifespan(scope, receive, send, started))
        await started

    async def _run_lifespan(self, scope, receive, send, started) -> None:
        """Run the app on the lifespan scope; its end before startup is fine."""
        try:
            await self.app(scope, receive, send)
        except BaseException as error:  # no lifespan support: serve anyway
            if not started.done():
                _logger.debug("slam: the app has no lifespan support: %r", error)
        if not started.done():
            started.set_result(None)

    async def _serve(self, request: Request) -> Answer:
        """Run the app on the HTTP scope of REQUEST and collect the response."""
        exchange = _Exchange(request.body)
        await self.app(self._scope(request), exchange.receive, exchange.send)
        return exchange.answer()

    def _scope(self, request: Request) -> dict[str, object]:
        """Return the HTTP scope of REQUEST."""
        environ = request.environ
        root_path = environ["SCRIPT_NAME"]
        path = environ["PATH_INFO"] if self.path_without_root else root_path + environ["PATH_INFO"]
        raw_path = request.raw_path
        if root_path and not raw_path.startswith(root_path):
            raw_path = root_path + raw_path
        port = environ["SERVER_PORT"]
        client = environ.get("REMOTE_ADDR")
        return {
            "type": "http",
            "asgi": _ASGI,
            "http_version": environ["SERVER_PROTOCOL"].rpartition("/")[2] or "1.1",
            "method": environ["REQUEST_METHOD"].upper(),
            "scheme": environ["wsgi.url_scheme"],
            "path": _text(path),
            "raw_path": raw_path.encode("utf-8"),
            "root_path": _text(root_path),
            "query_string": environ["QUERY_STRING"].encode("latin-1"),
            "headers": _headers(request),
            "client": (client, 0) if client else None,
            "server": (environ["SERVER_NAME"], int(port)),
            "state": dict(self.state),
        }


class _Exchange:
    """The receive and send callables of one HTTP request, and what was sent."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.requested = False
        self.status: int | None = None
        self.headers: list[tuple[str, str]] = []
        self.chunks: list[bytes] = []
        self.done = asyncio.Event()

    async def receive(self) -> dict[str, object]:
        """Give the whole body once, then wait for the end of the response."""
        if not self.requested:
            self.requested = True
            return {"type": "http.request", "body": self.body, "more_body": False}
        await self.done.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, object]) -> None:
        """Collect the response's start and body messages, in order."""
        kind = message.get("type")
        if kind == "http.response.start":
            if self.status is not None:
                raise RuntimeError("http.response.start sent twice")
            self.status = int(message["status"])
            self.headers = [
                (bytes(name).decode("latin-1"), bytes(value).decode("latin-1"))
                for name, value in message.get("headers", ())
            ]
        elif kind == "http.response.body":
            if self.status is None:
                raise RuntimeError("http.response.body sent before http.response.start")
            chunk = message.get("body", b"")
            if chunk:
                self.chunks.append(bytes(chunk))
            if not message.get("more_body", False):
                self.done.set()

    def answer(self) -> Answer:
        """Return the collected answer; the app must have started one."""
        if self.status is None:
            raise RuntimeError("the app sent no response")
        return Answer(self.status, _reason(self.status), self.headers, b"".join(self.chunks))


# Time kept back from an invocation's remaining time to answer in.
_MARGIN_SECONDS = 0.2


def _bounded(coroutine, context: object):
    """Return COROUTINE bounded by the invocation's remaining time, if known."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if not callable(remaining):
        return coroutine
    try:
        seconds = float(remaining()) / 1000 - _MARGIN_SECONDS
    except (TypeError, ValueError):
        return coroutine
    return asyncio.wait_for(coroutine, max(seconds, 0.001))


def _headers(request: Request) -> list[tuple[bytes, bytes]]:
    """Return the request headers as ASGI pairs, Content-Length made true."""
    from .headers import pairs

    headers = [
        (name.encode("latin-1"), value.encode("utf-8"))
        for name, value in pairs(request.headers)
        if name != "content-length"
    ]
    if request.cookies:
        headers.append((b"cookie", "; ".join(request.cookies).encode("utf-8")))
    if request.body:
        headers.append((b"content-length", str(len(request.body)).encode("ascii")))
    return headers


def _text(native: str) -> str:
    """Return a PEP 3333 native string as the text ASGI wants."""
    return from_wsgi_text(native)


def _reason(status: int) -> str:
    """Return the reason phrase of STATUS, or "" for an unknown one."""
    import http

    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _event_loop() -> asyncio.AbstractEventLoop:
    """Return the process's event loop, made at the first call."""
    global _loop
    if _loop is None or _loop.is_closed():
        _loop = asyncio.new_event_loop()
        asyncio.set_event_loop(_loop)
    return _loop


def _is_old_starlette() -> bool:
    """Return whether the app runs on a Starlette older than 0.35."""
    starlette = sys.modules.get("starlette")
    version = getattr(starlette, "__version__", "")
    parts = version.split(".")[:2]
    if len(parts) < 2 or not all(part.isdigit() for part in parts):
        return False
    return (int(parts[0]), int(parts[1])) < (0, 35)
