"""Open Badges 2.0 syntax out: one Assertion per award with its BadgeClass and Issuer
embedded; a record with achievements, endorsements or issuers but no award gives those
as BadgeClass / Endorsement / Issuer documents. Every document is checked with
``check.py``; what fails is a ``target-schema-violation`` error in the report (lerbridge
never invents an issuer's e-mail address; ``--fail-on error`` refuses such output)."""

from __future__ import annotations

import re
from typing import Any

from ...errors import WriteError
from ...mapping.engine import WriteContext, write_object
from ...model import Award, Identifier, LearnerRecord, Recipient
from ...report import LossReport
from ..awards import with_achievement, with_recipient
from ..base import Document, WriteOptions
from ..mapped import dumps, lookups, mapping_for, report_unwritten, write_root
from .check import check
from .nodes import FORMAT, V2

RECORD_FIELDS = (
    "associations",
    "employment",
    "education",
    "skills",
    "publisher",
    "person",
    "frameworks",
    "narratives",
    "attachments",
    "envelope",
)
_SCHEMES = {
    "email": "email",
    "emailAddress": "email",
    "url": "url",
    "telephone": "telephone",
    "ext:telephone": "telephone",
    "id": "id",
}
MEDIA = "application/ld+json"


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    lookup = lookups(record)
    used: set[str] = set()
    docs: list[Document] = []
    for i, award in enumerate(record.awards):
        cpath = f"awards[{i}]"
        award = with_recipient(award, record, cpath, FORMAT, report)
        award = with_achievement(award, lookup, cpath, FORMAT, report)
        award = _issuer_on_badge(award, lookup, cpath, report)
        award = _one_recipient(award, cpath, report)
        ctx = WriteContext(mapping, report, lookup, opts.language)
        native = write_root(mapping, award, cpath, ctx)
        if isinstance(native.get("recipient"), list) and len(native["recipient"]) == 1:
            native["recipient"] = native["recipient"][0]  # one IdentityObject, chosen above
        _verification(native, award, cpath, report)
        _nested_endorsements(native, cpath, report)
        _report_did(native.get("badge"), cpath, report)
        if award.achievement_id:
            used.add(award.achievement_id)
        docs.append(_doc(native, i, cpath, opts, report))
    extra: list[tuple[str, Any]] = []
    if not record.awards:
        extra += [(f"achievements[{k}]", a) for k, a in enumerate(record.achievements)]
        used |= {a.id for a in record.achievements}
        extra += [(f"organizations[{k}]", o) for k, o in enumerate(record.organizations)]
    extra += [(f"endorsements[{k}]", e) for k, e in enumerate(record.endorsements)]
    for cpath, obj in extra:
        name = {"ach": "BadgeClass", "org": "Profile", "end": "Endorsement"}[cpath[:3]]
        ctx = WriteContext(mapping, report, lookup, opts.language)
        native = {"@context": V2, **write_object(mapping.objects[name], obj, cpath, ctx)}
        if name == "Endorsement":
            _verification(native, None, cpath, report)
        docs.append(_doc(native, len(docs), cpath, opts, report))
    if not docs:
        raise WriteError(
            "the record holds nothing an Open Badges 2.0 document states: no award, "
            "achievement, issuer or endorsement"
        )
    fields = RECORD_FIELDS if not record.awards else (*RECORD_FIELDS, "organizations")
    report_unwritten(record, FORMAT, report, used, fields)
    return docs


def _doc(
    native: dict[str, Any], i: int, cpath: str, opts: WriteOptions, report: LossReport
) -> Document:
    if opts.validate:
        for issue in check(native):
            report.add(
                "target-schema-violation",
                f"OB 2.0: {issue.message}",
                canonical_path=f"{cpath}{issue.pointer}",
                target_format=FORMAT,
            )
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", str(native.get("id") or "")).strip("-.")[-40:]
    return Document(dumps(native), f"{i + 1:04d}-{tail or 'badge'}.json", MEDIA)


def _issuer_on_badge(
    award: Award, lookup: dict[str, dict[str, Any]], cpath: str, report: LossReport
) -> Award:
    """OB 2.0 names the issuer on the BadgeClass. An achievement with no creator takes
    the award's issuer; an award issuer that differs from the creator has no place."""
    ach = lookup["achievements"].get(award.achievement_id or "")
    if ach is None or award.issuer is None:
        return award
    if ach.creator is None:
        lookup["achievements"][ach.id] = ach.model_copy(update={"creator": award.issuer})
    elif ach.creator.id != award.issuer.id:
        report.add(
            "no-target-field",
            f"the award's issuer {award.issuer.id} differs from the badge's creator "
            f"{ach.creator.id}; OB 2.0 names one issuer, on the BadgeClass",
            canonical_path=f"{cpath}.issuer",
            target_format=FORMAT,
            value=award.issuer.id,
        )
    return award


