"""Open Badges 3.0 syntax out: one VC 2.0 OpenBadgeCredential per award, each checked
against the official achievementcredential schema before it is returned."""

from __future__ import annotations

import re
from typing import Any

from ... import specs
from ...errors import WriteError
from ...mapping.engine import WriteContext, write_object
from ...model import LearnerRecord
from ...report import LossReport
from ..awards import with_achievement, with_recipient
from ..base import Document, WriteOptions
from ..mapped import dumps, lookups, mapping_for, report_unwritten, write_root
from ..proofs import apply_policy, digest_of
from ..vccheck import report_subject_gaps

FORMAT = "ob3"
SCHEMA = "ob3/achievementcredential"
ENDORSEMENT_SCHEMA = "ob3/endorsementcredential"
RECORD_FIELDS = (
    "associations",
    "employment",
    "education",
    "skills",
    "publisher",
    "person",
    "organizations",
    "frameworks",
    "narratives",
    "attachments",
    "envelope",
)


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
        award = with_recipient(award, record, cpath, FORMAT, report)
        award = with_achievement(award, lookup, cpath, FORMAT, report)
        ctx = WriteContext(mapping, report, lookup, opts.language)
        native = write_root(mapping, award, cpath, ctx)
        if award.credential is not None and award.credential.proofs:
            digest = digest_of(award, lookup["achievements"].get(award.achievement_id or ""))
            apply_policy(award.credential, native, digest, opts, cpath, FORMAT, report)
        if opts.validate:
            check(native, cpath)
        report_subject_gaps(native, cpath, FORMAT, report)
        if award.achievement_id:
            used.add(award.achievement_id)
        docs.append(Document(dumps(native), _name(i, native.get("id")), "application/vc+ld+json"))
    for j, end in enumerate(record.endorsements):
        cpath = f"endorsements[{j}]"
        ctx = WriteContext(mapping, report, lookup, opts.language)
        native = write_object(mapping.objects["Endorsement"], end, cpath, ctx)
        if opts.validate:
            check(native, cpath, ENDORSEMENT_SCHEMA)
        docs.append(
            Document(dumps(native), _name(len(docs), native.get("id")), "application/vc+ld+json")
        )
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


def _name(i: int, ident: Any) -> str:
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", str(ident or "")).strip("-.")[-40:]
    return f"{i + 1:04d}-{tail or 'credential'}.json"
