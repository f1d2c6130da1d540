"""Open Badges 3.0 syntax out: one VC 2.0 OpenBadgeCredential per award, each checked
against the official achievementcredential schema before it is returned."""

from __future__ import annotations

import re
from typing import Any

from ... import specs
from ...errors import WriteError
from ...mapping.engine import WriteContext, mint_id, write_object
from ...model import Achievement, Award, Identifier, LearnerRecord, Recipient
from ...report import LossReport
from ..base import Document, WriteOptions
from ..mapped import award_digest, dumps, lookups, mapping_for, report_unwritten, write_root

FORMAT = "ob3"
SCHEMA = "ob3/achievementcredential"
ENDORSEMENT_SCHEMA = "ob3/endorsementcredential"
RECORD_FIELDS = ("associations", "employment", "education", "skills", "publisher", "person")


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    if not record.awards and not record.endorsements:
        raise WriteError(
            "the record holds no award; an Open Badges 3.0 credential states one award "
            f"({len(record.achievements)} achievement definition(s) and no recipient)"
        )
    lookup = lookups(record)
    used: set[str] = set()
    docs = []
    for i, award in enumerate(record.awards):
        cpath = f"awards[{i}]"
        award = _with_recipient(award, record, cpath, report)
        award = _with_achievement(award, lookup, cpath, report)
        ctx = WriteContext(mapping, report, lookup, opts.language)
        native = write_root(mapping, award, cpath, ctx)
        _proof_policy(award, native, lookup["achievements"], opts, cpath, report)
        if opts.validate:
            check(native, cpath)
        if award.achievement_id:
            used.add(award.achievement_id)
        docs.append(Document(dumps(native), _name(i, native.get("id")), "application/vc+ld+json"))
    for j, end in enumerate(record.endorsements):
        cpath = f"endorsements[{j}]"
        ctx = WriteContext(mapping, report, lookup, opts.language)
        native = write_object(mapping.objects["Endorsement"], end, cpath, ctx)
        if opts.validate:
            check(native, cpath, ENDORSEMENT_SCHEMA)
        docs.append(Document(dumps(native), _name(len(docs), native.get("id")),
                             "application/vc+ld+json"))
    report_unwritten(record, FORMAT, report, used, RECORD_FIELDS)
    return docs


def check(native: dict[str, Any], where: str, schema: str = SCHEMA) -> None:
    if specs.is_valid(native, schema):
        return
    issues = specs.validate(native, schema)
    lines = "; ".join(f"{i.pointer or '/'}: {i.message}" for i in issues[:10])
    raise WriteError(
        f"output fails the official {schema} schema ({len(issues)} issue(s)): {lines}",
        location=where,
    )


def _with_recipient(award: Award, record: LearnerRecord, cpath: str, report: LossReport) -> Award:
    """An award from a source that names the learner only at record level (LER-RS, CLR,
    CSV) takes the record's person as its credentialSubject."""
    if award.recipient is not None or record.person is None:
        return award
    p = record.person
    idents = list(p.identifiers) + [Identifier(value=e, scheme="emailAddress") for e in p.emails]
    if not p.id and not idents:
        return award
    report.add(
        "value-synthesized",
        "credentialSubject taken from the record's person",
        canonical_path=f"{cpath}.recipient",
        target_format=FORMAT,
    )
    rec = Recipient(id=p.id, identifiers=idents)
    return award.model_copy(update={"recipient": rec})


def _with_achievement(award: Award, lookup: dict[str, dict[str, Any]], cpath: str,
                      report: LossReport) -> Award:
    """OB 3.0 requires credentialSubject.achievement. An award that names none (a VC-JWT
    with only a credential name, a CSV row without a course) gets one made from the
    award's own name and description, minted and reported."""
    if award.achievement_id and award.achievement_id in lookup["achievements"]:
        return award
    name = award.name or {"und": "Achievement"}
    ach = Achievement(id="", name=name, description=award.description or name)
    ach = ach.model_copy(update={"id": mint_id("ob3:achievement", ach)})
    lookup["achievements"][ach.id] = ach
    report.add(
        "value-synthesized",
        "the award names no achievement; one was made from the award's name and description",
        canonical_path=f"{cpath}.achievement_id",
        target_format=FORMAT,
        value=ach.id,
    )
    return award.model_copy(update={"achievement_id": ach.id})


def _proof_policy(award: Award, native: dict[str, Any], achievements: dict[str, Any],
                  opts: WriteOptions, cpath: str, report: LossReport) -> None:
    facts = award.credential
    if facts is None or not facts.proofs:
        return
    keep = (
        opts.keep_proofs
        and not facts.jwt
        and facts.digest is not None
        and facts.digest == award_digest(award, achievements)
    )
    if keep:
        return
    native.pop("proof", None)
    why = (
        "the VC-JWT signature covers the JWT, not this JSON"
        if facts.jwt
        else "the credential was changed or re-serialized in another form"
        if opts.keep_proofs
        else "proofs dropped on request"
    )
    for j, proof in enumerate(facts.proofs):
        report.add(
            "proof-invalidated",
            f"{proof.type or 'proof'} dropped: {why}; the output must be re-signed",
            canonical_path=f"{cpath}.credential.proofs[{j}]",
            target_format=FORMAT,
            value=proof.verification_method or proof.cryptosuite,
        )


def _name(i: int, ident: Any) -> str:
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", str(ident or "")).strip("-.")[-40:]
    return f"{i + 1:04d}-{tail or 'credential'}.json"
