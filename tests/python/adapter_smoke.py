"""Smoke test of runtime/slam_handler.py on whichever Python runs this script.

test_adapter_pythons.py runs it with every Python 3.9+ of the machine, with
site-packages off: the adapter must work on the standard library alone, as
on every Lambda Python runtime. It deploys a hand-written WSGI app, ASGI app
and plain function in turn and checks a few events of each kind; any failed
assert exits non-zero. It needs only this folder's support.py (stdlib only).
"""

import base64
import json
import logging
import os
import sys
import tempfile
import textwrap

from support import APP_MODULE, Context, http_event, load_handler

# Both apps answer with what they were asked, in the same JSON, and set two
# cookies; GET /boom fails.
WSGI_APP = """
    import base64, json

    def app(environ, start_response):
        if environ["PATH_INFO"] == "/boom":
            raise RuntimeError("boom")
        answer = {
            "method": environ["REQUEST_METHOD"],
            "root": environ["SCRIPT_NAME"],
            "path": environ["PATH_INFO"].encode("latin-1").decode("utf-8"),
            "query": environ["QUERY_STRING"],
            "cookie": environ.get("HTTP_COOKIE", ""),
            "body": base64.b64encode(environ["wsgi.input"].read()).decode(),
        }
        start_response("200 OK", [
            ("Content-Type", "application/json"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2; Path=/"),
        ])
        return [json.dumps(answer).encode()]
"""
ASGI_APP = """
    import base64, json

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                kind = message["type"].rpartition(".")[2]
                await send({"type": "lifespan." + kind + ".complete"})
                if kind == "shutdown":
                    return
        message = await receive()
        root, path = scope["root_path"], scope["path"]
        if path[len(root):] == "/boom":
            raise RuntimeError("boom")
        headers = dict(scope["headers"])
        answer = {
            "method": scope["method"],
            "root": root,
            "path": path[len(root):],
            "query": scope["query_string"].decode("latin-1"),
            "cookie": headers.get(b"cookie", b"").decode("latin-1"),
            "body": base64.b64encode(message.get("body", b"")).decode(),
        }
        await send({
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"set-cookie", b"a=1"),
                (b"set-cookie", b"b=2; Path=/"),
            ],
        })
        await send({"type": "http.response.body", "body": json.dumps(answer).encode()})
"""
FUNCTION_APP = """
    def app(a, b, event=None):
        return {"sum": a + b, "event_keys": sorted(event)}
"""
HTTP_KINDS = ("rest", "v2", "url", "alb", "alb-multi")


def deploy(folder, source):
    """Write SOURCE as the app and its config into FOLDER; return a fresh handler."""
    with open(os.path.join(folder, APP_MODULE + ".py"), "w", encoding="utf-8") as file:
        file.write(textwrap.dedent(source))
    config = {
        "version": 1,
        "name": "demo",
        "module": APP_MODULE,
        "app": "app",
        "interface": "detect",
        "devstage": "dev",
        "environment": {"SHARED": "1"},
        "stages": {"dev": {}, "prod": {}},
    }
    with open(os.path.join(folder, "slam_config.json"), "w", encoding="utf-8") as file:
        json.dump(config, file)
    os.environ["SLAM_CONFIG_PATH"] = os.path.join(folder, "slam_config.json")
    sys.modules.pop(APP_MODULE, None)
    return load_handler()


def invoke(handler, event):
    """Return the handler's answer to EVENT, checked to be JSON."""
    answer = handler.lambda_handler(event, Context())
    json.dumps(answer)
    return answer


def check_shape(kind, response):
    """Assert RESPONSE has the fields and header mode of KIND."""
    assert type(response["statusCode"]) is int, response
    assert type(response["body"]) is str, response
    assert type(response["isBase64Encoded"]) is bool, response
    if kind == "alb-multi":
        assert "headers" not in response and "multiValueHeaders" in response, response
    else:
        assert type(response["headers"]) is dict, response
    if kind == "alb":
        assert "multiValueHeaders" not in response, response
    if kind.startswith("alb"):
        assert response["statusDescription"] == "%d %s" % (
            response["statusCode"],
            {200: "OK", 400: "Bad Request", 500: "Internal Server Error"}[response["statusCode"]],
        ), response


