"""HR Open LER-RS syntax in: a bare résumé (``LER-RSType``, 4.4 or 4.5 type URL) or one
wrapped as a VC (``VerifiableCredentialLER-RSType``), with the résumé directly in
``credentialSubject`` (as the official samples) or under ``credentialSubject.lerrsType``
(as the wrapper schema declares)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ...errors import ReadError
from ...mapping.engine import ReadContext, merge_models, read_object
from ...model import (
    Award,
    CredentialFacts,
    Degree,
    EducationAttendance,
    Envelope,
    LearnerRecord,
    Person,
    Provenance,
    Skill,
)
from ...report import LossReport
from ..base import Input, ReadOptions
from ..mapped import mapping_for, read_root
from ..resume import section_types, with_achievements
from ..skills import derive_skills
from .native import FORMAT, Split, source_digest, split, version_of
from .verifications import Found, as_embedded, read_verifications


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    mapping = mapping_for(FORMAT, opts.mapping)
    doc = inp.json(report, opts.limits, FORMAT)
    parts = split(doc, inp.name)
    _report_violations(parts, report)
    ctx = ReadContext(mapping, report, opts.language)
    items: dict[str, dict[str, str]] = mapping.options.get("resume", {}).get("items", {})
    root = {k: v for k, v in parts.body.items() if k not in items and k != "type"}
    if version_of(parts.body.get("type")) is None:
        report.add(
            "source-schema-violation",
            "the résumé's type is not an LER-RS type URL; read as LER-RS 4.5",
            source_path=parts.prefix + "/type",
            source_format=FORMAT,
            value=parts.body.get("type"),
        )
    record = read_root(mapping, root, parts.prefix, ctx)
    assert isinstance(record, LearnerRecord)
    collected = _Collected()
    for section, conf in items.items():
        _read_section(section, conf, parts, ctx, inp, opts, collected)
    kinds = section_types(mapping)
    awards, achievements = with_achievements(
        record.model_copy(update={"achievements": collected.achievements}),
        [(a, kinds.get(s, "Certification"), w) for a, s, w in collected.items],
        FORMAT,
        report,
    )
    update: dict[str, Any] = {
        "employment": collected.lists.get("employment", []),
        "education": collected.lists.get("education", []),
        "skills": _resolve_skill_refs(collected.lists.get("skills", []), awards, collected),
        "awards": awards + collected.carried,
        "achievements": achievements,
        "associations": collected.associations,
        "provenance": Provenance(
            format=FORMAT,
            dialect=parts.dialect,
            signed=bool(parts.wrapper and parts.wrapper.get("proof")),
            mapping=mapping.name,
        ),
    }
    if parts.wrapper is not None:
        update.update(_wrapper(parts, record, mapping, ctx))
    return [derive_skills(record.model_copy(update=update))]


class _Collected:
    def __init__(self) -> None:
        self.lists: dict[str, list[Any]] = {}
        self.items: list[tuple[Award, str, str]] = []
        """(award, section, source path) of certification and license items."""
        self.carried: list[Award] = []
        """Awards read from embedded credentials that are not résumé items themselves."""
        self.achievements: list[Any] = []
        self.associations: list[Any] = []
        self.publishers: list[Any] = []

    def take(self, found: Found) -> None:
        self.achievements.extend(found.achievements)
        self.associations.extend(found.associations)


def _read_section(
    section: str,
    conf: dict[str, str],
    parts: Split,
    ctx: ReadContext,
    inp: Input,
    opts: ReadOptions,
    out: _Collected,
) -> None:
    values = parts.body.get(section)
    if values is None:
        return
    where = f"{parts.prefix}/{section}"
    if not isinstance(values, list):
        ctx.report.add(
            "source-schema-violation",
            f"{section} is not a list; ignored",
            source_path=where,
            source_format=FORMAT,
            value=values,
        )
        return
    spec = ctx.mapping.objects[conf["object"]]
    prov_key = ctx.mapping.options["resume"].get("provisional", {}).get(section)
    bucket = out.lists.setdefault(conf["canonical"], [])
    for i, item in enumerate(values):
        at = f"{where}/{i}"
        if not isinstance(item, dict):
            ctx.report.add(
                "source-schema-violation",
                f"an item of {section} is not an object; ignored",
                source_path=at,
                source_format=FORMAT,
                value=item,
            )
            continue
        plain = {k: v for k, v in item.items() if k != "verifications"}
        found = Found()
        if "verifications" in item:
            found = read_verifications(
                item["verifications"], f"{at}/verifications", prov_key, ctx, inp, opts
            )
        out.take(found)
        only = not plain and "verifications" in item
        content, content_at = plain, at
        if only and found.provisional:
            content, content_at = found.provisional[0]
        obj: BaseModel | None = None
        if content or not only:
            try:
                obj = read_object(spec, content, content_at, ctx)
            except ReadError as exc:
                ctx.report.add(
                    "source-schema-violation",
                    f"an item of {section} cannot be read ({exc.message}); its fields are left out",
                    severity="error",
                    source_path=content_at,
                    source_format=FORMAT,
                    value=content,
                )
                if not found.verifications:
                    continue
        if conf["canonical"] == "awards":
            out.items.append((_award_item(obj, only, found), section, at))
            out.carried.extend(found.awards[1:])
            continue
        out.carried.extend(found.awards)
        bucket.append(_item(obj, conf["canonical"], only, found))


def _award_item(obj: BaseModel | None, only: bool, found: Found) -> Award:
    """A certification or license that carries a credential is the credential's award:
    the credential, as embedded, becomes the award's ``credential.original`` (so every
    other format sees an award with its credential facts, not a résumé verification),
    and the item's own fields, a summary for readers of plain LER-RS, fill only what the
    credential leaves empty. Without a credential the item itself is read as an award."""
    if not found.awards:
        award = obj if isinstance(obj, Award) else Award()
        return award.model_copy(
            update={"verifications": found.verifications, "verified_only": only}
        )
    award = found.awards[0]
    if isinstance(obj, Award):
        ach = {a.id: a for a in found.achievements}.get(award.achievement_id or "")
        shown = {"name": ach.name, "description": ach.description} if ach else {}
        summary = obj.model_copy(update={k: None for k, v in shown.items() if getattr(obj, k) == v})
        merged, _ = merge_models(award, summary)
        assert isinstance(merged, Award)
        award = merged
    own = next(v for v in found.verifications if award.id in v.award_ids or not award.id)
    others = [v for v in found.verifications if v is not own]
    facts = (award.credential or CredentialFacts()).model_copy(
        update={"original": as_embedded(own)}
    )
    return award.model_copy(
        update={"credential": facts, "verifications": others, "verified_only": only}
    )


def _item(obj: BaseModel | None, canonical: str, only: bool, found: Found) -> BaseModel:
    """An employment, education or skill item, with what vouches for it."""
    update: dict[str, Any] = {"verifications": found.verifications, "verified_only": only}
    if canonical == "education":
        edu = obj if isinstance(obj, EducationAttendance) else EducationAttendance()
        if obj is None:
            update.update(_education_from(found))
        return edu.model_copy(update=update)
    if canonical == "skills":
        skill = obj if isinstance(obj, Skill) else Skill()
        ids = [a.id for a in found.awards if a.id]
        update["evidenced_by"] = list(dict.fromkeys([*skill.evidenced_by, *ids]))
        if obj is None and found.awards:
            ach = {a.id: a for a in found.achievements}.get(found.awards[0].achievement_id or "")
            if ach is not None:
                update.update(name=ach.name, description=ach.description)
        return skill.model_copy(update=update)
    assert obj is None or hasattr(obj, "verifications")
    base = obj if obj is not None else _empty_of(canonical)
    return base.model_copy(update=update)


def _empty_of(canonical: str) -> BaseModel:
    from ...model import Employment

    return Employment()


def _education_from(found: Found) -> dict[str, Any]:
    """An education item given only as a CLR or a degree badge: the school is the
    credential's issuer; each degree names the award it was read from."""
    if found.records:
        rec = found.records[0]
        return {"institution": rec.publisher}
    if found.awards:
        award = found.awards[0]
        ach = {a.id: a for a in found.achievements}.get(award.achievement_id or "")
        degree = Degree(
            name=ach.name if ach else award.name,
            date=award.awarded_date or award.valid_from,
            award_id=award.id,
        )
        return {"institution": award.issuer, "degrees": [degree]}
    return {}


