"""The claim tree of an EDC and the flat award list of the canonical model. A claim's parts
(``hasPart``, the modules of a degree, the courses of a transcript) are lifted into the
award list on read, each part named in its parent by id, and nested again on write. The
learning outcomes' ESCO skills become alignments of the achievement, so they flow into
``record.skills``."""

from __future__ import annotations

from typing import Any

from ...model import Achievement, Alignment, Association, LearnerRecord

ESCO = "ESCO"
ESCO_SKILL = "ext:ESCOSkill"
OUTCOME = "ext:LearningOutcome"
COMPETENCY = frozenset({ESCO_SKILL, "ceasn:Competency", "CFItem"})


def _many(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [] if v is None else [v]


def flatten(edc: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The EDC with every claim part lifted to ``credentialSubject.hasClaim`` (parent
    first), and the (parent id, part id) pairs."""
    subject = edc.get("credentialSubject")
    if not isinstance(subject, dict) or "hasClaim" not in subject:
        return edc, []
    flat: list[Any] = []
    pairs: list[tuple[str, str]] = []

    def visit(claim: Any) -> None:
        flat.append(claim)
        if not isinstance(claim, dict) or not isinstance(claim.get("id"), str):
            return
        parts = _many(claim.get("hasPart"))
        lifted = [p for p in parts if isinstance(p, dict) and isinstance(p.get("id"), str)]
        if not lifted:
            return
        claim["hasPart"] = [{"id": p["id"]} if p in lifted else p for p in parts]
        for part in lifted:
            pairs.append((claim["id"], part["id"]))
            visit(part)

    for claim in _many(subject["hasClaim"]):
        visit(dict(claim) if isinstance(claim, dict) else claim)
    return {**edc, "credentialSubject": {**subject, "hasClaim": flat}}, pairs


def associations(record: LearnerRecord, pairs: list[tuple[str, str]]) -> list[Association]:
    """isParentOf links between the achievements of a claim and of its parts."""
    by_award = {a.id: a.achievement_id for a in record.awards if a.id}
    out: list[Association] = []
    for parent, child in pairs:
        src, dst = by_award.get(parent), by_award.get(child)
        if src and dst and src != dst:
            link = Association(type="isParentOf", source_id=src, target_id=dst)
            if link not in out:
                out.append(link)
    return out


def nest(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Written claims whose parts are named by id: each part put back in its parent."""
    by_id = {c["id"]: c for c in claims if isinstance(c.get("id"), str)}
    parts = {
        ref["id"]
        for c in claims
        for ref in _many(c.get("hasPart"))
        if isinstance(ref, dict) and set(ref) == {"id"} and ref["id"] in by_id
    }

    def build(claim: dict[str, Any], stack: frozenset[str]) -> dict[str, Any]:
        refs = _many(claim.get("hasPart"))
        if not refs:
            return claim
        out = []
        for ref in refs:
            rid = ref.get("id") if isinstance(ref, dict) and set(ref) == {"id"} else None
            if rid in by_id and rid not in stack:
                out.append(build(by_id[rid], stack | {rid}))
            else:
                out.append(ref)
        return {**claim, "hasPart": out}

    return [build(c, frozenset({c.get("id")})) for c in claims if c.get("id") not in parts]


def esco_alignments(ach: Achievement) -> Achievement:
    """The achievement with one alignment per ESCO skill its learning outcomes name."""
    have = {a.target_url for a in ach.alignments if a.target_url}
    extra: list[Alignment] = []
    for al in ach.alignments:
        if al.target_type != OUTCOME:
            continue
        for concept in _many(al.extensions.get("elm", {}).get("relatedESCOSkill")):
            url = concept.get("id") if isinstance(concept, dict) else concept
            if not isinstance(url, str) or url in have:
                continue
            have.add(url)
            label = concept.get("prefLabel") if isinstance(concept, dict) else None
            extra.append(
                Alignment(
                    target_url=url,
                    target_name=label if isinstance(label, dict) and label else None,
                    target_framework=ESCO,
                    target_type=ESCO_SKILL,
                )
            )
    if not extra:
        return ach
    return ach.model_copy(update={"alignments": [*ach.alignments, *extra]})


def outcomes_for_writing(ach: Achievement) -> Achievement:
    """Before an ELM write: skills already named by a learning outcome are dropped (the
    outcome writes them); other competency alignments become learning outcomes."""
    named = set()
    for al in ach.alignments:
        if al.target_type == OUTCOME:
            for c in _many(al.extensions.get("elm", {}).get("relatedESCOSkill")):
                named.add(c.get("id") if isinstance(c, dict) else c)
    out: list[Alignment] = []
    changed = False
    for al in ach.alignments:
        if al.target_type not in COMPETENCY:
            out.append(al)
            continue
        changed = True
        if al.target_url in named:
            continue
        concept: dict[str, Any] = {"id": al.target_url, "type": "Concept"}
        if al.target_name:
            concept["prefLabel"] = al.target_name
        key = (
            "relatedESCOSkill" if "data.europa.eu/esco" in (al.target_url or "") else "relatedSkill"
        )
        out.append(
            Alignment(
                target_name=al.target_name or {"und": al.target_code or al.target_url or "skill"},
                target_type=OUTCOME,
                extensions={"elm": {key: [concept]}} if al.target_url else {},
            )
        )
    return ach.model_copy(update={"alignments": out}) if changed else ach
