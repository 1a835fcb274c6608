"""Web apps that the handler tests deploy, and helpers to read their answers."""

from __future__ import annotations

import json
from typing import Any

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
