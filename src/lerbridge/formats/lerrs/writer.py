"""HR Open LER-RS syntax out: one résumé per record, checked against the official 4.5
schema set (offline), bare or wrapped as a VC.

Type URL policy: the résumé keeps the type URL of its source (4.4 or 4.5); a résumé from
another format gets the 4.5 URL, which every official 4.5 sample uses.
``WriteOptions.lerrs_type_url`` forces one. The 4.5 package's ``LER-RSType.json`` still
lists only the 4.4 URL, so output with the 4.5 URL is validated with that one enum
widened to both URLs; everything else is checked as published.
"""

from __future__ import annotations

from typing import Any

from ...errors import WriteError
from ...mapping.engine import WriteContext, write_object
from ...model import Envelope, LearnerRecord
from ...report import LossReport
from ..base import Document, WriteOptions
from ..mapped import dumps, lookups, mapping_for, write_root
from ..skills import derive_skills
from .embed import Embedder
from .native import FORMAT, TYPE_URLS, source_digest
from .sections import Plan, plan

ORDER = ("educationAndLearnings", "employmentHistories", "certifications", "licenses", "skills")


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    record = derive_skills(record)
    ctx = WriteContext(mapping, report, lookups(record), opts.language)
    p = plan(record, mapping, report)
    body = write_root(mapping, _root_view(record, p, opts), "", ctx)
    version = _version(record, opts)
    body = {"type": TYPE_URLS[version], **body}
    _single_document_id(body, report)
    emb = Embedder(record, mapping, ctx, opts, report, p.listed, p.in_skills)
    sections = _sections(record, p, emb)
    if p.embed_clr is None:
        _report_unawarded(record, report)
    for name in ORDER:
        if sections.get(name):
            body[name] = sections[name]
    if "attachments" in body:
        body["attachments"] = body.pop("attachments")
    _check(body, version)
    if _wrapped(record, opts):
        doc = _wrap(record, body, opts, ctx, report)
    else:
        doc = body
        if p.embed_clr is None:
            _report_envelope(record.envelope, report)
    return [Document(dumps(doc), _name(record), "application/json")]


def _sections(record: LearnerRecord, p: Plan, emb: Embedder) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {name: [] for name in ORDER}
    for i, edu in enumerate(p.education):
        extra = []
        if p.embed_clr == i:
            extra.append(emb.clr())
        else:
            extra += [emb.award(d.award_id, "educationAndLearnings") for d in edu.degrees]
        out["educationAndLearnings"].append(
            emb.item("EducationAttendance", edu, f"education[{i}]", "educationAndLearnings", extra)
        )
    for i, job in enumerate(record.employment):
        out["employmentHistories"].append(
            emb.item("EmployerHistory", job, f"employment[{i}]", "employmentHistories", [])
        )
    for section, obj in (("certifications", "Certification"), ("licenses", "License")):
        for i, award in getattr(p, section):
            extra = [emb.award(award.id, section, award)]
            out[section].append(emb.item(obj, award, f"awards[{i}]", section, extra))
    for i, skill in enumerate(p.skills):
        extra = emb.skill_evidence(skill)
        out["skills"].append(emb.item("Skill", skill, f"skills[{i}]", "skills", extra))
    return {k: [x for x in v if x is not None] for k, v in out.items()}


def _single_document_id(body: dict[str, Any], report: LossReport) -> None:
    """The record's first identifier is the résumé's documentId, the others are its
    alternateIds."""
    ids = body.get("documentId")
    if isinstance(ids, list):
        body["documentId"] = ids[0]
        if len(ids) > 1:
            body["alternateIds"] = [*ids[1:], *body.get("alternateIds", [])]


def _root_view(record: LearnerRecord, p: Plan, opts: WriteOptions) -> LearnerRecord:
    """What the résumé's own fields are written from. A CLR embedded whole carries its
    publisher, associations and learner id; a wrapper carries the learner id."""
    update: dict[str, Any] = {}
    person = record.person
    if person is not None and p.embed_clr is not None:
        update["person"] = person.model_copy(update={"id": None, "identifiers": []})
    elif person is not None and person.id and _wrapped(record, opts):
        update["person"] = person.model_copy(update={"id": None})
    if p.embed_clr is not None:
        ext = {k: v for k, v in record.extensions.items() if k == FORMAT}
        update.update(publisher=None, associations=[], extensions=ext)
    return record.model_copy(update=update) if update else record


def _report_unawarded(record: LearnerRecord, report: LossReport) -> None:
    awarded = {a.achievement_id for a in record.awards}
    for ach in record.achievements:
        if ach.id not in awarded:
            report.add(
                "no-target-field",
                "an achievement without an award has no place in a résumé",
                canonical_path=f"achievements[id={ach.id}]",
                target_format=FORMAT,
                value=ach.id,
            )


