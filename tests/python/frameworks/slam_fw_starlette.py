"""The probe routes on Starlette alone."""

import base64

from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Route


async def standards(request):
    return JSONResponse(
        {
            "name": request.path_params["name"],
            "path": request.scope["path"],
            "script": request.scope.get("root_path", ""),
            "url": str(request.url_for("standards", name="x")),
            "tags": request.query_params.getlist("tag"),
            "cookie": request.cookies.get("a"),
            "scheme": request.url.scheme,
            "remote": request.client.host,
        }
    )


async def go(request):
    return RedirectResponse(str(request.url_for("standards", name="x")), 302)


async def form(request):
    data = await request.form()
    return JSONResponse({"name": data["name"], "tags": data.getlist("tag")})


async def upload(request):
    data = await request.form()
    upload = data["file"]
    return JSONResponse(
        {
            "title": data["title"],
            "filename": upload.filename,
            "file": base64.b64encode(await upload.read()).decode(),
        }
    )


async def cookies(request):
    response = PlainTextResponse("ok")
    response.set_cookie("a", "1")
    response.set_cookie("b", "2")
    return response


app = Starlette(
    routes=[
        Route("/v1/standards/{name}", standards, name="standards"),
        Route("/v1/go", go),
        Route("/v1/form", form, methods=["POST"]),
        Route("/v1/upload", upload, methods=["POST"]),
        Route("/v1/cookies", cookies),
    ]
)
