"""ELM syntax out: one European Digital Credential per record, in the EU's VC 1.1 form or
(``elm_vc2``) EBSI's VC 2.0 form. Values ELM requires and the record lacks are synthesized
by :mod:`.required` and reported."""

from __future__ import annotations

import re
from typing import Any

from ...errors import WriteError
from ...mapping.engine import WriteContext
from ...model import LearnerRecord
from ...report import LossReport
from ..base import Document, WriteOptions
from ..mapped import dumps, lookups, mapping_for, write_root
from ..skills import without_derived
from . import claims, required

FORMAT = "elm"
VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
EBSI_TYPE = "VerifiableAttestation"
_LANG3 = {eu: iso for iso, eu in required.EU_LANGUAGE.items()}


def primary_language(record: LearnerRecord) -> str | None:
    """The BCP 47 tag of the source EDC's primary display language, when it had one."""
    iri = record.extensions.get(FORMAT, {}).get("displayParameter/primaryLanguage")
    iri = iri.get("id") if isinstance(iri, dict) else iri
    if isinstance(iri, str):
        return _LANG3.get(iri.rsplit("/", 1)[-1].upper())
    return None


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    if not record.awards:
        raise WriteError(
            "the record holds no award; a European Digital Credential states at least one "
            f"claim ({len(record.achievements)} achievement definition(s) and no claim)"
        )
    record = without_derived(record)
    record = record.model_copy(
        update={"achievements": [claims.outcomes_for_writing(a) for a in record.achievements]}
    )
    record = required.prepare(record, report)
    language = opts.language or primary_language(record) or ("en" if opts.elm_vc2 else None)
    ctx = WriteContext(mapping, report, lookups(record), language)
    native = write_root(mapping, record, "", ctx)
    subject = native.get("credentialSubject")
    if isinstance(subject, dict) and isinstance(subject.get("hasClaim"), list):
        subject["hasClaim"] = claims.nest(subject["hasClaim"])
    native = required.complete(native, record, language or "und", report)
    native = vc2(native, report) if opts.elm_vc2 else vc11(native, report)
    if opts.validate and opts.elm_vc2:
        check_ebsi(native, report)
    name = _name(native.get("id"))
    return [Document(dumps(native), name, "application/ld+json")]


def vc11(doc: dict[str, Any], report: LossReport) -> dict[str, Any]:
    """The EU issuer's form: VC 1.1 context first, issuanceDate beside issued, no EBSI
    VerifiableAttestation type."""
    types = doc.get("type")
    if isinstance(types, list) and EBSI_TYPE in types:
        doc["type"] = [t for t in types if t != EBSI_TYPE]
        report.add(
            "dialect-upgraded",
            "EBSI's VerifiableAttestation type dropped: the EU's VC 1.1 form (--elm-vc2 keeps it)",
            canonical_path="envelope",
            target_format=FORMAT,
        )
    if "issued" in doc:
        doc["issuanceDate"] = doc["issued"]
    return _ordered(doc)


def vc2(doc: dict[str, Any], report: LossReport) -> dict[str, Any]:
    """EBSI's form: the VC 2.0 context and VerifiableAttestation in the types."""
    ctx = [VC2 if c == VC1 else c for c in doc.get("@context", [])]
    doc["@context"] = ctx
    types = list(doc.get("type") or [])
    if EBSI_TYPE not in types:
        types.insert(1, EBSI_TYPE)
    doc["type"] = types
    if "issued" in doc:
        doc["issuanceDate"] = doc["issued"]
    report.add(
        "dialect-upgraded",
        "written in EBSI's VC 2.0 form (VerifiableAttestation); JSON-LD processors reject "
        "the VC 2.0 + edc-ap context pair (protected term), as they do EBSI's own examples",
        canonical_path="envelope",
        target_format=FORMAT,
    )
    return _ordered(doc)


_FIRST = ("@context", "id", "type")


def _ordered(doc: Any) -> Any:
    """Keys in one fixed order at every level (@context, id, type, then by name), so that
    writing an EDC lerbridge wrote gives the same bytes."""
    if isinstance(doc, list):
        return [_ordered(v) for v in doc]
    if not isinstance(doc, dict):
        return doc
    first = [k for k in _FIRST if k in doc]
    return {k: _ordered(doc[k]) for k in [*first, *sorted(k for k in doc if k not in _FIRST)]}


def check_ebsi(doc: dict[str, Any], report: LossReport) -> None:
    """The EBSI EDC schema on the VC 2.0 form. Content the source carried that the schema
    refuses (its known defects: a geographicName language map, several dcTypes...) is
    reported, not rewritten: see docs/elm.md."""
    from .validate import ebsi_issues

    for issue in ebsi_issues(doc):
        report.add(
            "target-schema-violation",
            f"EBSI EDC schema: {issue.message[:300]}",
            canonical_path="envelope",
            target_format=FORMAT,
            value=issue.pointer or "/",
        )


def _name(ident: Any) -> str:
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", str(ident or "")).strip("-.")[-40:]
    return f"{tail or 'credential'}.jsonld"
