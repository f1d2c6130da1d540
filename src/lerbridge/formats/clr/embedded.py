"""A CLR that a résumé embeds comes back out as it went in. When a record read from an
LER-RS résumé holds exactly one embedded CLR 2.0 credential and every award of the record
was read from it, the CLR writer returns that credential as the résumé held it (proof
intact) instead of building a new one, and reports only what the résumé adds around it."""

from __future__ import annotations

from typing import Any

from ...model import LearnerRecord, Verification
from ...report import LossReport

FORMAT = "clr"


def _verifications(record: LearnerRecord) -> list[Verification]:
    out: list[Verification] = []
    for group in (record.education, record.employment, record.skills, record.awards):
        for item in group:
            out.extend(getattr(item, "verifications", []) or [])
    return out


def embedded_clr(record: LearnerRecord) -> dict[str, Any] | None:
    """The one CLR the résumé embeds, when the record's awards are all its own."""
    if record.provenance is None or record.provenance.format != "lerrs":
        return None
    clrs = [
        v
        for v in _verifications(record)
        if v.kind == "credential" and v.credential_format == FORMAT and v.credential is not None
    ]
    payloads = {id(v.credential.payload): v for v in clrs if v.credential is not None}
    if len(payloads) != 1:
        return None
    ver = next(iter(payloads.values()))
    own = set(ver.award_ids)
    if not own or any(a.id not in own for a in record.awards):
        return None
    assert ver.credential is not None
    payload = ver.credential.payload
    return payload if isinstance(payload, dict) else None


def report_around(record: LearnerRecord, report: LossReport) -> None:
    """What the résumé adds around the embedded CLR, one entry per kind of item."""
    parts: dict[str, int] = {
        "employment": len(record.employment),
        "education": len(record.education),
        "skills": len([s for s in record.skills if not s.derived_from]),
        "narratives": len(record.narratives),
        "attachments": len(record.attachments),
    }
    for name, n in parts.items():
        if n:
            report.add(
                "no-target-field",
                f"the résumé's {name} ({n} item(s)) stays with the résumé: the CLR it "
                "embeds is returned as it was embedded",
                canonical_path=name,
                target_format=FORMAT,
            )
    person = record.person
    if person is not None and (person.name or person.emails or person.phones or person.addresses):
        report.add(
            "no-target-field",
            "the résumé's person (name, contacts) stays with the résumé: the CLR it embeds "
            "is returned as it was embedded",
            canonical_path="person",
            target_format=FORMAT,
        )
