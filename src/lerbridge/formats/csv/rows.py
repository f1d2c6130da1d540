"""CSV data rows: parsed cells turned into :class:`Row` objects (student columns, row
columns, groups), with blank, ragged and skipped rows and cells under a bad header
reported; :func:`open_rows` reads the header and streams the rows of one input."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...errors import ReadError
from ...report import LossReport
from .header import HeaderPlan, plan_header
from .profile import Column, Profile, choose, norm
from .text import capped, sniff

FORMAT = "csv"


@dataclass
class Row:
    number: int
    key: tuple[str, ...]
    student: dict[str, Any]
    native: dict[str, Any]


@dataclass
class RowReader:
    """Turns parsed cells into :class:`Row` objects, reporting what it cannot read."""

    profile: Profile
    plan: HeaderPlan
    report: LossReport
    filled: dict[str, int] = field(default_factory=dict)
    trimmed: dict[str, int] = field(default_factory=dict)
    skip_at: list[int | None] | None = None

    def row(self, number: int, cells: list[str]) -> Row | None:
        plan, prof, report = self.plan, self.profile, self.report
        if not any(c.strip() for c in cells):
            report.add(
                "row-skipped",
                "blank row",
                severity="info",
                source_path=f"row {number}",
                source_format=FORMAT,
            )
            return None
        width = len(plan.headers)
        if len(cells) != width:
            extra = cells[width:]
            report.add(
                "source-schema-violation",
                f"row has {len(cells)} cells, the header {width}"
                + (
                    "; missing cells read as empty"
                    if len(cells) < width
                    else "; the extra cells are not read"
                ),
                source_path=f"row {number}",
                source_format=FORMAT,
                value="|".join(extra) if any(x.strip() for x in extra) else None,
            )
        skip = self._skip(cells)
        if skip is not None:
            report.add(
                "row-skipped",
                f"{skip}: not a data row",
                source_path=f"row {number}",
                source_format=FORMAT,
                value=",".join(c for c in cells if c.strip()),
            )
            return None
        student: dict[str, Any] = {}
        native: dict[str, Any] = {}
        sep = prof.separator
        for i, col in enumerate(plan.targets):
            if i >= len(cells):
                break
            v = cells[i]
            if not v or v.isspace():
                continue
            if col is None:
                if plan.keep[i]:
                    native[plan.headers[i].strip()] = v
                else:
                    report.add(
                        "source-schema-violation",
                        "a cell under an empty or repeated header; not read",
                        source_path=f"row {number}, column {i + 1}",
                        source_format=FORMAT,
                        value=v,
                    )
                continue
            if v[0].isspace() or v[-1].isspace():
                v = v.strip()
                self.trimmed[col.name] = self.trimmed.get(col.name, 0) + 1
            value: Any = [p.strip() for p in v.split(sep) if p.strip()] if col.multi else v
            if col.at == "student":
                student[col.name] = value
            elif col.at == "row":
                native[col.name] = value
            else:
                native.setdefault(col.at, {})[col.name] = value
        for col in plan.absent_defaults:
            self._place(student, native, col, col.default)
        for col in plan.fallbacks:
            where = (
                student
                if col.at == "student"
                else native
                if col.at == "row"
                else native.get(col.at, {})
            )
            if col.name not in where:
                src = self.profile.by_name[col.fallback or ""]
                sw = (
                    student
                    if src.at == "student"
                    else native
                    if src.at == "row"
                    else native.get(src.at, {})
                )
                if src.name in sw:
                    self._place(student, native, col, sw[src.name])
                    self.filled[col.name] = self.filled.get(col.name, 0) + 1
        key = tuple(str(student.get(k, "")).strip() for k in prof.key) if plan.key_present else ()
        if plan.key_present and not all(key):
            report.add(
                "source-schema-violation",
                f"row has no {', '.join(prof.key)}; read with the other rows that have none",
                source_path=f"row {number}",
                source_format=FORMAT,
            )
        return Row(number, key, student, native)

    @staticmethod
    def _place(student: dict[str, Any], native: dict[str, Any], col: Column, v: Any) -> None:
        if col.at == "student":
            student.setdefault(col.name, v)
        elif col.at == "row":
            native.setdefault(col.name, v)
        else:
            native.setdefault(col.at, {}).setdefault(col.name, v)

    def _skip(self, cells: list[str]) -> str | None:
        if self.skip_at is None:
            self.skip_at = [
                None
                if rule.column is None
                else next(
                    (
                        i
                        for i, c in enumerate(self.plan.targets)
                        if c is not None and c.name == rule.column
                    ),
                    -1,
                )
                for rule in self.profile.skip
            ]
        for rule, idx in zip(self.profile.skip, self.skip_at, strict=True):
            if idx is None:
                cell = next((c for c in cells if c.strip()), "")
            elif idx < 0 or idx >= len(cells):
                continue
            else:
                cell = cells[idx]
            if not cell:
                continue
            n = norm(cell)
            if n in rule.equals or n.startswith(rule.prefix):
                return rule.reason
        return None

    def finish(self) -> None:
        for name, count in self.filled.items():
            col = self.profile.by_name[name]
            self.report.add(
                "value-synthesized",
                f"{count} empty {name!r} cell(s) read from {col.fallback!r} (profile fallback)",
                source_path="row 1",
                source_format=FORMAT,
            )
        self.filled.clear()
        for name, count in self.trimmed.items():
            self.report.add(
                "value-coerced",
                f"{count} {name!r} cell(s) had surrounding spaces; removed",
                source_path="row 1",
                source_format=FORMAT,
            )
        self.trimmed.clear()


@dataclass
class Source:
    """A parsed header and an iterator over the data rows of one CSV input."""

    profile: Profile
    plan: HeaderPlan
    rows: Iterator[Row]
    reader: RowReader
    delimiter: str


def open_rows(
    text_lines: Iterable[str],
    name: str,
    profile: Profile | None,
    report: LossReport,
) -> Source:
    lines = capped(text_lines, name)
    first = next(lines, None)
    if first is None or not first.strip():
        raise ReadError("empty CSV: no header row", source=name)
    delim = sniff(first)

    def chain() -> Iterator[str]:
        yield first
        yield from lines

    parsed = csv.reader(chain(), delimiter=delim)
    try:
        header = next(parsed)
    except csv.Error as exc:
        raise ReadError(f"header row: {exc}", source=name) from None
    if profile is None:
        profile, share = choose(header, name)
        report.add(
            "profile-detected",
            f"profile {profile.name} chosen from the header ({share:.0%} of its cells "
            "recognized); pass --mapping to choose another",
            source_path="row 1",
            source_format=FORMAT,
            value=profile.name,
        )
    plan = plan_header(profile, header, report)
    reader = RowReader(profile, plan, report)

    def rows() -> Iterator[Row]:
        n = 1
        while True:
            try:
                cells = next(parsed)
            except StopIteration:
                break
            except csv.Error as exc:
                raise ReadError(f"row {n + 1}: {exc}", source=name) from None
            n += 1
            row = reader.row(n, cells)
            if row is not None:
                yield row
        reader.finish()

    return Source(profile, plan, rows(), reader, delim)
