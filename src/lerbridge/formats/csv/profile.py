"""CSV profiles: mapping files with a ``csv`` section (headers, aliases, grouping key, skip
rules). This module turns that section into a header plan, and picks a profile from a
header when none is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...errors import FormatDetectionError, MappingError
from ...mapping.compiler import Mapping, load_mapping
from ...mapping.loader import shipped_mappings

NAMESPACE = "csv"
DEFAULT_PROFILE = "csv-transcript"


def norm(header: str) -> str:
    """Header matching: case-insensitive, surrounding spaces (and a BOM) ignored."""
    return " ".join(header.replace("\ufeff", "").split()).casefold()


@dataclass(frozen=True)
class Column:
    name: str
    at: str = "row"
    multi: bool = False
    default: str | None = None
    fallback: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkipRule:
    column: str | None
    equals: frozenset[str]
    prefix: tuple[str, ...]
    reason: str


@dataclass
class Profile:
    name: str
    mapping: Mapping
    key: tuple[str, ...]
    separator: str
    writable: bool
    detect: bool
    columns: list[Column]
    skip: list[SkipRule]
    lookup: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, Column] = field(default_factory=dict)

    def column_for(self, header: str) -> Column | None:
        name = self.lookup.get(norm(header))
        return self.by_name[name] if name else None

    @property
    def groups(self) -> frozenset[str]:
        """Names of the groups columns are placed in inside a row (``course``)."""
        return frozenset(c.at for c in self.columns) - {"row", "student"}

    def key_in(self, headers: list[str]) -> bool:
        found = {c.name for h in headers if (c := self.column_for(h))}
        return bool(self.key) and all(k in found for k in self.key)

    def coverage(self, headers: list[str]) -> float:
        cells = [h for h in headers if h.strip()]
        if not cells:
            return 0.0
        return sum(1 for h in cells if self.column_for(h)) / len(cells)


def profile_of(mapping: Mapping) -> Profile:
    section: dict[str, Any] = mapping.options.get("csv") or {}
    if not section.get("columns"):
        raise MappingError(
            f"mapping {mapping.name!r} has no csv section with columns; a CSV profile needs one",
            source=mapping.source,
        )
    cols = [
        Column(
            c["name"],
            c.get("at", "row"),
            bool(c.get("multi", False)),
            c.get("default"),
            c.get("fallback"),
            tuple(c.get("aliases", [])),
        )
        for c in section["columns"]
    ]
    prof = Profile(
        mapping.name,
        mapping,
        tuple(section.get("key", [])),
        section.get("separator", "|"),
        bool(section.get("writable", False)),
        bool(section.get("detect", True)),
        cols,
        [
            SkipRule(
                s.get("column"),
                frozenset(norm(v) for v in s.get("equals", [])),
                tuple(norm(v) for v in s.get("prefix", [])),
                s["reason"],
            )
            for s in section.get("skip", [])
        ],
    )
    for col in cols:
        prof.by_name[col.name] = col
        for alias in (col.name, *col.aliases):
            prof.lookup.setdefault(norm(alias), col.name)
    for k in prof.key:
        if k not in prof.by_name:
            raise MappingError(f"csv key {k!r} is not one of the columns", source=mapping.source)
    for col in cols:
        if col.fallback and col.fallback not in prof.by_name:
            raise MappingError(
                f"column {col.name!r}: fallback {col.fallback!r} is not a column",
                source=mapping.source,
            )
    return prof


def load_profile(ref: str | Path) -> Profile:
    mapping = load_mapping(ref)
    if mapping.namespace != NAMESPACE:
        raise MappingError(
            f"mapping {mapping.name!r} (namespace {mapping.namespace!r}) is not a CSV profile; "
            "a CSV profile says 'namespace: csv' (or extends a shipped csv-* profile)",
            source=mapping.source,
        )
    return profile_of(mapping)


@lru_cache(maxsize=1)
def shipped_profiles() -> tuple[Profile, ...]:
    return tuple(load_profile(n) for n in shipped_mappings() if n.startswith("csv-"))


def choose(headers: list[str], source: str | None = None) -> tuple[Profile, float]:
    """The shipped profile that recognizes the largest share of the header's cells; between
    equal shares, one whose grouping key is in the header wins. Still equal: an error that
    names the candidates."""
    scored = sorted(
        (
            (p.coverage(headers), p.key_in(headers), p.name, p)
            for p in shipped_profiles()
            if p.detect
        ),
        key=lambda t: (-t[0], not t[1], t[2]),
    )
    if not scored or scored[0][0] == 0:
        raise FormatDetectionError(
            "no CSV profile recognizes this header; describe the file with --mapping "
            "(a mapping file with a csv section)",
            source=source,
        )
    best = [t for t in scored if t[:2] == scored[0][:2]]
    if len(best) > 1:
        raise FormatDetectionError(
            "the header fits several CSV profiles equally ("
            + ", ".join(f"{t[2]} {t[0]:.0%}" for t in best)
            + "); pass --mapping to choose",
            source=source,
        )
    return best[0][3], best[0][0]
