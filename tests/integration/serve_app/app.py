"""The app that tests/integration/test_serve.py runs through `slam serve`.

Besides ordinary routes it can misbehave as the tests need: sleep past the
function timeout, kill its worker, and (for POST /malformed) hand the
runtime a result that API Gateway cannot read.
"""

from __future__ import annotations

import hashlib
import os
import time

import slam_adapter.handler as adapter_handler
from flask import Flask, jsonify, request

app = Flask(__name__)

VERSION = "1"

_serve = adapter_handler._serve


def _serve_or_break(app, kind, event, context):
    """Answer POST .../malformed with a result that is not a proxy response."""
    path = event.get("path") or event.get("rawPath") or ""
    if path.endswith("/malformed"):
        return {"statusCode": "two hundred", "body": ["not", "text"]}
    return _serve(app, kind, event, context)


adapter_handler._serve = _serve_or_break


@app.route("/echo", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def echo():
    return jsonify(
        method=request.method,
        args=request.args.to_dict(flat=False),
        script_root=request.script_root,
        path=request.path,
        remote_addr=request.remote_addr,
        host=request.host,
        cookies=request.cookies,
        data=request.get_data(as_text=True),
        pid=os.getpid(),
    )


@app.get("/env")
def env():
    return jsonify(stage=os.environ.get("STAGE"), note=os.environ.get("STAGE_NOTE"))


@app.get("/version")
def version():
    return VERSION


@app.post("/upload")
def upload():
    data = request.get_data()
    return jsonify(size=len(data), sha256=hashlib.sha256(data).hexdigest())


@app.get("/sleep")
def sleep():
    seconds = float(request.args.get("seconds", "1"))
    time.sleep(seconds)
    return jsonify(slept=seconds, pid=os.getpid())


@app.get("/crash")
def crash():
    os._exit(3)
