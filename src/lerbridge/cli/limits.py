"""``--max-bytes`` ... : the input limits (lerbridge.limits.Limits) as CLI options."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import click

from ..limits import Limits

_HELP = {
    "max_bytes": "Largest input in bytes",
    "max_depth": "Deepest JSON nesting",
    "max_records": "Most records in one input",
    "max_string": "Longest JSON string, in characters",
    "max_csv_rows": "Most CSV rows in one record",
}


@dataclass(frozen=True)
class LimitArgs:
    values: dict[str, int | None]

    def limits(self) -> Limits:
        return Limits(**{k: v for k, v in self.values.items() if v is not None})

    def as_kwargs(self) -> dict[str, Any]:
        return {"limits": self.limits()}


def limit_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Adds one option per limit, gathered into a ``limits`` (:class:`LimitArgs`) argument."""
    names = [f.name for f in fields(Limits)]

    @functools.wraps(func)  # keeps the options already attached (__click_params__)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["limits"] = LimitArgs({n: kwargs.pop(n) for n in names})
        return func(*args, **kwargs)

    for name in reversed(names):
        default = getattr(Limits(), name)
        wrapper = click.option(
            f"--{name.replace('_', '-')}",
            name,
            type=click.IntRange(min=1),
            default=None,
            help=f"{_HELP[name]} (default {default}).",
        )(wrapper)
    return wrapper
