"""slam_config.json: what the adapter knows of the project at run time."""

from __future__ import annotations

import os

from .errors import LoadError
from .media import MediaTypes

FILE_NAME = "slam_config.json"
INTERFACES = ("wsgi", "asgi", "function", "detect")


class Config:
    """The parts of slam_config.json that the adapter uses, validated."""

    __slots__ = (
        "module",
        "app",
        "interface",
        "devstage",
        "environment",
        "stages",
        "folder",
        "base_path",
        "media_types",
    )

    def __init__(self, data: dict, path: str) -> None:
        self.interface = data.get("interface", "detect")
        if self.interface not in INTERFACES:
            raise LoadError(
                f"'{path}': interface must be one of {', '.join(INTERFACES)}, "
                f"got '{self.interface}'"
            )
        self.module = _text_field(data, "module", path)
        self.app = _text_field(data, "app", path)
        self.devstage = _text_field(data, "devstage", path)
        self.environment = _variables(data.get("environment"), f"'{path}': environment")
        self.stages = _stages(data.get("stages"), path)
        self.folder = os.path.dirname(os.path.abspath(path))
        http = _object(data.get("http"), f"'{path}': http")
        self.base_path = _base_path(http.get("base_path"), path)
        self.media_types = MediaTypes(
            _string_list(http.get("text_types"), f"'{path}': http.text_types"),
            _string_list(http.get("binary_types"), f"'{path}': http.binary_types"),
        )


def read_config() -> Config:
    """Return the config from SLAM_CONFIG_PATH or the package's own file."""
    import json  # here: not every cold start needs it before the first call

    path = os.environ.get("SLAM_CONFIG_PATH") or os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), FILE_NAME
    )
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError) as error:
        raise LoadError(f"cannot read '{path}': {error}") from error
    if type(data) is not dict or data.get("version") != 1:
        raise LoadError(f"'{path}' is not a version 1 Slam config; rebuild it")
    return Config(data, path)


def _text_field(data: dict, key: str, path: str) -> str:
    """Return the non-empty string DATA[KEY] of the config at PATH."""
    value = data.get(key)
    if type(value) is not str or not value:
        raise LoadError(f"'{path}': {key} must be a non-empty string")
    return value


def _object(value: object, where: str) -> dict:
    """Return VALUE, an object, or {} for null."""
    if value is None:
        return {}
    if type(value) is not dict:
        raise LoadError(f"{where} must be an object")
    return value


def _stages(value: object, path: str) -> dict[str, dict[str, str]]:
    """Return the stages' variables: {stage: {name: value}}."""
    stages = _object(value, f"'{path}': stages")
    return {
        name: _variables(values, f"'{path}': stage '{name}'")
        for name, values in stages.items()
    }


def _variables(value: object, where: str) -> dict[str, str]:
    """Return VALUE, a mapping of variable names to strings, or {} for null."""
    variables = _object(value, where)
    if not all(_is_variable(name, text) for name, text in variables.items()):
        raise LoadError(f"{where} must map variable names to strings")
    return variables


def _is_variable(name: str, value: object) -> bool:
    """Return whether os.environ can hold the variable NAME=VALUE."""
    return (
        type(value) is str
        and bool(name)
        and "=" not in name
        and "\0" not in name + value
    )


def _base_path(value: object, path: str) -> str:
    """Return the custom-domain base path as "/users", or "" for none."""
    if value is None or value == "":
        return ""
    if type(value) is not str or not value.strip("/") or not value.isascii():
        raise LoadError(f"'{path}': http.base_path must be an ASCII path")
    return "/" + value.strip("/")


def _string_list(value: object, where: str) -> list[str]:
    """Return VALUE, a list of strings, or [] for null."""
    if value is None:
        return []
    if type(value) is not list or not all(type(item) is str for item in value):
        raise LoadError(f"{where} must be a list of strings")
    return value
