"""CLR 2.0 syntax in: a ClrCredential (VC 2.0, or a pre-final VC 1.1 draft), a VC-JWT, or
a GetClrCredentialsResponse (credential[] and compactJwsString[]). CLR 1.0 documents are
read through their own mapping and upgraded."""

from __future__ import annotations

from typing import Any

from ...errors import ReadError
from ...mapping.compiler import Mapping
from ...mapping.engine import ReadContext, read_object
from ...model import Award, CredentialFacts, LearnerRecord, Proof, Provenance
from ...report import LossReport
from ..base import Input, ReadOptions
from ..mapped import mapping_for
from ..proofs import digest_of, faithful, sealed
from ..skills import derive_skills
from ..vc import decode_jwt, dialect, looks_like_jws, report_schema_violations, types_of
from ..vccheck import subject_issues
from . import nested_jws, wrapped
from .links import resolve_associations

FORMAT = "clr"
SCHEMA = "clr/clrcredential"
NESTED_SCHEMA = "clr/achievementcredential"
CLR1 = "Clr"


def is_clr(doc: Any) -> bool:
    t = types_of(doc)
    return "ClrCredential" in t or CLR1 in t


def is_response(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and "type" not in doc
        and ("credential" in doc or "compactJwsString" in doc)
        and set(doc) <= {"credential", "compactJwsString"}
    )


def load_native(
    inp: Input, opts: ReadOptions, report: LossReport
) -> list[tuple[Any, str | None, str]]:
    """(document, JWS or None, JSON Pointer of the document in the input) for each CLR."""
    if looks_like_jws(inp.data):
        _h, cred, jws = decode_jwt(inp.data, inp.name, report, FORMAT, opts.limits)
        return [(cred, jws, "")]
    doc = inp.json(report, opts.limits, FORMAT)
    if is_response(doc):
        out: list[tuple[Any, str | None, str]] = []
        for i, cred in enumerate(doc.get("credential") or []):
            out.append((cred, None, f"/credential/{i}"))
        for i, token in enumerate(doc.get("compactJwsString") or []):
            if not isinstance(token, str):
                raise ReadError(
                    "compactJwsString items must be strings",
                    source=inp.name,
                    location=f"/compactJwsString/{i}",
                )
            _h, cred, jws = decode_jwt(
                token.encode("ascii", "replace"),
                f"{inp.name}#/compactJwsString/{i}",
                report,
                FORMAT,
                opts.limits,
            )
            out.append((cred, jws, f"/compactJwsString/{i}"))
        return out
    if isinstance(doc, list):
        return [(d, None, f"/{i}") for i, d in enumerate(doc)]
    return [(doc, None, "")]


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    items = load_native(inp, opts, report)
    if not items:
        raise ReadError("the response holds no CLR", source=inp.name)
    records = []
    for doc, jws, where in items:
        doc, wrapper = wrapped.unwrap(doc, is_clr)
        if wrapper is not None:
            rec = _read_one(doc, jws, where + "/credentialSubject", opts, report, inp.name)
            records.append(wrapped.attach(rec, wrapper, where, report))
            continue
        records.append(_read_one(doc, jws, where, opts, report, inp.name))
    return [derive_skills(r) for r in records]


def _read_one(
    doc: Any, jws: str | None, where: str, opts: ReadOptions, report: LossReport, name: str
) -> LearnerRecord:
    if not isinstance(doc, dict) or not is_clr(doc):
        found = types_of(doc) if isinstance(doc, dict) else type(doc).__name__
        raise ReadError(
            f"not a Comprehensive Learner Record (type is {found!r}; expected ClrCredential)",
            source=name,
            location=where or "/type",
        )
    if CLR1 in types_of(doc) and "ClrCredential" not in types_of(doc):
        from .clr1 import read_clr1

        return read_clr1(doc, where, opts, report, jws=jws)
    doc, tokens = nested_jws.expand(doc, where, name, opts, report)
    return nested_jws.attach(_read_clr2(doc, jws, where, opts, report), tokens)


def _violations(doc: dict[str, Any], where: str, report: LossReport) -> str:
    kind = dialect(doc)
    report_schema_violations(doc, SCHEMA, report, where, FORMAT)
    _subject_violations(doc, where, report)
    _nested_violations(doc, where, report)
    ctx = doc.get("@context")
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    if kind == "vc1.1" or any(isinstance(c, str) and "dc.imsglobal.org/draft" in c for c in ctxs):
        kind = "vc1.1-draft" if kind == "vc1.1" else "draft"
        report.add(
            "dialect-upgraded",
            "pre-final CLR 2.0 (VC 1.1 envelope or draft context) read; written as CLR 2.0 final",
            source_path=where or "/",
            source_format=FORMAT,
        )
    return kind


