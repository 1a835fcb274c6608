"""The two ways an invocation fails before the app answers."""


class EventError(Exception):
    """The event is malformed; the message is safe to show the caller."""


class LoadError(Exception):
    """The config or the app cannot be loaded; the message says why."""
