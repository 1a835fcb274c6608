"""Web apps that the handler tests deploy, and helpers to read their answers."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qsl

# Answers with the string variables of its environ, the body in base64 and the
# PEP 3333 objects it was given.
ECHO_APP = """
    import base64
    import io
    import json
    import sys

    def app(environ, start_response):
        echo = {key: value for key, value in environ.items() if isinstance(value, str)}
        echo["body"] = base64.b64encode(environ["wsgi.input"].read()).decode()
        echo["wsgi"] = [
            list(environ["wsgi.version"]),
            isinstance(environ["wsgi.input"], io.BytesIO),
            environ["wsgi.errors"] is sys.stderr,
            environ["wsgi.multithread"],
            environ["wsgi.multiprocess"],
            environ["wsgi.run_once"],
            environ["slam.event"].get("path") or environ["slam.event"]["rawPath"],
            getattr(environ["slam.context"], "invoked_function_arn", None),
        ]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(echo).encode()]
"""

FLASK_APP = """
    from flask import Flask, jsonify, make_response, redirect, request, url_for

    app = Flask(__name__)

    @app.get("/")
    def index():
        return jsonify(
            script_root=request.script_root,
            path=request.path,
            url=url_for("target"),
            external_url=url_for("target", _external=True),
            remote_addr=request.remote_addr,
            args={name: request.args.getlist(name) for name in request.args},
        )

    @app.get("/files/<name>")
    def file(name):
        return jsonify(name=name)

    @app.get("/go")
    def go():
        return redirect(url_for("target"))

    @app.get("/target")
    def target():
        return "target"

    @app.get("/cookies")
    def cookies():
        response = make_response(jsonify(seen=request.cookies))
        response.set_cookie("first", "1")
        response.set_cookie("second", "2", httponly=True)
        return response

    @app.post("/upload")
    def upload():
        return request.get_data(), 200, {"Content-Type": "application/octet-stream"}
"""

# Answers with the request body, typed by the X-Type and X-Encoding headers.
MIRROR_APP = """
    def app(environ, start_response):
        headers = []
        if "HTTP_X_TYPE" in environ:
            headers.append(("Content-Type", environ["HTTP_X_TYPE"]))
        if "HTTP_X_ENCODING" in environ:
            headers.append(("Content-Encoding", environ["HTTP_X_ENCODING"]))
        start_response("200 OK", headers)
        return [environ["wsgi.input"].read()]
"""


def error_response(status: int, message: str) -> dict[str, Any]:
    """Return the JSON error response the handler gives HTTP events."""
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"error": message}),
        "isBase64Encoded": False,
    }


def echoed(response: dict[str, Any]) -> dict[str, Any]:
    """Return the environ that ECHO_APP answered with."""
    assert response["statusCode"] == 200, response
    return json.loads(response["body"])


def query_of(environ: dict[str, Any]) -> list[tuple[str, str]]:
    """Return the parameters the app reads from an echoed QUERY_STRING."""
    return parse_qsl(environ["QUERY_STRING"], keep_blank_values=True)


def body_of(environ: dict[str, Any]) -> bytes:
    """Return the request body ECHO_APP or ASGI_ECHO_APP read."""
    return base64.b64decode(environ["body"])


# Answers with its scope as JSON (bytes as latin-1 text), the body it received
# in base64 and the number of receive() calls it took. It supports lifespan.
ASGI_ECHO_APP = """
    import base64
    import json

    def text(value):
        return value.decode("latin-1") if isinstance(value, bytes) else value

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body, calls = b"", 0
        while True:
            message = await receive()
            calls += 1
            assert message["type"] == "http.request", message
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        echo = {
            "type": scope["type"],
            "spec_version": scope["asgi"].get("spec_version"),
            "http_version": scope["http_version"],
            "method": scope["method"],
            "scheme": scope["scheme"],
            "path": scope["path"],
            "raw_path": text(scope.get("raw_path")),
            "root_path": scope.get("root_path", ""),
            "query_string": text(scope["query_string"]),
            "headers": [[text(name), text(value)] for name, value in scope["headers"]],
            "client": list(scope["client"]) if scope.get("client") else None,
            "server": list(scope["server"]) if scope.get("server") else None,
            "body": base64.b64encode(body).decode(),
            "receive_calls": calls,
        }
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": json.dumps(echo).encode()})
"""


def scope_headers(scope: dict[str, Any], name: str) -> list[str]:
    """Return the values of the header NAME (lowercase) in an echoed scope."""
    return [value for key, value in scope["headers"] if key == name]
