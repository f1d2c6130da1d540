"""Associations point at achievement ids; producers also use the ids of the credentials
that assert them. Those are resolved to the achievement and reported; dangling ids are
reported too."""

from __future__ import annotations

from ...model import Association, LearnerRecord
from ...report import LossReport


def resolve_associations(rec: LearnerRecord, where: str, report: LossReport) -> LearnerRecord:
    if not rec.associations:
        return rec
    achievements = {a.id for a in rec.achievements}
    by_award = {a.id: a.achievement_id for a in rec.awards if a.id and a.achievement_id}
    out: list[Association] = []
    changed = False
    for i, assoc in enumerate(rec.associations):
        update = {}
        for end in ("source_id", "target_id"):
            ident = getattr(assoc, end)
            if ident in achievements:
                continue
            at = f"{where}/credentialSubject/association/{i}/{end.replace('_id', 'Id')}"
            if ident in by_award:
                update[end] = by_award[ident]
                report.add(
                    "value-coerced",
                    f"association {end} names a credential; resolved to its achievement "
                    f"{by_award[ident]}",
                    source_path=at,
                    source_format="clr",
                    value=ident,
                )
            else:
                report.add(
                    "unresolved-reference",
                    f"association {end} names no achievement or credential in this CLR",
                    source_path=at,
                    source_format="clr",
                    value=ident,
                )
        if update:
            changed = True
            assoc = assoc.model_copy(update=update)
        out.append(assoc)
    return rec.model_copy(update={"associations": out}) if changed else rec
