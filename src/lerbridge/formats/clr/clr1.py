"""CLR 1.0 (type "Clr"), read and upgraded to the canonical model.

What each CLR 1.0 field means lives in ``mappings/clr1.yaml``; this module runs it. Around
the engine, Python does only what is syntax or structure across objects, each in its own
module: associations moved from achievements to the record (``clr1_associations``), JWS
``signedAssertions`` (``clr1_signed``), the CLR's trust fields the upgrade cannot carry
(``clr1_verification``), and below, two facts of an assertion that live elsewhere. The
record is then written as CLR 2.0 by ``mappings/clr.yaml``.
"""

from __future__ import annotations

from typing import Any

from ...errors import ReadError
from ...mapping.compiler import Mapping, load_mapping
from ...mapping.engine import ReadContext, read_object
from ...model import Achievement, Award, CredentialFacts, LearnerRecord, Proof, Provenance
from ...report import LossReport
from ..base import ReadOptions
from .clr1_associations import detach_all, hoist, resolve
from .clr1_jsonld import MAPPING, without_null_items
from .clr1_signed import read_signed_assertions
from .clr1_verification import ENVELOPE_FIELDS, report_envelope, report_revoked_assertions

FORMAT = "clr"
DIALECT = "clr1.0"


def read_clr1(
    doc: dict[str, Any],
    where: str,
    opts: ReadOptions,
    report: LossReport,
    jws: str | None = None,
) -> LearnerRecord:
    """Read one CLR 1.0 document. ``jws`` is the compact JWS when the document arrived
    signed (CLR 1.0 "Signed" verification); it is never verified."""
    if not isinstance(doc, dict):  # pragma: no cover - the caller checked the type
        raise ReadError("a CLR 1.0 document must be a JSON object", location=where or "/")
    mapping = _mapping(opts)
    native, assocs = detach_all(without_null_items(doc), where)
    envelope = {k: native.pop(k) for k in ENVELOPE_FIELDS if k in native}

    ctx = ReadContext(mapping, report, opts.language)
    rec = read_object(mapping.objects[mapping.root_object], native, where, ctx)
    assert isinstance(rec, LearnerRecord)
    awards = read_signed_assertions(
        list(rec.awards), envelope.get("signedAssertions"), where, opts, mapping, ctx, assocs
    )
    achievements = list(ctx.linked.get("achievements", {}).values())
    _award_facts(awards, achievements)
    rec = rec.model_copy(
        update={
            "achievements": achievements,
            "awards": awards,
            "associations": hoist(assocs, mapping, ctx),
        }
    )
    rec = resolve(rec, assocs, report)
    report_envelope(envelope, jws, where, report)
    report_revoked_assertions(native, where, report)
    report.add(
        "dialect-upgraded",
        "CLR 1.0 (type Clr) read; written as a CLR 2.0 ClrCredential (its assertions become "
        "nested AchievementCredentials, its publisher the issuer)",
        source_path=where or "/",
        source_format=MAPPING,
    )
    return _provenance(_signed_envelope(rec, jws), awards, jws, mapping)


def _mapping(opts: ReadOptions) -> Mapping:
    """The shipped clr1 mapping, or the user's when it extends clr1 (a user mapping for
    CLR 2.0, namespace clr, does not apply to a CLR 1.0 document)."""
    if opts.mapping:
        user = load_mapping(opts.mapping)
        if user.namespace == MAPPING:
            return user
    return load_mapping(MAPPING)


def _award_facts(awards: list[Award], achievements: list[Achievement]) -> None:
    """Two facts of an assertion that clr1.yaml cannot place:

    - issuer: a CLR 1.0 assertion has none of its own; its achievement's ``issuer`` is "the
      individual or organization that issues assertions of this achievement". That value
      belongs to another object (read once, as ``Achievement.creator``); a second rule
      reading ``achievement/issuer`` into ``Award.issuer`` would read the same Profile
      twice and report its unmapped fields twice.
    - recipient id: an identity of type ``id``, unhashed, "is the id of the recipient's
      profile", so it is the credential subject's id, not one of its identifiers. Where
      the value goes depends on the values of its siblings (type, hashed), and a mapping
      rule has no condition on a native value."""
    by_id = {a.id: a for a in achievements}
    for award in awards:
        ach = by_id.get(award.achievement_id or "")
        if award.issuer is None and ach is not None and ach.creator is not None:
            award.issuer = ach.creator
        rcpt = award.recipient
        if rcpt is None or rcpt.id is not None:
            continue
        for ident in rcpt.identifiers:
            if ident.scheme == "id" and not ident.hashed and not ident.salt:
                rcpt.id = ident.value
                rcpt.identifiers = [x for x in rcpt.identifiers if x is not ident]
                break


def _signed_envelope(rec: LearnerRecord, jws: str | None) -> LearnerRecord:
    """A CLR 1.0 that arrived as a JWS keeps it as a proof fact of the envelope."""
    env = rec.envelope
    if jws is None or env is None:
        return rec
    facts = (env.credential or CredentialFacts()).model_copy(
        update={"jwt": True, "proofs": [Proof(type="JWS", jws=jws)]}
    )
    return rec.model_copy(update={"envelope": env.model_copy(update={"credential": facts})})


def _provenance(
    rec: LearnerRecord, awards: list[Award], jws: str | None, mapping: Mapping
) -> LearnerRecord:
    env = rec.envelope
    signed = jws is not None or any(a.credential and a.credential.proofs for a in awards)
    return rec.model_copy(
        update={
            "provenance": Provenance(
                format=FORMAT,
                dialect=DIALECT + ("+jwt" if jws else ""),
                source_ids=[x for x in [env.id if env else None] if x],
                signed=signed,
                mapping=mapping.source,
            )
        }
    )
