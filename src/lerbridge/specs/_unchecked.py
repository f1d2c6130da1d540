"""Conversions without the official specs: a check that cannot run is skipped and recorded,
never passed off as done.

:func:`unchecked` opens a scope (a ``ContextVar``, so per thread and per task) inside which a
schema check whose official file is not installed returns "no issue" and records the schema's
name; the caller then reports those names (``api.convert`` adds a ``not-validated`` entry).
Outside such a scope, the same check raises :class:`SpecsNotInstalledError`: ``lerbridge
validate`` never answers "valid" for a document it could not check.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ._root import SpecsNotInstalledError

__all__ = ["skip_or_raise", "unchecked"]

_SKIPPED: ContextVar[list[str] | None] = ContextVar("lerbridge_specs_skipped", default=None)


@contextmanager
def unchecked() -> Iterator[list[str]]:
    """A scope in which checks against missing official specs are skipped; yields the list
    of the skipped schemas' names (in first-skipped order, each once)."""
    outer = _SKIPPED.get()
    skipped: list[str] = outer if outer is not None else []
    token = _SKIPPED.set(skipped)
    try:
        yield skipped
    finally:
        _SKIPPED.reset(token)


def skip_or_raise(name: str, exc: SpecsNotInstalledError) -> None:
    """Record that the check against ``name`` was skipped, or raise ``exc`` when no
    :func:`unchecked` scope is open."""
    skipped = _SKIPPED.get()
    if skipped is None:
        raise exc
    if name not in skipped:
        skipped.append(name)
