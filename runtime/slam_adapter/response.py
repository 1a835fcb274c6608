"""The app's answer, and the parts of a response every source shares."""

from __future__ import annotations

from .text import from_wsgi_text

Headers = list[tuple[str, str]]


class Answer:
    """What the app answered: status, reason phrase, headers and whole body."""

    __slots__ = ("status", "reason", "headers", "body")

    def __init__(self, status: int, reason: str, headers: Headers, body: bytes) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers  # (name, PEP 3333 native string value)
        self.body = body


def error_answer(status: int, reason: str, message: str) -> Answer:
    """Return a JSON error answer: {"error": MESSAGE}."""
    import json  # only errors need it

    body = json.dumps({"error": message}).encode("utf-8")
    return Answer(status, reason, [("Content-Type", "application/json")], body)


class Layout:
    """What the names of a response's headers say, worked out once per list.

    ``simple``: no name repeats (in any letter case) and none is Set-Cookie,
    so the headers map one to one onto a dict. ``content_type`` and
    ``content_encoding``: the index of the first of each, or -1.
    """

    __slots__ = ("simple", "content_type", "content_encoding")

    def __init__(self, names: tuple[str, ...]) -> None:
        lowered = [name.lower() for name in names]
        self.simple = len(set(lowered)) == len(lowered) and "set-cookie" not in lowered
        self.content_type = _index(lowered, "content-type")
        self.content_encoding = _index(lowered, "content-encoding")


_layouts: dict[tuple[str, ...], Layout] = {}


def layout_of(headers: Headers) -> Layout:
    """Return the Layout of HEADERS, from the cache when seen before."""
    names = tuple([name for name, _ in headers])
    layout = _layouts.get(names)
    if layout is None:
        if len(_layouts) >= 256:
            _layouts.clear()
        layout = _layouts[names] = Layout(names)
    return layout


def _index(names: list[str], name: str) -> int:
    """Return the index of NAME in NAMES, or -1."""
    return names.index(name) if name in names else -1


def simple_headers(headers: Headers, layout: Layout) -> dict[str, str] | None:
    """Return HEADERS as a dict when LAYOUT is simple and all is ASCII."""
    if not layout.simple:
        return None
    mapped = dict(headers)
    joined = "".join(mapped.values())
    if not joined.isascii() or "\n" in joined or "\r" in joined:
        return None
    return mapped


def grouped(headers: Headers) -> dict[str, list[str]]:
    """Return the values of each header as text, named as first spelled.

    A value holding a line break raises ValueError: it would split the
    header on its way out. (simple_headers() leaves such values here.)
    """
    values: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    for name, value in headers:
        if "\n" in value or "\r" in value:
            raise ValueError(f"header {name!r}: the value holds a line break")
        key = spelling.setdefault(name.lower(), name)
        values.setdefault(key, []).append(from_wsgi_text(value))
    return values


def body_fields(answer: Answer, layout: Layout, media_types: object) -> tuple[str, bool]:
    """Return the body as the front door takes it: text or base64, and which."""
    if not answer.body:
        return "", False
    headers = answer.headers
    content_type = layout.content_type
    content_encoding = layout.content_encoding
    return media_types.encode(
        answer.body,
        headers[content_type][1] if content_type >= 0 else "",
        headers[content_encoding][1] if content_encoding >= 0 else "",
    )
