"""What the résumé formats (LER-RS, HR-XML) share: a résumé certification or license is
an award of an achievement of that type, and an award goes to the résumé section its
achievement type names. The tables live in the format's mapping file (``resume:``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..mapping.compiler import Mapping
from ..mapping.engine import mint_id
from ..model import Achievement, Award, LearnerRecord
from ..report import LossReport


def section_types(mapping: Mapping) -> dict[str, str]:
    """Résumé section -> the achievement type its items are read as."""
    return dict(mapping.options.get("resume", {}).get("section_types", {}))


def section_of(mapping: Mapping, achievement_type: str | None) -> str | None:
    """The section an award of ``achievement_type`` is written to; None when the résumé
    has no place for it (a course, an assignment)."""
    opts = mapping.options.get("resume", {})
    if achievement_type in opts.get("no_section", []):
        return None
    table = opts.get("sections", {})
    if achievement_type in table:
        return str(table[achievement_type])
    default = opts.get("default_section")
    return str(default) if default else None


def with_achievements(
    record: LearnerRecord,
    items: Iterable[tuple[Award, str, str]],
    fmt: str,
    report: LossReport,
) -> tuple[list[Award], list[Achievement]]:
    """Résumé items read as awards (certifications, licenses) name no achievement: give
    each one an achievement of the section's type, made from the item's name and
    description, its id minted from that content and reported. ``items`` holds
    (award, achievement type, source path)."""
    known = {a.id: a for a in record.achievements}
    awards: list[Award] = []
    for award, kind, where in items:
        if award.achievement_id and award.achievement_id in known:
            awards.append(award)
            continue
        name = award.name or {"und": kind}
        content: dict[str, Any] = {
            "name": name,
            "type": kind,
            "issuer": award.issuer.model_dump(mode="json", exclude_defaults=True)
            if award.issuer
            else None,
        }
        ach = Achievement(
            id=mint_id(f"{fmt}:achievement", content),
            name=name,
            description=award.description,
            achievement_type=kind,
        )
        if ach.id not in known:
            known[ach.id] = ach
            report.add(
                "value-synthesized",
                f"the {kind.lower()} is read as an award of a {kind} achievement; "
                "the achievement's id was minted from its name and issuer",
                source_path=where,
                source_format=fmt,
                value=ach.id,
            )
        awards.append(award.model_copy(update={"achievement_id": ach.id}))
    return awards, list(known.values())
