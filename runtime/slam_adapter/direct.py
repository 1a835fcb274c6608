"""Events that are not HTTP requests: calls, schedules and warm-up pings.

A direct invocation ``{"args": [...], "kwargs": {...}}`` calls a plain
function with them (an ``async def`` one is run to its end); parameters named ``event`` and ``context`` that the call
leaves unfilled receive the Lambda event and context. An EventBridge
scheduled event calls it with only those. The function's own exception
propagates, so that Lambda reports a function error with its traceback.
"""

from __future__ import annotations

from .loader import App

_BAD_DIRECT_EVENT = 'a direct invocation needs a list in "args" and an object in "kwargs"'


def call(app: App, event: dict[str, object], context: object) -> object:
    """Answer a direct invocation: the function's result."""
    args = event.get("args")
    kwargs = event.get("kwargs")
    args = [] if args is None else args
    kwargs = {} if kwargs is None else kwargs
    if type(args) is not list or type(kwargs) is not dict:
        return {"error": _BAD_DIRECT_EVENT}
    if app.interface != "function":
        return {
            "error": f"'{app.label}' is a web app ({app.interface}): send it HTTP "
            "requests, or set interface: function to call it with args and kwargs"
        }
    kwargs = {**_lambda_arguments(app, event, context, len(args)), **kwargs}
    return _awaited(app.call(*args, **kwargs))


def scheduled(app: App, event: dict[str, object], context: object) -> object:
    """Answer an EventBridge scheduled event for a plain function."""
    return _awaited(app.call(**_lambda_arguments(app, event, context, 0)))


def _awaited(result: object) -> object:
    """Return RESULT, run to its end when it is a coroutine (async def)."""
    if type(result).__name__ != "coroutine" or not hasattr(result, "__await__"):
        return result
    import asyncio  # only for async functions

    return asyncio.run(result)


def _lambda_arguments(
    app: App, event: object, context: object, positional: int
) -> dict[str, object]:
    """Return event and context for the parameters of those names.

    A parameter already filled by one of the POSITIONAL arguments is left.
    """
    taken = set(app.positional[:positional])
    offered = {"event": event, "context": context}
    return {
        name: value
        for name, value in offered.items()
        if name in app.parameters and name not in taken
    }
