"""Importing the app and telling its interface.

Interface ``detect`` decides once, from the object the app attribute names:
  - asgi: a coroutine function of three parameters, a function whose
    parameters are named (scope, receive, send), or an object whose
    ``__call__`` is a coroutine function (FastAPI, Starlette);
  - wsgi: a function or method whose first parameter is named ``environ``
    or ``env``, or its second ``start_response`` or ``sr`` (PEP 3333's
    names), or any other callable object that is neither a function nor a class
    (Flask, Django's WSGIHandler, Bottle, Falcon, Pyramid);
  - function: every other function, method or class.
Name the interface in slam.yaml when this rule guesses wrong. The code
objects are read directly: importing inspect would cost milliseconds of
every cold start.
"""

from __future__ import annotations

import importlib
import sys

from .config import Config
from .errors import LoadError

_CO_COROUTINE = 0x80  # inspect.CO_COROUTINE
_WSGI_FIRST = frozenset([("environ",), ("env",)])
_WSGI_SECOND = frozenset([("start_response",), ("sr",)])


class App:
    """The loaded app: the callable, its interface and a name for messages."""

    __slots__ = ("call", "interface", "label", "positional", "parameters")

    def __init__(self, call: object, interface: str, label: str) -> None:
        self.call = call
        self.interface = interface
        self.label = label
        # Parameter names of a plain function, positional ones first: which
        # of event and context it accepts, and where.
        self.positional = _parameters(call)
        self.parameters = frozenset(self.positional)


def load_app(config: Config) -> App:
    """Import the app module and return its app attribute with its interface."""
    if config.folder not in sys.path:
        sys.path.insert(0, config.folder)
    label = f"{config.module}:{config.app}"
    try:
        call = importlib.import_module(config.module)
        for attribute in config.app.split("."):
            call = getattr(call, attribute)
    except (Exception, SystemExit) as error:  # an app's sys.exit() too
        raise LoadError(f"cannot load '{label}': {type(error).__name__}: {error}") from error
    if not callable(call):
        raise LoadError(f"'{label}' is not callable")
    interface = config.interface
    if interface == "detect":
        interface = detect_interface(call)
    return App(call, interface, label)


def detect_interface(call: object) -> str:
    """Return "wsgi", "asgi" or "function" for CALL (rule in the docstring)."""
    if isinstance(call, type):
        return "function"
    code = _code(call)
    if code is not None and _is_routine(call):
        parameters = _parameters(call)
        if parameters[:3] == ("scope", "receive", "send") or (
            code.co_flags & _CO_COROUTINE and len(parameters) == 3
        ):
            return "asgi"
        if parameters[:1] in _WSGI_FIRST or parameters[1:2] in _WSGI_SECOND:
            return "wsgi"
        return "function"
    method = _code(getattr(type(call), "__call__", None))
    if method is not None and method.co_flags & _CO_COROUTINE:
        return "asgi"
    return "wsgi" if not _is_routine(call) else "function"


def _is_routine(call: object) -> bool:
    """Return whether CALL is a function or method rather than an object."""
    return (
        hasattr(call, "__code__")
        or hasattr(call, "__func__")
        or type(call).__name__ == "builtin_function_or_method"
    )


def _code(call: object) -> object:
    """Return the code object of a function or method, or None."""
    function = getattr(call, "__func__", call)
    return getattr(function, "__code__", None)


def _parameters(call: object) -> tuple[str, ...]:
    """Return the positional-or-keyword parameter names of a function."""
    code = _code(call)
    if code is None or isinstance(call, type):
        return ()
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    return names[1:] if hasattr(call, "__func__") else names
