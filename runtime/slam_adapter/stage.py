"""The stage of an invocation, and its environment variables.

Stage: the alias in ``context.invoked_function_arn``; without one
(unqualified, ``$LATEST`` or a version number) the ``STAGE`` stage variable
of the event, then ``requestContext.stage`` when it names a configured
stage, then the devstage. (A function URL event names no stage: its alias is
the only source.)
"""

from __future__ import annotations

import os

from .config import Config

# Value of each variable before a stage set it (None: it was unset).
_saved: dict[str, str | None] = {}
# The alias of each function ARN seen ("" for none).
_aliases: dict[str, str] = {}
# The stage applied last: the same stage again needs no work.
_applied: str | None = None


def enter(event: object, context: object, config: Config) -> None:
    """Set os.environ for the stage of an invocation.

    A warm function is mostly invoked through the alias it was invoked
    through last: that case costs one lookup.
    """
    arn = getattr(context, "invoked_function_arn", None)
    if type(arn) is str and _applied is not None and _aliases.get(arn) == _applied:
        return
    apply_stage_environment(config, stage_of(event, context, config))


def stage_of(event: object, context: object, config: Config) -> str:
    """Return the stage an invocation belongs to (see the module docstring)."""
    arn = getattr(context, "invoked_function_arn", None)
    if type(arn) is str:
        alias = _aliases.get(arn)
        if alias is None:
            alias = _alias_in(arn)
        if alias:
            return alias
    if type(event) is not dict:
        return config.devstage
    variables = event.get("stageVariables")
    if type(variables) is dict:
        stage = variables.get("STAGE")
        if type(stage) is str and stage:
            return stage
    request_context = event.get("requestContext")
    if type(request_context) is dict:
        api_stage = request_context.get("stage")
        if type(api_stage) is str and api_stage in config.stages:
            return api_stage
    return config.devstage


def _alias_in(arn: str) -> str:
    """Return the alias an ARN is qualified with, or "" (and keep it)."""
    alias = ""
    if arn.count(":") == 7:
        # arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER
        qualifier = arn.rpartition(":")[2]
        if qualifier != "$LATEST" and not qualifier.isdigit():
            alias = qualifier
    if len(_aliases) < 64:
        _aliases[arn] = alias
    return alias


def apply_stage_environment(config: Config, stage: str) -> None:
    """Set os.environ for STAGE, first putting back what other stages set."""
    global _applied
    if stage == _applied:
        return
    wanted = {**config.environment, **config.stages.get(stage, {}), "STAGE": stage}
    for name in [name for name in _saved if name not in wanted]:
        original = _saved.pop(name)
        if original is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = original
    for name, value in wanted.items():
        _saved.setdefault(name, os.environ.get(name))
        os.environ[name] = value
    _applied = stage
