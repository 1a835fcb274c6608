"""The probe routes on Pyramid."""

import base64

from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPFound
from pyramid.response import Response


def standards(request):
    return {
        "name": request.matchdict["name"],
        "path": request.path_info,
        "script": request.script_name,
        "url": request.route_url("standards", name="x"),
        "tags": request.GET.getall("tag"),
        "cookie": request.cookies.get("a"),
        "scheme": request.scheme,
        "remote": request.environ["REMOTE_ADDR"],
    }


def go(request):
    return HTTPFound(location=request.route_url("standards", name="x"))


def form(request):
    return {"name": request.POST["name"], "tags": request.POST.getall("tag")}


def upload(request):
    upload = request.POST["file"]
    return {
        "title": request.POST["title"],
        "filename": upload.filename,
        "file": base64.b64encode(upload.file.read()).decode(),
    }


def cookies(request):
    response = Response("ok", content_type="text/plain")
    response.set_cookie("a", "1")
    response.set_cookie("b", "2")
    return response


with Configurator() as config:
    for name, pattern, view, method in [
        ("standards", "/v1/standards/{name}", standards, "GET"),
        ("go", "/v1/go", go, "GET"),
        ("form", "/v1/form", form, "POST"),
        ("upload", "/v1/upload", upload, "POST"),
        ("cookies", "/v1/cookies", cookies, "GET"),
    ]:
        config.add_route(name, pattern, request_method=method)
        renderer = "json" if view in (standards, form, upload) else None
        config.add_view(view, route_name=name, renderer=renderer)
    app = config.make_wsgi_app()