def _resolve_skill_refs(skills: list[Skill], awards: list[Award], out: _Collected) -> list[Skill]:
    """A skill's reference verification that names an award of the résumé links to it."""
    ids = {a.id for a in [*awards, *out.carried] if a.id}
    result = []
    for skill in skills:
        refs = [v.reference for v in skill.verifications if v.kind == "reference"]
        linked = [r for r in refs if r in ids and r not in skill.evidenced_by]
        if linked:
            skill = skill.model_copy(update={"evidenced_by": [*skill.evidenced_by, *linked]})
        result.append(skill)
    return result


def _wrapper(parts: Split, record: LearnerRecord, mapping: Any, ctx: ReadContext) -> dict[str, Any]:
    """The VC around the résumé (its envelope), and the person's id from
    ``credentialSubject.id``."""
    assert parts.wrapper is not None
    native = {k: v for k, v in parts.wrapper.items() if k != "credentialSubject"}
    env = read_object(mapping.objects["ResumeCredential"], native, "", ctx)
    assert isinstance(env, Envelope)
    facts = (env.credential or CredentialFacts()).model_copy(
        update={"digest": source_digest(parts.wrapper)}
    )
    ids = record.envelope.identifiers if record.envelope else []
    update: dict[str, Any] = {
        "envelope": env.model_copy(update={"credential": facts, "identifiers": ids})
    }
    subject = parts.wrapper.get("credentialSubject")
    if isinstance(subject, dict) and isinstance(subject.get("id"), str):
        person = record.person or Person()
        update["person"] = person.model_copy(update={"id": subject["id"]})
    return update


def _report_violations(parts: Split, report: LossReport) -> None:
    """Read leniently, say where. The fast validator decides first, so a valid résumé
    costs one jsonschema-rs check; jsonschema-rs also words the errors of an invalid one."""
    from ...specs.hropen_json import VC_WRAPPER_ROOT, is_valid_lerrs, violations_lerrs

    if not is_valid_lerrs(parts.body, accept_45_type=True):
        for pointer, message in violations_lerrs(parts.body, accept_45_type=True):
            report.add(
                "source-schema-violation",
                f"LER-RS schema: {message}",
                source_path=parts.prefix + (pointer or ""),
                source_format=FORMAT,
            )
    wrapper = parts.wrapper
    if wrapper is not None and not is_valid_lerrs(wrapper, VC_WRAPPER_ROOT):
        for pointer, message in violations_lerrs(wrapper, VC_WRAPPER_ROOT):
            if pointer.startswith(parts.prefix) and parts.form == "lerrsType":
                continue  # the résumé itself, reported above
            report.add(
                "source-schema-violation",
                f"LER-RS VC wrapper schema: {message}",
                source_path=pointer or "/",
                source_format=FORMAT,
            )