def cookies_of(kind, response):
    """Return the Set-Cookie values a client receives from RESPONSE."""
    if kind in ("v2", "url"):
        return response.get("cookies", [])
    if kind == "alb":
        return [v for k, v in response["headers"].items() if k.lower() == "set-cookie"]
    return [
        value
        for name, values in response["multiValueHeaders"].items()
        if name.lower() == "set-cookie"
        for value in values
    ]


def check_request(handler, kind):
    """One request with a path, query, cookie and body goes through whole."""
    event = http_event(
        kind,
        "POST",
        "/caf%C3%A9/x",
        query=[("q", "a b&c"), ("q", "2")],
        cookies=["session=abc"],
        body=b"\x00\xffdata",
        base64=True,
    )
    response = invoke(handler, event)
    check_shape(kind, response)
    assert response["statusCode"] == 200, response
    answer = json.loads(response["body"])
    assert answer["method"] == "POST", answer
    assert answer["path"] == "/caf\u00e9/x", answer
    assert answer["root"] == ("/dev" if kind == "rest" else ""), answer
    assert "session=abc" in answer["cookie"], answer
    assert base64.b64decode(answer["body"]) == b"\x00\xffdata", answer
    expected_query = "q=2" if kind == "alb" else "q=a%20b%26c&q=2"
    assert answer["query"] == expected_query, answer
    assert sorted(cookies_of(kind, response)) == ["a=1", "b=2; Path=/"], response


def check_bad_requests(handler, kind):
    """Malformed events get a 400, a failing app a 500; none raises."""
    event = http_event(kind, "POST", "/", body=b"x", base64=True)
    event["body"] = "not base64!"
    response = invoke(handler, event)
    check_shape(kind, response)
    assert response["statusCode"] == 400, response
    event = http_event(kind)
    if kind in ("v2", "url"):
        event["requestContext"]["http"]["method"] = 7
    else:
        event["httpMethod"] = None
    response = invoke(handler, event)
    check_shape(kind, response)
    assert response["statusCode"] == 400, response
    response = invoke(handler, http_event(kind, "GET", "/boom"))
    check_shape(kind, response)
    assert response["statusCode"] == 500, response


def check_web_app(handler):
    """Each kind of event, then calls and pings, on a web app."""
    assert invoke(handler, {"slam": "warm-up"}) == {"slam": "warm", "cold": True}
    for kind in HTTP_KINDS:
        check_request(handler, kind)
        check_bad_requests(handler, kind)
    assert os.environ["STAGE"] == "dev" and os.environ["SHARED"] == "1"
    assert invoke(handler, {"slam": "warm-up"}) == {"slam": "warm", "cold": False}
    assert "error" in invoke(handler, {"args": [1, 2]})
    assert "error" in invoke(handler, {"something": "else"})
    assert "error" in invoke(handler, ["not", "an", "object"])


def check_function(handler):
    """A plain function answers direct invocations, and HTTP with a 500."""
    answer = invoke(handler, {"args": [2], "kwargs": {"b": 3}})
    assert answer == {"sum": 5, "event_keys": ["args", "kwargs"]}, answer
    assert "error" in invoke(handler, {"args": "not a list"})
    response = invoke(handler, http_event("rest"))
    check_shape("rest", response)
    assert response["statusCode"] == 500, response


def main():
    # The /boom requests log tracebacks, which are expected here.
    logging.getLogger("slam").disabled = True
    with tempfile.TemporaryDirectory() as folder:
        check_web_app(deploy(folder, WSGI_APP))
        check_web_app(deploy(folder, ASGI_APP))
        check_function(deploy(folder, FUNCTION_APP))
    print("adapter ok on Python %d.%d.%d" % sys.version_info[:3])


if __name__ == "__main__":
    main()
