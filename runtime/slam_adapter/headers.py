"""Request headers of an event: validated, and as WSGI environ keys.

Events carry headers as a map of name to value (payload 2.0, ALB
single-value mode, REST ``headers``) or of name to a list of values (REST
``multiValueHeaders``, ALB multi-value mode). A warm function sees the same
header names, in the same order, request after request (API Gateway and the
ALB build them), so the environ keys of each such list of names are worked
out once and kept: translating a request's headers is then a few C-level
passes instead of a Python loop over every header.
"""

from __future__ import annotations

from .errors import EventError
from .text import wsgi_text

# Header names that PEP 3333 keeps without the HTTP_ prefix.
_UNPREFIXED = frozenset(("CONTENT_TYPE", "CONTENT_LENGTH"))
# Environ keys of each tuple of header names seen, None where two names
# make the same key; cleared when it grows past _LAYOUTS_LIMIT.
_layouts: dict[tuple[str, ...], tuple[str, ...] | None] = {}
_LAYOUTS_LIMIT = 512
_UNKNOWN = object()  # a layout not learnt yet


def environ_key(name: str) -> str:
    """Return the environ key of the header NAME: HTTP_X_FORWARDED_FOR..."""
    key = name.upper().replace("-", "_")
    return key if key in _UNPREFIXED else "HTTP_" + key


def add_to_environ(environ: dict[str, object], source: dict[str, object]) -> None:
    """Add the headers of SOURCE to ENVIRON as HTTP_* keys, duplicates joined.

    A value that is neither a string nor a list of strings raises EventError.
    """
    names = tuple(source)
    keys = _layouts.get(names, _UNKNOWN)
    if keys is _UNKNOWN:
        keys = _learn_layout(names)
    if keys is not None:
        values = list(source.values())
        try:
            # Raises TypeError unless every value is a str.
            if "".join(values).isascii():
                environ.update(zip(keys, values))
                return
        except TypeError:
            pass  # lists of values, or a malformed value
    environ.update(_slow_environ(source))


def single_valued(multi: dict[str, object], single: object) -> dict[str, object]:
    """Return SINGLE, a REST event's headers, when MULTI has no repeated one.

    API Gateway sends both maps; the single-value one is quicker to read,
    but holds only the last of repeated values.
    """
    if type(single) is not dict or len(single) != len(multi):
        return multi
    try:
        one_each = sum(map(len, multi.values())) == len(multi)
    except TypeError:  # a value without a length: the slow path says what
        return multi
    return single if one_each else multi


def _learn_layout(names: tuple[str, ...]) -> tuple[str, ...] | None:
    """Return and keep the environ keys of NAMES (None when two collide)."""
    if len(_layouts) >= _LAYOUTS_LIMIT:
        _layouts.clear()
    keys: tuple[str, ...] | None = tuple(map(environ_key, names))
    if len(set(keys)) != len(keys):
        keys = None
    _layouts[names] = keys
    return keys


def _slow_environ(source: dict[str, object]) -> dict[str, str]:
    """Return the environ entries of SOURCE one header at a time."""
    environ: dict[str, str] = {}
    for name, value in source.items():
        key = environ_key(name)
        # Split cookie headers (HTTP/2) rejoin with "; " (RFC 9113 8.2.3).
        separator = "; " if key == "HTTP_COOKIE" else ","
        joined = wsgi_text(separator.join(strings(value, f"header '{name}'")))
        environ[key] = environ[key] + separator + joined if key in environ else joined
    return environ


def pairs(source: dict[str, object]) -> list[tuple[str, str]]:
    """Return the headers of SOURCE as (lowercase name, value), in order."""
    return [
        (name.lower(), value)
        for name, values in source.items()
        for value in strings(values, f"header '{name}'")
    ]


def strings(value: object, what: str) -> list[str]:
    """Return VALUE (a string, a list of strings or null) as a list."""
    if value is None:
        return []
    if type(value) is str:
        return [value]
    if type(value) is not list or not all(type(v) is str for v in value):
        raise EventError(f"{what} must be a string or a list of strings")
    return value


def mapping(event: dict[str, object], key: str) -> dict[str, object]:
    """Return the object EVENT[KEY], or {} when it is absent or null."""
    value = event.get(key)
    if value is None:
        return {}
    if type(value) is not dict:
        raise EventError(f"{key} must be an object or null")
    return value