def _one_recipient(award: Award, cpath: str, report: LossReport) -> Award:
    """OB 2.0 has one IdentityObject of type email, url or telephone: the first e-mail
    identity is chosen; other identities and a subject id it cannot hold are reported."""
    rcpt = award.recipient or Recipient()
    usable = [x for x in rcpt.identifiers if x.scheme in _SCHEMES]
    usable.sort(key=lambda x: _SCHEMES[x.scheme or ""] != "email")
    chosen: Identifier | None = None
    if usable:
        first = usable[0]
        chosen = first.model_copy(update={"scheme": _SCHEMES[first.scheme or ""]})
    elif rcpt.id:
        kind = "url" if re.match(r"^https?://", rcpt.id) else "id"
        chosen = Identifier(value=rcpt.id, scheme=kind)
        report.add(
            "value-coerced",
            f"the recipient's id is written as an IdentityObject of type {kind!r}",
            canonical_path=f"{cpath}.recipient.id",
            target_format=FORMAT,
            value=rcpt.id,
        )
    for k, x in enumerate(rcpt.identifiers):
        if chosen is None or x.value != chosen.value or x.scheme not in _SCHEMES:
            report.add(
                "no-target-field",
                f"recipient identity of type {x.scheme!r}: OB 2.0 holds one identity "
                "(email, url or telephone)",
                canonical_path=f"{cpath}.recipient.identifiers[{k}]",
                target_format=FORMAT,
                value=None if x.hashed else x.value,
            )
    if rcpt.id and chosen is not None and chosen.value != rcpt.id:
        report.add(
            "no-target-field",
            "the recipient's id (OB 3.0 credentialSubject.id) has no place beside the identity",
            canonical_path=f"{cpath}.recipient.id",
            target_format=FORMAT,
            value=rcpt.id,
        )
    new = Recipient(identifiers=[chosen] if chosen else [], extensions=rcpt.extensions)
    if rcpt.name:
        report.add(
            "no-target-field",
            "OB 2.0 has no recipient name",
            canonical_path=f"{cpath}.recipient.name",
            target_format=FORMAT,
        )
    return award.model_copy(update={"recipient": new})


def _verification(
    native: dict[str, Any], award: Award | None, cpath: str, report: LossReport
) -> None:
    facts = award.credential if award is not None else None
    if facts is not None and facts.proofs:
        kinds = ", ".join(sorted({p.type or "proof" for p in facts.proofs}))
        report.add(
            "proof-invalidated",
            f"the source's signature ({kinds}) does not cover an OB 2.0 JSON assertion; "
            "not re-signed (sign the output to make it a signed badge)",
            canonical_path=f"{cpath}.credential.proofs",
            target_format=FORMAT,
        )
    if "verification" in native:
        return
    native["verification"] = {"type": "hosted"}
    report.add(
        "value-synthesized",
        "OB 2.0 requires verification; written as hosted (the id must then be the URL "
        "where the document is served)",
        canonical_path=f"{cpath}.verification",
        target_format=FORMAT,
        value="hosted",
    )


def _nested_endorsements(node: Any, cpath: str, report: LossReport) -> None:
    """Endorsements inside the assertion, its BadgeClass and Issuer need a verification."""
    if not isinstance(node, dict):
        return
    ends = node.get("endorsement")
    for k, end in enumerate(ends if isinstance(ends, list) else [ends]):
        if isinstance(end, dict):
            _verification(end, None, f"{cpath}.endorsements[{k}]", report)
    for key in ("badge", "issuer"):
        _nested_endorsements(node.get(key), f"{cpath}.{key}", report)


def _report_did(badge: Any, cpath: str, report: LossReport) -> None:
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    ident = issuer.get("id") if isinstance(issuer, dict) else issuer
    if isinstance(ident, str) and not re.match(r"^https?://", ident, re.IGNORECASE):
        kind = "a DID" if ident.startswith("did:") else "not an HTTP(S) URL"
        report.add(
            "target-schema-violation",
            f"issuer id {ident} is {kind}; OB 2.0 issuers are HTTP(S)-hosted profiles and "
            "many platforms cannot resolve another kind",
            severity="warning",
            canonical_path=f"{cpath}.issuer.id",
            target_format=FORMAT,
            value=ident,
        )
