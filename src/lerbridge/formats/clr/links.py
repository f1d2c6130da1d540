"""Associations point at achievement ids; producers also use the ids of the credentials
that assert them. Those are resolved to the achievement and reported; dangling ids are
reported too.

Where an end came from depends on the syntax it was read from (CLR 2.0 keeps associations
on the credential subject, CLR 1.0 on each achievement), so the caller says:
``source_path(i, end)`` is the JSON Pointer of end ``"sourceId"`` or ``"targetId"`` of the
record's ``i``-th association."""

from __future__ import annotations

from collections.abc import Callable

from ...model import Association, LearnerRecord
from ...report import LossReport

SourcePath = Callable[[int, str], str]

#: canonical end -> its name in CLR 1.0 and CLR 2.0
ENDS = {"source_id": "sourceId", "target_id": "targetId"}


def resolve_associations(
    rec: LearnerRecord, report: LossReport, source_path: SourcePath, source_format: str
) -> LearnerRecord:
    if not rec.associations:
        return rec
    achievements = {a.id for a in rec.achievements}
    by_award = {a.id: a.achievement_id for a in rec.awards if a.id and a.achievement_id}
    out: list[Association] = []
    changed = False
    for i, assoc in enumerate(rec.associations):
        update = {}
        for end, native in ENDS.items():
            ident = getattr(assoc, end)
            if ident in achievements:
                continue
            if ident in by_award:
                update[end] = by_award[ident]
                report.add(
                    "value-coerced",
                    f"association {end} names a credential; resolved to its achievement "
                    f"{by_award[ident]}",
                    source_path=source_path(i, native),
                    source_format=source_format,
                    value=ident,
                )
            else:
                report.add(
                    "unresolved-reference",
                    f"association {end} names no achievement or credential in this CLR",
                    source_path=source_path(i, native),
                    source_format=source_format,
                    value=ident,
                )
        if update:
            changed = True
            assoc = assoc.model_copy(update=update)
        out.append(assoc)
    return rec.model_copy(update={"associations": out}) if changed else rec
