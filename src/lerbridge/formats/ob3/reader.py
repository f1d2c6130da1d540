"""Open Badges 3.0 syntax in: JSON (VC 2.0 or VC 1.1 envelope) or a compact VC-JWT."""

from __future__ import annotations

from typing import Any

from ...errors import ReadError
from ...mapping.engine import ReadContext, read_object
from ...model import Award, CredentialFacts, Endorsement, LearnerRecord, Proof, Provenance
from ...report import LossReport
from ..base import Input, ReadOptions
from ..mapped import mapping_for, read_root
from ..proofs import digest_of, faithful, sealed
from ..skills import derive_skills
from ..vc import (
    decode_jwt,
    dialect,
    looks_like_jws,
    report_schema_violations,
    types_of,
)
from ..vccheck import context_issues, subject_issues

FORMAT = "ob3"
OB3_TYPES = ("OpenBadgeCredential", "AchievementCredential")
ENDORSEMENT = "EndorsementCredential"
SCHEMA = {"vc2": "ob3/achievementcredential", "vc1.1": "ob3/achievementcredential@vc1.1"}
ENDORSEMENT_SCHEMA = {
    "vc2": "ob3/endorsementcredential",
    "vc1.1": "ob3/endorsementcredential@vc1.1",
}


def schema_for(doc: dict[str, Any]) -> str:
    """The official schema of this credential: an EndorsementCredential has its own."""
    table = ENDORSEMENT_SCHEMA if is_endorsement(doc) else SCHEMA
    return table.get(dialect(doc), table["vc2"])


def load_native(inp: Input, opts: ReadOptions, report: LossReport) -> tuple[Any, str | None]:
    """The credential JSON, and the JWS when the input was a VC-JWT."""
    if looks_like_jws(inp.data):
        _header, cred, jws = decode_jwt(inp.data, inp.name, report, FORMAT, opts.limits)
        return cred, jws
    return inp.json(report, opts.limits, FORMAT), None


def is_ob3(doc: Any) -> bool:
    return any(t in OB3_TYPES or t == ENDORSEMENT for t in types_of(doc))


def is_endorsement(doc: Any) -> bool:
    return ENDORSEMENT in types_of(doc) and not any(t in OB3_TYPES for t in types_of(doc))


def report_violations(doc: dict[str, Any], report: LossReport, prefix: str = "") -> str:
    kind = dialect(doc)
    found = context_issues(doc, FORMAT, prefix) + subject_issues(doc, prefix)
    for problem in found:
        if problem.severity == "error":  # unbundled contexts: the mapping reports them
            report.add(
                "source-schema-violation",
                problem.message,
                source_path=problem.pointer,
                source_format=FORMAT,
            )
    report_schema_violations(doc, schema_for(doc), report, prefix, FORMAT)
    if kind == "vc1.1":
        report.add(
            "dialect-upgraded",
            "VC 1.1 credential (issuanceDate/expirationDate) read; written as VC 2.0",
            source_path=prefix or "/",
            source_format=FORMAT,
        )
    return kind


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    mapping = mapping_for(FORMAT, opts.mapping)
    native, jws = load_native(inp, opts, report)
    docs = native if isinstance(native, list) else [native]
    ctx = ReadContext(mapping, report, opts.language)
    awards: list[Award] = []
    endorsements: list[Endorsement] = []
    dialects = set()
    for i, doc in enumerate(docs):
        where = f"/{i}" if isinstance(native, list) else ""
        if not isinstance(doc, dict) or not is_ob3(doc):
            found = types_of(doc) if isinstance(doc, dict) else type(doc).__name__
            raise ReadError(
                f"not an Open Badges 3.0 credential (type is {found!r}; expected "
                "OpenBadgeCredential, AchievementCredential or EndorsementCredential)",
                source=inp.name,
                location=where or "/type",
            )
        if is_endorsement(doc):
            dialects.add(dialect(doc))
            end = read_object(mapping.objects["Endorsement"], doc, where, ctx)
            assert isinstance(end, Endorsement)
            endorsements.append(end)
            continue
        dialects.add(report_violations(doc, report, where))
        award = read_root(mapping, doc, where, ctx)
        assert isinstance(award, Award)
        award = _seal(award, doc, jws, mapping, ctx)
        awards.append(award)
    signed = any(a.credential and (a.credential.proofs or a.credential.jwt) for a in awards) or any(
        isinstance(e.raw and e.raw.payload, dict) and "proof" in e.raw.payload
        for e in endorsements
        if e.raw
    )
    record = LearnerRecord(
        provenance=Provenance(
            format=FORMAT,
            dialect="+".join(sorted(dialects)) + ("+jwt" if jws else ""),
            source_ids=[x.id for x in [*awards, *endorsements] if x.id],
            signed=signed,
            mapping=mapping.source,
        ),
        achievements=list(ctx.linked.get("achievements", {}).values()),
        awards=awards,
        endorsements=endorsements,
    )
    return [derive_skills(record)]


def _seal(
    award: Award, doc: dict[str, Any], jws: str | None, mapping: Any, ctx: ReadContext
) -> Award:
    """Record the signature facts, and whether lerbridge can write the signed data back
    exactly (then the proof may be kept on an unchanged same-format round trip)."""
    facts = award.credential or CredentialFacts()
    if jws is not None:
        proofs = [*facts.proofs, Proof(type="VC-JWT", jws=jws)]
        facts = facts.model_copy(update={"jwt": True, "proofs": proofs})
        return award.model_copy(update={"credential": facts})
    if not facts.proofs or not faithful(mapping.objects[mapping.root_object], award, doc, ctx):
        return award
    ach = ctx.linked.get("achievements", {}).get(award.achievement_id or "")
    return award.model_copy(update={"credential": sealed(facts, digest_of(award, ach))})
