"""CLR 2.0 syntax out: one ClrCredential per record, checked against the official
clrcredential schema; each nested credential is also a valid OB 3.0 credential."""

from __future__ import annotations

from typing import Any

from ...errors import WriteError
from ...mapping.engine import WriteContext
from ...model import Envelope, LearnerRecord, Person
from ...report import LossReport
from ..awards import with_achievement, with_recipient
from ..base import Document, WriteOptions
from ..mapped import dumps, lookups, mapping_for, write_root
from ..ob3.writer import check
from ..proofs import apply_policy, digest_of
from ..skills import without_derived
from ..vccheck import report_subject_gaps
from .embedded import embedded_clr, report_around
from .nested_jws import kept_jws

FORMAT = "clr"
SCHEMA = "clr/clrcredential"
MEDIA = "application/vc+ld+json"


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    as_embedded = embedded_clr(record)
    if as_embedded is not None:  # the résumé's own CLR, returned as it went in
        report_around(record, report)
        return [Document(dumps(as_embedded), _name(as_embedded.get("id")), MEDIA)]
    record = without_derived(record)  # the nested credentials hold them (alignments)
    if not record.awards:
        raise WriteError(
            "the record holds no award; a CLR 2.0 needs at least one nested credential "
            f"({len(record.achievements)} achievement definition(s) without an award)"
        )
    lookup = lookups(record)
    rec = _prepare(record, lookup, report)
    ctx = WriteContext(mapping, report, lookup, opts.language)
    native = write_root(mapping, rec, "", ctx)
    nested = native.get("credentialSubject", {}).get("verifiableCredential", [])
    as_jws: dict[int, str] = {}
    for i, (award, cred) in enumerate(zip(rec.awards, nested, strict=False)):
        facts = award.credential
        if facts is not None and (facts.proofs or facts.jwt):  # else no digest is compared
            ach = lookup["achievements"].get(award.achievement_id or "")
            digest = digest_of(award, ach)
            token = kept_jws(award, digest, opts.keep_proofs)
            if token is not None:
                as_jws[i] = token  # unchanged since read from this JWS: embedded as it was
            else:
                apply_policy(facts, cred, digest, opts, f"awards[{i}]", FORMAT, report)
        if opts.validate:
            check(cred, f"awards[{i}]")
        report_subject_gaps(cred, f"awards[{i}]", FORMAT, report)
    env = rec.envelope
    if env is not None and env.credential is not None and env.credential.proofs:
        apply_policy(env.credential, native, digest_of(rec), opts, "envelope", FORMAT, report)
    if opts.validate:
        check(native, "record", SCHEMA)
    report_subject_gaps(native, "person", FORMAT, report)
    for i, token in as_jws.items():
        nested[i] = token
    return [Document(dumps(native), _name(native.get("id")), MEDIA)]


def _prepare(
    record: LearnerRecord, lookup: dict[str, dict[str, Any]], report: LossReport
) -> LearnerRecord:
    """Fill what CLR requires from what the record has, reporting each filled value."""
    awards = []
    for i, award in enumerate(record.awards):
        award = with_recipient(award, record, f"awards[{i}]", FORMAT, report)
        awards.append(with_achievement(award, lookup, f"awards[{i}]", FORMAT, report))
    update: dict[str, Any] = {"awards": awards}
    env = record.envelope or Envelope()
    linked = {a.achievement_id for a in awards}
    loose = [a.id for a in record.achievements if a.id not in linked]
    missing = [i for i in loose if i not in env.achievement_ids]
    env_update: dict[str, Any] = {}
    if missing:
        env_update["achievement_ids"] = [*env.achievement_ids, *missing]
    if env.valid_from is None and env.awarded_date is None:
        dates = sorted(a.valid_from for a in awards if a.valid_from)
        if dates:
            env_update["valid_from"] = dates[-1]
            report.add(
                "value-synthesized",
                "CLR validFrom taken from the latest nested credential's validFrom",
                canonical_path="envelope.valid_from",
                target_format=FORMAT,
                value=dates[-1],
            )
    if env_update or record.envelope is None:
        update["envelope"] = env.model_copy(update=env_update)
    if record.publisher is None:
        issuer = next((a.issuer for a in awards if a.issuer is not None), None)
        if issuer is not None:
            update["publisher"] = issuer
            report.add(
                "value-synthesized",
                "CLR issuer taken from the first nested credential's issuer",
                canonical_path="publisher",
                target_format=FORMAT,
                value=issuer.id,
            )
    if record.person is None:
        rec = next((a.recipient for a in awards if a.recipient is not None), None)
        if rec is not None:
            update["person"] = Person(id=rec.id, identifiers=rec.identifiers)
            report.add(
                "value-synthesized",
                "ClrSubject taken from the first nested credential's subject",
                canonical_path="person",
                target_format=FORMAT,
                value=rec.id,
            )
    return record.model_copy(update=update)


def _name(ident: Any) -> str:
    import re

    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", str(ident or "")).strip("-.")[-40:]
    return f"{tail or 'clr'}.json"
