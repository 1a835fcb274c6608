"""A small Flask app that Slam deploys: JSON API, form, cookies, image, redirect.

Run it locally with ``flask --app app run``. The items live in memory, so each
Lambda execution environment has its own list: fine for a demo, not for data.
"""

from __future__ import annotations

import itertools

from flask import (
    Flask,
    jsonify,
    make_response,
    redirect,
    render_template_string,
    request,
    url_for,
)

app = Flask(__name__)

_items: dict[int, dict[str, object]] = {}
_item_ids = itertools.count(1)

_FORM_PAGE = """<!doctype html>
<title>Slam example</title>
<form method="post" action="{{ url_for('greet') }}">
  <label>Name <input name="name"></label>
  <button>Greet</button>
</form>
<img src="{{ url_for('logo') }}" alt="logo">
"""

_GREETING_PAGE = """<!doctype html>
<title>Hello</title>
<p>Hello, {{ name }}!</p>
<a href="{{ url_for('index') }}">Again</a>
"""


@app.get("/api/items")
def list_items():
    return jsonify(list(_items.values()))


@app.post("/api/items")
def create_item():
    data = request.get_json(silent=True)
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name.strip():
        return jsonify(error='send a JSON object with a non-empty "name"'), 400
    item = {"id": next(_item_ids), "name": name.strip()}
    _items[item["id"]] = item
    return jsonify(item), 201, {"Location": url_for("get_item", item_id=item["id"])}


@app.get("/api/items/<int:item_id>")
def get_item(item_id: int):
    item = _items.get(item_id)
    if item is None:
        return jsonify(error=f"no item {item_id}"), 404
    return jsonify(item)


@app.get("/")
def index():
    return render_template_string(_FORM_PAGE)


@app.post("/greet")
def greet():
    name = request.form.get("name", "").strip() or "stranger"
    # Autoescaped: a name like <script> is shown, not run.
    return render_template_string(_GREETING_PAGE, name=name)


@app.get("/visit")
def visit():
    previous = request.cookies.get("visits", "0")
    visits = int(previous) + 1 if previous.isdigit() else 1
    theme = request.cookies.get("theme")
    response = make_response(jsonify(visits=visits, theme=theme))
    response.set_cookie("visits", str(visits), httponly=True, samesite="Lax")
    if theme is None:
        response.set_cookie("theme", "light", samesite="Lax")
    return response


@app.get("/logo.png")
def logo():
    return app.send_static_file("logo.png")


@app.get("/home")
def home():
    return redirect(url_for("index"))
