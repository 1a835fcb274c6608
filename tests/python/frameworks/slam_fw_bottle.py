"""The probe routes on Bottle."""

import base64
from urllib.parse import urljoin

import bottle

app = bottle.Bottle()
request = bottle.request


@app.get("/v1/standards/<name>", name="standards")
def standards(name):
    return {
        "name": name,
        "path": request.path,
        "script": request.script_name.rstrip("/"),
        "url": urljoin(request.url, app.get_url("standards", name="x")),
        "tags": request.query.decode().getall("tag"),
        "cookie": request.get_cookie("a"),
        "scheme": request.urlparts.scheme,
        "remote": request.environ["REMOTE_ADDR"],
    }


@app.get("/v1/go")
def go():
    bottle.redirect(app.get_url("standards", name="x"))


@app.post("/v1/form")
def form():
    data = request.forms.decode()
    return {"name": data["name"], "tags": data.getall("tag")}


@app.post("/v1/upload")
def upload():
    upload = request.files["file"]
    return {
        # cgi.FieldStorage already decoded multipart fields as UTF-8.
        "title": request.forms.get("title"),
        "filename": upload.raw_filename,
        "file": base64.b64encode(upload.file.read()).decode(),
    }


@app.get("/v1/cookies")
def cookies():
    bottle.response.set_cookie("a", "1")
    bottle.response.set_cookie("b", "2")
    bottle.response.content_type = "text/plain"
    return "ok"
