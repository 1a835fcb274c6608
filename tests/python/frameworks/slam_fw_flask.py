"""The probe routes on Flask."""

import base64

from flask import Flask, jsonify, make_response, redirect, request, url_for

app = Flask(__name__)


@app.get("/v1/standards/<name>")
def standards(name):
    return jsonify(
        name=name,
        path=request.path,
        script=request.script_root,
        url=url_for("standards", name="x", _external=True),
        tags=request.args.getlist("tag"),
        cookie=request.cookies.get("a"),
        scheme=request.scheme,
        remote=request.environ["REMOTE_ADDR"],
    )


@app.get("/v1/go")
def go():
    return redirect(url_for("standards", name="x", _external=True))


@app.post("/v1/form")
def form():
    return jsonify(name=request.form["name"], tags=request.form.getlist("tag"))


@app.post("/v1/upload")
def upload():
    upload = request.files["file"]
    return jsonify(
        title=request.form["title"],
        filename=upload.filename,
        file=base64.b64encode(upload.read()).decode(),
    )


@app.get("/v1/cookies")
def cookies():
    response = make_response("ok")
    response.set_cookie("a", "1")
    response.set_cookie("b", "2")
    return response
