"""Whether a response body goes to the front door as text or as base64."""

from __future__ import annotations

import binascii

# Subtypes of text formats outside text/* (RFC 6838 names and common aliases).
_TEXT_SUBTYPES = frozenset(
    (
        "json",
        "xml",
        "javascript",
        "x-javascript",
        "ecmascript",
        "yaml",
        "x-yaml",
        "x-www-form-urlencoded",
        "svg+xml",
    )
)
_TEXT_SUFFIXES = ("+json", "+xml", "+yaml")


class MediaTypes:
    """The text and binary media types of a project, with the built-in rule.

    Patterns are "type/subtype", "type/*", "type/*+suffix" or "*/*";
    binary ones win over text ones, configured ones over the built-in rule.
    """

    __slots__ = ("text", "binary", "_cache")

    def __init__(self, text: list[str], binary: list[str]) -> None:
        self.text = [_split(pattern) for pattern in text]
        self.binary = [_split(pattern) for pattern in binary]
        self._cache: dict[str, bool] = {}

    def is_text(self, content_type: str) -> bool:
        """Return whether a Content-Type header names a text format."""
        known = self._cache.get(content_type)
        if known is None:
            if len(self._cache) > 256:
                self._cache.clear()
            known = self._cache[content_type] = self._decide(content_type)
        return known

    def _decide(self, content_type: str) -> bool:
        """Return whether CONTENT_TYPE is text, without the cache."""
        kind, _, subtype = content_type.split(";", 1)[0].strip().lower().partition("/")
        if any(_matches(pattern, kind, subtype) for pattern in self.binary):
            return False
        if any(_matches(pattern, kind, subtype) for pattern in self.text):
            return True
        return (
            kind == "text"
            or subtype in _TEXT_SUBTYPES
            or subtype.endswith(_TEXT_SUFFIXES)
        )

    def encode(self, body: bytes, content_type: str, encoding: str) -> tuple[str, bool]:
        """Return BODY as text when it is text, else as base64, and which.

        A Content-Encoding (gzip...) makes any body binary.
        """
        if not body:
            return "", False
        if (not encoding or encoding.lower() == "identity") and self.is_text(
            content_type
        ):
            try:
                return body.decode("utf-8"), False
            except UnicodeDecodeError:
                pass
        return binascii.b2a_base64(body, newline=False).decode("ascii"), True


def _split(pattern: str) -> tuple[str, str]:
    """Return the type and subtype of a media type pattern."""
    kind, _, subtype = pattern.strip().lower().partition("/")
    return kind, subtype


def _matches(pattern: tuple[str, str], kind: str, subtype: str) -> bool:
    """Return whether the media type KIND/SUBTYPE matches PATTERN."""
    pattern_kind, pattern_subtype = pattern
    if pattern_kind not in ("*", kind):
        return False
    if pattern_subtype in ("*", subtype):
        return True
    return pattern_subtype.startswith("*+") and subtype.endswith(pattern_subtype[1:])
