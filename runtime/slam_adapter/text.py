"""Percent-encoding and PEP 3333 native strings, without urllib.

urllib.parse costs milliseconds to import and microseconds a call; these
cover the few cases the adapter needs, with a fast path for plain ASCII.
"""

from __future__ import annotations

# RFC 3986 unreserved characters: never escaped in a rebuilt query string.
_UNRESERVED = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
)
_UNRESERVED_BYTES = _UNRESERVED.encode("ascii")
_ESCAPES = tuple(
    chr(byte) if chr(byte) in _UNRESERVED else f"%{byte:02X}" for byte in range(256)
)
_HEX_DIGITS = "0123456789abcdefABCDEF"
_HEX_PAIRS = {
    (high + low).encode("ascii"): int(high + low, 16)
    for high in _HEX_DIGITS
    for low in _HEX_DIGITS
}


# Encoded forms of recent names and values: most repeat between requests.
_quoted: dict[str, str] = {}
_QUOTED_LIMIT = 1024


def quote(text: str) -> str:
    """Return TEXT percent-encoded as UTF-8, all but unreserved characters."""
    quoted = _quoted.get(text)
    if quoted is None:
        data = text.encode("utf-8")
        if data.translate(None, _UNRESERVED_BYTES):
            quoted = "".join([_ESCAPES[byte] for byte in data])
        else:
            quoted = text
        if len(text) <= 64:
            if len(_quoted) >= _QUOTED_LIMIT:
                _quoted.clear()
            _quoted[text] = quoted
    return quoted


def unquote_to_latin1(text: str) -> str:
    """Return TEXT percent-decoded, its bytes read as latin-1 (PEP 3333).

    A '%' not followed by two hex digits stays as it is, as browsers and
    servers treat it. Characters beyond ASCII are taken as UTF-8.
    """
    if "%" not in text:
        return text if text.isascii() else wsgi_text(text)
    pieces = text.encode("utf-8").split(b"%")
    decoded = bytearray(pieces[0])
    for piece in pieces[1:]:
        byte = _HEX_PAIRS.get(piece[:2])
        if byte is None:
            decoded += b"%"
            decoded += piece
        else:
            decoded.append(byte)
            decoded += piece[2:]
    return decoded.decode("latin-1")


def wsgi_text(text: str) -> str:
    """Return TEXT as a PEP 3333 native string: its UTF-8 bytes as latin-1."""
    if text.isascii():
        return text
    return text.encode("utf-8").decode("latin-1")


def from_wsgi_text(text: str) -> str:
    """Return a PEP 3333 native string as text, reading its bytes as UTF-8."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text
