"""The companion student file (``--join``): student columns read by key from a second
CSV, merged into each learner's record, with duplicate and dangling ids reported."""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ReadError
from ...report import LossReport
from .header import plan_header
from .profile import Profile
from .rows import RowReader
from .text import capped, decode, sniff

FORMAT = "csv"
MAX_JOIN_BYTES = 256 << 20


@dataclass
class Join:
    """Student columns from a companion file, by key. Duplicate ids are reported (first
    row kept), and so are ids on either side that the other file does not have."""

    name: str
    students: dict[tuple[str, ...], dict[str, Any]]
    used: set[tuple[str, ...]] = field(default_factory=set)

    def apply(self, key: tuple[str, ...], student: dict[str, Any], report: LossReport) -> None:
        extra = self.students.get(key)
        if extra is None:
            report.add(
                "unresolved-reference",
                f"{'/'.join(key)} has no row in {self.name}",
                source_format=FORMAT,
                value="/".join(key),
            )
            return
        self.used.add(key)
        for k, v in extra.items():
            if k not in student:
                student[k] = v
            elif student[k] != v:
                report.add(
                    "source-schema-violation",
                    f"{k} differs between the two files; the transcript's value kept",
                    source_path=f"{self.name}: {'/'.join(key)}, column {k}",
                    source_format=FORMAT,
                    value=v,
                )

    def dangling(self, report: LossReport) -> None:
        for key in self.students:
            if key not in self.used:
                report.add(
                    "unresolved-reference",
                    f"{self.name}: student {'/'.join(key)} has no row in the transcript file",
                    source_format=FORMAT,
                    value="/".join(key),
                )


def load_join(source: Path | bytes, profile: Profile, report: LossReport) -> Join:
    name = str(source) if isinstance(source, Path) else "<join>"
    if isinstance(source, Path):
        if source.stat().st_size > MAX_JOIN_BYTES:
            raise ReadError("the student file is too large to join", source=name)
        data = source.read_bytes()
    else:
        data = source
    text = decode(data, report, name)
    rows = csv.reader(
        capped(io.StringIO(text, newline=""), name), delimiter=sniff(text.split("\n", 1)[0])
    )
    header = next(rows, None)
    if header is None:
        raise ReadError("the student file is empty", source=name)
    sub = LossReport()
    plan = plan_header(profile, header, sub, defaults=False)
    if not plan.key_present:
        raise ReadError(
            f"the student file has no {', '.join(profile.key)} column to join on", source=name
        )
    out: dict[tuple[str, ...], dict[str, Any]] = {}
    first: dict[tuple[str, ...], int] = {}
    reader = RowReader(profile, plan, sub)
    for n, cells in enumerate(rows, 2):
        row = reader.row(n, cells)
        if row is None:
            continue
        if row.native:
            cols = ", ".join(sorted(k for k in row.native))
            report.add(
                "unmapped-source-field",
                f"{name}: only student columns are joined; {cols} not read",
                source_path=f"{name}: row {n}",
                source_format=FORMAT,
            )
        if row.key in out:
            report.add(
                "source-schema-violation",
                f"{name}: student {'/'.join(row.key)} appears again (first at row "
                f"{first[row.key]}); the first row kept",
                source_path=f"{name}: row {n}",
                source_format=FORMAT,
                value="/".join(row.key),
            )
            continue
        out[row.key] = row.student
        first[row.key] = n
    for e in sub:
        report.entries.append(dataclasses.replace(e, source_path=f"{name}: {e.source_path}"))
    return Join(name, out)