def _nested_violations(doc: dict[str, Any], where: str, report: LossReport) -> None:
    """Each nested credential is checked against the CLR bundle's own AchievementCredential
    schema (the JSON-LD-compaction-tolerant one CLR documents are written to; the strict OB
    3.0 schema would flag the official test vector's single-value types); a violation the
    CLR schema already reported at the same place is not repeated."""
    subj = doc.get("credentialSubject")
    nested = subj.get("verifiableCredential") if isinstance(subj, dict) else None
    seen = {e.source_path for e in report.by_code("source-schema-violation")}
    for i, cred in enumerate(nested if isinstance(nested, list) else [nested]):
        if not isinstance(cred, dict):
            continue
        at = f"{where}/credentialSubject/verifiableCredential" + (
            f"/{i}" if isinstance(nested, list) else ""
        )
        report_schema_violations(cred, NESTED_SCHEMA, report, at, FORMAT, seen)
        _subject_violations(cred, at, report)


def _subject_violations(doc: dict[str, Any], where: str, report: LossReport) -> None:
    """A subject with neither id nor identifier (the check ``validate`` makes too)."""
    for problem in subject_issues(doc, where):
        report.add(
            "source-schema-violation",
            problem.message,
            source_path=problem.pointer,
            source_format=FORMAT,
        )


def _read_clr2(
    doc: dict[str, Any], jws: str | None, where: str, opts: ReadOptions, report: LossReport
) -> LearnerRecord:
    mapping = mapping_for(FORMAT, opts.mapping)
    kind = _violations(doc, where, report)
    ctx = ReadContext(mapping, report, opts.language)
    root = mapping.objects[mapping.root_object]
    rec = read_object(root, doc, where, ctx)
    assert isinstance(rec, LearnerRecord)
    rec = rec.model_copy(update={"achievements": list(ctx.linked.get("achievements", {}).values())})
    rec = resolve_associations(
        rec, report, lambda i, end: f"{where}/credentialSubject/association/{i}/{end}", FORMAT
    )
    rec = _seal_nested(rec, doc, mapping, ctx)
    env = rec.envelope
    if env is not None:
        facts = env.credential or CredentialFacts()
        if jws is not None:
            facts = facts.model_copy(
                update={"jwt": True, "proofs": [*facts.proofs, Proof(type="VC-JWT", jws=jws)]}
            )
        elif facts.proofs and faithful(root, rec, doc, ctx):
            facts = sealed(facts, digest_of(rec)) or facts
        rec = rec.model_copy(update={"envelope": env.model_copy(update={"credential": facts})})
    signed = (
        bool(env and env.credential and env.credential.proofs)
        or jws is not None
        or any(a.credential and a.credential.proofs for a in rec.awards)
    )
    return rec.model_copy(
        update={
            "provenance": Provenance(
                format=FORMAT,
                dialect=kind + ("+jwt" if jws else ""),
                source_ids=[x for x in [env.id if env else None] if x],
                signed=signed,
                mapping=mapping.source,
            )
        }
    )


def _seal_nested(
    rec: LearnerRecord, doc: dict[str, Any], mapping: Mapping, ctx: ReadContext
) -> LearnerRecord:
    """Nested credentials keep their own proofs when lerbridge writes them back exactly."""
    subj = doc.get("credentialSubject")
    nested = subj.get("verifiableCredential") if isinstance(subj, dict) else None
    nested = nested if isinstance(nested, list) else [nested]
    if len(nested) != len(rec.awards):
        return rec
    spec = mapping.objects["Credential"]
    lookup = ctx.linked.get("achievements", {})
    awards: list[Award] = []
    changed = False
    for award, src in zip(rec.awards, nested, strict=True):
        facts = award.credential
        if facts and facts.proofs and isinstance(src, dict) and faithful(spec, award, src, ctx):
            digest = digest_of(award, lookup.get(award.achievement_id or ""))
            award = award.model_copy(update={"credential": sealed(facts, digest)})
            changed = True
        awards.append(award)
    return rec.model_copy(update={"awards": awards}) if changed else rec
