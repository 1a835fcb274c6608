"""Adapter contract (docs/adapter.md): request bodies, CONTENT_LENGTH, forms."""

from __future__ import annotations

import base64
import json

import pytest
from apps import ECHO_APP, body_of, echoed
from support import KINDS, PAYLOAD_2, Context, http_event, rest_event

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) + b"\r\n--\xff\xfe"
BOUNDARY = "slam-boundary-7MA4YWxkTrZu0gW"
MULTIPART = (
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="title"\r\n\r\n'
    "holiday é\r\n"
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="file"; filename="pixel.png"\r\n'
    "Content-Type: image/png\r\n\r\n"
).encode() + PNG + f"\r\n--{BOUNDARY}--\r\n".encode()
MULTIPART_TYPE = f"multipart/form-data; boundary={BOUNDARY}"
FORM = b"name=John+Smith&tag=a%26b&tag=%C3%A9&empty="
FORM_TYPE = "application/x-www-form-urlencoded"

FLASK_FORMS_APP = """
    import base64

    from flask import Flask, jsonify, request

    app = Flask(__name__)

    @app.post("/upload")
    def upload():
        upload = request.files["file"]
        return jsonify(
            title=request.form["title"],
            filename=upload.filename,
            mimetype=upload.mimetype,
            file=base64.b64encode(upload.read()).decode(),
        )

    @app.post("/form")
    def form():
        return jsonify({name: request.form.getlist(name) for name in request.form})
"""


@pytest.mark.parametrize("kind", KINDS)
def test_base64_multipart_upload_is_the_exact_decoded_bytes(deploy, kind):
    handler = deploy(ECHO_APP)
    event = http_event(
        kind,
        "POST",
        "/upload",
        headers=[("Content-Type", MULTIPART_TYPE)],
        body=MULTIPART,
        base64=True,
    )
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (body_of(environ), environ["CONTENT_LENGTH"], environ["CONTENT_TYPE"]) == (
        MULTIPART,
        str(len(MULTIPART)),
        MULTIPART_TYPE,
    )


@pytest.mark.parametrize("kind", KINDS)
def test_flask_reads_the_uploaded_file_and_answers_json_as_text(deploy, kind):
    handler = deploy(FLASK_FORMS_APP)
    event = http_event(
        kind,
        "POST",
        "/upload",
        headers=[("Content-Type", MULTIPART_TYPE)],
        body=MULTIPART,
        base64=True,
    )
    response = handler.lambda_handler(event, Context())
    assert response["isBase64Encoded"] is False
    assert json.loads(response["body"]) == {
        "title": "holiday é",
        "filename": "pixel.png",
        "mimetype": "image/png",
        "file": base64.b64encode(PNG).decode(),
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("as_base64", [True, False])
def test_form_post_reaches_flask_form_parser(deploy, kind, as_base64):
    handler = deploy(FLASK_FORMS_APP)
    event = http_event(
        kind,
        "POST",
        "/form",
        headers=[("Content-Type", FORM_TYPE)],
        body=FORM,
        base64=as_base64,
    )
    response = handler.lambda_handler(event, Context())
    assert json.loads(response["body"]) == {
        "name": ["John Smith"],
        "tag": ["a&b", "é"],
        "empty": [""],
    }


@pytest.mark.parametrize("kind", PAYLOAD_2)
@pytest.mark.parametrize("body", ["absent", None])
def test_payload_2_without_body_has_content_length_zero(deploy, kind, body):
    handler = deploy(ECHO_APP)
    event = http_event(kind, "GET")
    if body == "absent":
        event.pop("body", None)
    else:
        event["body"] = body
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["CONTENT_LENGTH"], body_of(environ)) == ("0", b"")


@pytest.mark.parametrize("kind", ["alb", "alb-multi"])
def test_alb_empty_body_has_content_length_zero(deploy, kind):
    handler = deploy(ECHO_APP)
    environ = echoed(handler.lambda_handler(http_event(kind, "GET"), Context()))
    assert (environ["CONTENT_LENGTH"], body_of(environ)) == ("0", b"")


def test_rest_null_body_has_content_length_zero(deploy):
    handler = deploy(ECHO_APP)
    environ = echoed(handler.lambda_handler(rest_event(body=None), Context()))
    assert (environ["CONTENT_LENGTH"], body_of(environ)) == ("0", b"")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("as_base64", [True, False])
def test_delete_with_a_body_gets_it(deploy, kind, as_base64):
    handler = deploy(ECHO_APP)
    body = '{"ids": [1, 2], "why": "doublon é"}'.encode()
    event = http_event(
        kind,
        "DELETE",
        "/items",
        headers=[("Content-Type", "application/json")],
        body=body,
        base64=as_base64,
    )
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["REQUEST_METHOD"], body_of(environ), environ["CONTENT_LENGTH"]) == (
        "DELETE",
        body,
        str(len(body)),
    )


@pytest.mark.parametrize("kind", KINDS)
def test_stated_content_length_is_replaced_by_the_body_length(deploy, kind):
    handler = deploy(ECHO_APP)
    event = http_event(
        kind, "PUT", headers=[("Content-Length", "999")], body=b"four", base64=True
    )
    environ = echoed(handler.lambda_handler(event, Context()))
    assert (environ["CONTENT_LENGTH"], body_of(environ)) == ("4", b"four")
