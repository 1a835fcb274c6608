"""The probe routes on FastAPI."""

import base64

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import PlainTextResponse, RedirectResponse

app = FastAPI()


@app.get("/v1/standards/{name}", name="standards")
async def standards(name: str, request: Request):
    return {
        "name": name,
        "path": request.scope["path"],
        "script": request.scope.get("root_path", ""),
        "url": str(request.url_for("standards", name="x")),
        "tags": request.query_params.getlist("tag"),
        "cookie": request.cookies.get("a"),
        "scheme": request.url.scheme,
        "remote": request.client.host,
    }


@app.get("/v1/go")
async def go(request: Request):
    return RedirectResponse(str(request.url_for("standards", name="x")), 302)


@app.post("/v1/form")
async def form(request: Request):
    data = await request.form()
    return {"name": data["name"], "tags": data.getlist("tag")}


@app.post("/v1/upload")
async def upload(title: str = Form(), file: UploadFile = File()):
    return {
        "title": title,
        "filename": file.filename,
        "file": base64.b64encode(await file.read()).decode(),
    }


@app.get("/v1/cookies")
async def cookies():
    response = PlainTextResponse("ok")
    response.set_cookie("a", "1")
    response.set_cookie("b", "2")
    return response
