"""CSV rows -> records: each learner's rows assembled into the native tree handed to the
mapping engine (``{"student": {column: value}, "rows": [{column: value, group: {...}}]}``),
loss report paths turned back into ``row N, column C``, a bulk-award badge applied, and
:func:`records_from` yielding one record per learner."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...errors import ReadError
from ...mapping.engine import ReadContext, read_object
from ...model import Achievement, LearnerRecord, Provenance
from ...report import LossReport
from .grouping import group_sorted, group_unsorted, merge_student
from .join import Join
from .profile import Profile
from .rows import Row, Source

FORMAT = "csv"
_ROWS = re.compile(r"^/rows/(\d+)(?:/(.*))?$")
_STUDENT = re.compile(r"^/student(?:/(.*))?$")


@dataclass
class Extras:
    """What a caller adds to every record: a companion student file, a badge definition."""

    join: Join | None = None
    achievement: Achievement | None = None
    issuer: Any = None
    issued: str | None = None


def build_record(
    profile: Profile,
    key: tuple[str, ...],
    student: dict[str, Any],
    rows: list[Row],
    report: LossReport,
    extras: Extras | None = None,
) -> LearnerRecord:
    mapping = profile.mapping
    numbers = [r.number for r in rows]
    if extras and extras.join and key:
        extras.join.apply(key, student, report)
    native: dict[str, Any] = {"rows": [r.native for r in rows]}
    if student:
        native["student"] = student
    scratch = LossReport()
    ctx = ReadContext(mapping, scratch)
    rec = read_object(mapping.objects[mapping.root_object], native, "", ctx)
    assert isinstance(rec, LearnerRecord)
    known = {c.name for c in profile.columns}
    groups = profile.groups  # computed once per record, not per entry
    for e in scratch:
        path, col = _csv_path(e.source_path, numbers, groups)
        if e.code == "unmapped-source-field" and col is not None and col not in known:
            continue  # an unknown column: reported once, at the header
        report.entries.append(dataclasses.replace(e, source_path=path))
    linked = list(ctx.linked.get("achievements", {}).values())
    update: dict[str, Any] = {}
    if linked:
        update["achievements"] = [*rec.achievements, *linked]
    if extras and extras.achievement is not None:
        update.update(_with_badge(rec, extras, report))
    update["provenance"] = Provenance(
        format=FORMAT,
        dialect=profile.name,
        source_ids=["/".join(key)] if key else [],
        mapping=mapping.source,
    )
    return rec.model_copy(update=update)


def _with_badge(rec: LearnerRecord, extras: Extras, report: LossReport) -> dict[str, Any]:
    """Every row of a bulk-award file awards the one badge given apart (--achievement)."""
    ach = extras.achievement
    assert ach is not None
    awards = []
    for award in rec.awards:
        up: dict[str, Any] = {}
        if not award.achievement_id:
            up["achievement_id"] = ach.id
        if award.issuer is None and extras.issuer is not None:
            up["issuer"] = extras.issuer
        if award.valid_from is None and extras.issued:
            up["valid_from"] = extras.issued
        awards.append(award.model_copy(update=up) if up else award)
    achs = list(rec.achievements)
    if all(a.id != ach.id for a in achs):
        achs.append(ach)
    return {"awards": awards, "achievements": achs}


def _csv_path(
    path: str | None, numbers: list[int], groups: frozenset[str] = frozenset()
) -> tuple[str | None, str | None]:
    """A JSON Pointer into the native tree -> ``row N, column C`` of the file (a group such
    as ``course`` or an item index of a multi-valued cell is not a column)."""
    if not path:
        return path, None
    m = _ROWS.match(path)
    if m:
        i = int(m.group(1))
        parts = [p.replace("~1", "/").replace("~0", "~") for p in (m.group(2) or "").split("/")]
        if parts and parts[0] in groups:
            parts = parts[1:]
        col = parts[0] if parts and parts[0] else None
        n = numbers[i] if i < len(numbers) else i
        return (f"row {n}, column {col}" if col else f"row {n}"), col
    m = _STUDENT.match(path)
    if m:
        col = (m.group(1) or "").split("/")[0].replace("~1", "/").replace("~0", "~")
        return (f"row {numbers[0] if numbers else 1}, column {col}" if col else None), col or None
    return path, None


def records_from(
    src: Source,
    report: LossReport,
    name: str,
    *,
    mode: str = "memory",
    extras: Extras | None = None,
    max_rows: int | None = None,
) -> Iterator[tuple[LearnerRecord, LossReport]]:
    """(record, its loss report) per learner. ``mode``: ``memory`` groups the whole file
    (any order), ``sorted`` streams groups of consecutive rows, ``unsorted`` partitions
    through temporary files."""
    if not src.plan.key_present:
        groups: Iterator[list[Row]] = iter([list(src.rows)])
    elif mode == "sorted":
        groups = group_sorted(src.rows, report, name)
    elif mode == "unsorted":
        groups = group_unsorted(src.rows)
    else:
        table: dict[tuple[str, ...], list[Row]] = {}
        for row in src.rows:
            table.setdefault(row.key, []).append(row)
        groups = iter(table.values())
    count = 0
    for group in groups:
        if not group:
            continue
        count += 1
        if max_rows is not None and len(group) > max_rows:
            raise ReadError(
                f"one record groups {len(group)} rows, over the {max_rows}-row limit "
                "(raise max_csv_rows to accept it)",
                source=name,
                location=f"row {group[max_rows].number}",
            )
        rep = LossReport()
        student = merge_student(group, rep)
        yield build_record(src.profile, group[0].key, student, group, rep, extras), rep
    if count == 0:
        raise ReadError("the CSV holds no data rows", source=name)
    if extras and extras.join:
        extras.join.dangling(report)
