"""The probe routes on Falcon (WSGI)."""

import base64

import falcon


def as_list(value):
    return value if isinstance(value, list) else [value]


class Standards:
    def on_get(self, req, resp, name):
        resp.media = {
            "name": name,
            "path": req.path,
            "script": req.app,
            "url": req.prefix + "/v1/standards/x",
            "tags": req.get_param_as_list("tag") or [],
            "cookie": req.cookies.get("a"),
            "scheme": req.scheme,
            "remote": req.env["REMOTE_ADDR"],
        }


class Go:
    def on_get(self, req, resp):
        raise falcon.HTTPFound(req.prefix + "/v1/standards/x")


class Form:
    def on_post(self, req, resp):
        data = req.get_media()
        resp.media = {"name": data["name"], "tags": as_list(data["tag"])}


class Upload:
    def on_post(self, req, resp):
        parts = {}
        for part in req.get_media():
            parts[part.name] = (part.filename, part.get_data())
        resp.media = {
            "title": parts["title"][1].decode(),
            "filename": parts["file"][0],
            "file": base64.b64encode(parts["file"][1]).decode(),
        }


class Cookies:
    def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = "ok"
        resp.set_cookie("a", "1", secure=False, http_only=False)
        resp.set_cookie("b", "2", secure=False, http_only=False)


app = falcon.App()
app.add_route("/v1/standards/{name}", Standards())
app.add_route("/v1/go", Go())
app.add_route("/v1/form", Form())
app.add_route("/v1/upload", Upload())
app.add_route("/v1/cookies", Cookies())
