"""Runs `slam serve` in a project and talks HTTP to it, for test_serve.py."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_SERVING = re.compile(r"Serving (\S+) stage (\S+) on (http://127\.0\.0\.1:(\d+)(/\S*))")


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = self.all(name)
        return values[-1] if values else None

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def text(self) -> str:
        return self.body.decode()


class Served:
    """A `slam serve` process, started on a free port."""

    def __init__(self, binary: Path, project: Path, env: dict, *args: str,
                 start_timeout: float = 180):
        self.process = subprocess.Popen(
            [str(binary), "serve", "--port", "0", *args],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._stderr: list[str] = []
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.line = self._wait_for_url(start_timeout)
        match = _SERVING.search(self.line)
        self.url, self.port, self.base = match[3], int(match[4]), match[5]

    def _read_stderr(self) -> None:
        for line in self.process.stderr:
            self._stderr.append(line)

    def _wait_for_url(self, timeout: float) -> str:
        timer = threading.Timer(timeout, self.process.kill)
        timer.start()
        try:
            for line in self.process.stdout:
                if _SERVING.search(line):
                    return line.strip()
        finally:
            timer.cancel()
        self.process.wait(timeout=10)
        raise AssertionError(
            f"slam serve exited {self.process.returncode} before serving\n"
            f"stderr:\n{self.stderr()}"
        )

    def stderr(self) -> str:
        return "".join(self._stderr)

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 30) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, response.getheaders(), response.read())
        finally:
            connection.close()

    def stop(self, sig: int = signal.SIGINT, timeout: float = 30) -> int:
        """Send SIG to the server and return its exit status."""
        if self.process.poll() is None:
            os.kill(self.process.pid, sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"slam serve did not stop on signal {sig}")

    def wait_for(self, predicate, timeout: float = 60, interval: float = 0.2):
        """Return the first truthy value of PREDICATE() within TIMEOUT."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(interval)
        raise AssertionError(f"condition not met in {timeout} s\n{self.stderr()}")
