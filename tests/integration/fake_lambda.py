"""A scripted Lambda endpoint on a loopback port, for what moto cannot show.

moto does not run code, so the invoke tests point slam's Lambda calls here
(AWS_ENDPOINT_URL_LAMBDA) to see exactly what is sent, and to answer with a
result or an error object as Lambda would.
"""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Seen:
    """One request as the fake endpoint received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Answer:
    """What the fake endpoint sends back."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class FakeLambda:
    """Serve ANSWER(seen) for each request on 127.0.0.1, in a thread."""

    def __init__(self, answer: Callable[[Seen], Answer]):
        self.requests: list[Seen] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                url = urllib.parse.urlsplit(self.path)
                seen = Seen(
                    method="POST",
                    path=urllib.parse.unquote(url.path),
                    query=urllib.parse.parse_qs(url.query),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length),
                )
                fake.requests.append(seen)
                reply = answer(seen)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeLambda:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