def _report_envelope(env: Envelope | None, report: LossReport) -> None:
    """A bare résumé has no place for the wrapping document's own facts (its id, issuer,
    dates, proofs): each is reported (``--lerrs-vc`` keeps those a VC wrapper holds)."""
    if env is None:
        return
    for name in type(env).model_fields:
        value = getattr(env, name)
        if name in ("identifiers", "extensions") or value in (None, [], {}, False):
            continue
        report.add(
            "no-target-field",
            f"a bare LER-RS résumé has no place for the source document's {name}",
            canonical_path=f"envelope.{name}",
            target_format=FORMAT,
            value=value if isinstance(value, str) else None,
        )
    for ns, items in env.extensions.items():
        if items:
            report.add(
                "no-target-field",
                f"a bare LER-RS résumé has no place for the source document's {ns} fields "
                f"({', '.join(sorted(items))})",
                canonical_path=f"envelope.extensions.{ns}",
                target_format=FORMAT,
            )


def _version(record: LearnerRecord, opts: WriteOptions) -> str:
    if opts.lerrs_type_url:
        if opts.lerrs_type_url not in TYPE_URLS:
            raise WriteError(
                f"unknown LER-RS type URL version {opts.lerrs_type_url!r} (use 4.4 or 4.5)"
            )
        return opts.lerrs_type_url
    prov = record.provenance
    if prov is not None and prov.format == FORMAT and (prov.dialect or "").startswith("4.4"):
        return "4.4"
    return "4.5"


def _wrapped(record: LearnerRecord, opts: WriteOptions) -> bool:
    if opts.lerrs_vc is not None:
        return opts.lerrs_vc
    prov = record.provenance
    return (
        prov is not None
        and prov.format == FORMAT
        and "/" in (prov.dialect or "")
        and not (prov.dialect or "").endswith("/bare")
    )


def _wrap(
    record: LearnerRecord,
    body: dict[str, Any],
    opts: WriteOptions,
    ctx: WriteContext,
    report: LossReport,
) -> dict[str, Any]:
    """The résumé as the credentialSubject of a VC (the official samples' form, résumé
    fields directly in credentialSubject, unless the source used ``lerrsType``)."""
    env = record.envelope or Envelope()
    if env.issuer is None or env.valid_from is None:
        raise WriteError(
            "wrapping the résumé as a VC needs an issuer and an issuance date (the LER-RS VC "
            "wrapper is VC 1.1); the record has none: write it bare (--lerrs-bare) or set "
            "envelope.issuer and envelope.valid_from"
        )
    doc = write_object(ctx.mapping.objects["ResumeCredential"], env, "envelope", ctx)
    subject: dict[str, Any] = {}
    if record.person is not None and record.person.id:
        subject["id"] = record.person.id
    prov = record.provenance
    if prov is not None and (prov.dialect or "").endswith("/lerrsType"):
        subject["lerrsType"] = body
    else:
        subject.update(body)
    proof = doc.pop("proof", None)
    status = doc.pop("credentialStatus", None)
    doc["credentialSubject"] = subject
    if status is not None:
        doc["credentialStatus"] = status
    if proof is not None:
        facts = env.credential
        if facts is not None and facts.digest == source_digest(doc) and opts.keep_proofs:
            doc["proof"] = proof
        else:
            report.add(
                "proof-invalidated",
                "the résumé VC's proof no longer matches what is written; dropped"
                if opts.keep_proofs
                else "proofs dropped (keep_proofs is off)",
                canonical_path="envelope.credential.proofs",
                target_format=FORMAT,
            )
    from ...specs.hropen_json import VC_WRAPPER_ROOT, validate_lerrs

    _raise_issues(validate_lerrs(doc, VC_WRAPPER_ROOT), "the LER-RS VC wrapper schema")
    return doc


def _check(body: dict[str, Any], version: str) -> None:
    from ...specs.hropen_json import is_valid_lerrs, validate_lerrs

    if is_valid_lerrs(body, accept_45_type=version == "4.5"):
        return
    _raise_issues(validate_lerrs(body, accept_45_type=version == "4.5"), "the LER-RS schema")


def _raise_issues(issues: list[Any], what: str) -> None:
    if not issues:
        return
    lines = "; ".join(f"{i.pointer or '/'}: {i.message}" for i in issues[:10])
    raise WriteError(f"output fails {what} ({len(issues)} issue(s)): {lines}")


def _name(record: LearnerRecord) -> str:
    name = record.person.name if record.person else None
    parts = [name.formatted] if name and name.formatted else []
    if name and not parts:
        parts = [p for p in (name.given, name.family) if p]
    who = " ".join(parts) or "resume"
    tail = "".join(c if c.isalnum() else "-" for c in who).strip("-")[:40]
    return f"{tail or 'resume'}.lerrs.json"
