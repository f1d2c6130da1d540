"""HR-XML 2.5 Resume out: the hrxml mapping writes the native tree, the bundled schema
encodes it (in the schema's element order) and the result is validated; output that
fails the schema is an error, never a partial document."""

from __future__ import annotations

import re

from ...mapping.engine import WriteContext
from ...model import Award, LearnerRecord
from ...report import LossReport
from .. import resume
from ..base import Document, WriteOptions
from ..mapped import lookups, mapping_for, report_unwritten, write_root
from ..xsdtree import serialize
from . import tree as xml
from .tree import FORMAT

SECTIONS = ("certifications", "licenses")


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    lookup = lookups(record)
    kept: list[Award] = []
    for i, award in enumerate(record.awards):
        ach = lookup["achievements"].get(award.achievement_id or "")
        kind = getattr(ach, "achievement_type", None)
        if resume.section_of(mapping, kind) not in SECTIONS:
            report.add(
                "no-target-field",
                f"HR-XML has no section for an award of a {kind or 'untyped'} achievement",
                canonical_path=f"awards[{i}]",
                target_format=FORMAT,
                value=award.id or award.achievement_id,
            )
            continue
        update = {}
        if ach is not None and not award.name and ach.name:
            update["name"] = ach.name
        if ach is not None and not award.description and ach.description:
            update["description"] = ach.description
        kept.append(award.model_copy(update=update) if update else award)
    rec = record.model_copy(update={"awards": kept})
    mapped = LossReport()
    ctx = WriteContext(mapping, mapped, lookup, opts.language)
    native = write_root(mapping, rec, "", ctx)
    report.extend(mapped)
    used = {a.achievement_id for a in kept if a.achievement_id}
    report_unwritten(rec, FORMAT, report, used, ())
    elem = xml.encode(native, report)
    return [Document(serialize(elem), _name(record), "application/xml")]


def _name(record: LearnerRecord) -> str:
    ident = (
        record.envelope.identifiers[0].value
        if record.envelope and record.envelope.identifiers
        else ""
    )
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", ident).strip("-.")[-40:]
    return f"{tail or 'resume'}.xml"
