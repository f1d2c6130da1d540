"""PESC College Transcript in: parse with the hardened parser (UTF-8, or UTF-16 with a
BOM), decode leniently with the official XSDs, read with the pesc mapping."""

from __future__ import annotations

from ...errors import ReadError
from ...mapping.engine import ReadContext
from ...model import Award, LearnerRecord, Provenance
from ...report import LossReport
from ...xmlsafe import parse_xml
from ..base import Input, ReadOptions
from ..mapped import mapping_for, read_root
from . import tree as xml
from .tree import FORMAT, ROOT


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    mapping = mapping_for(FORMAT, opts.mapping)
    doc = parse_xml(inp.data, inp.name, max_bytes=opts.max_bytes)
    root = doc.getroot()
    where = f"line {root.sourceline}" if root.sourceline else None
    if root.tag != ROOT:
        raise ReadError(
            f"not a PESC College Transcript v1.6.0: the root element is {root.tag!r}, not {ROOT!r}",
            source=inp.name,
            location=where,
        )
    xml.unqualify(doc, report)
    if root.find("Student") is None:
        raise ReadError(
            "/CollegeTranscript: the required element Student is missing; there is no "
            "student to read",
            source=inp.name,
            location=where,
        )
    if root.find("TransmissionData") is None:
        report.add(
            "source-schema-violation",
            "the required element TransmissionData is missing: the transcript has no "
            "document id, creation date, source or destination",
            severity="error",
            source_path="/CollegeTranscript/TransmissionData",
            source_format=FORMAT,
        )
    native = xml.decode(doc, report)
    ctx = ReadContext(mapping, report, opts.language)
    record = read_root(mapping, native, "", ctx)
    assert isinstance(record, LearnerRecord)
    ids = [i.value for i in record.envelope.identifiers] if record.envelope else []
    return [
        record.model_copy(
            update={
                "awards": _issued(record, report),
                "achievements": list(ctx.linked.get("achievements", {}).values()),
                "provenance": Provenance(format=FORMAT, source_ids=ids, mapping=mapping.source),
            }
        )
    ]


def _issued(record: LearnerRecord, report: LossReport) -> list[Award]:
    """Every course, award and GPA on a transcript is vouched for by the institution that
    sent it, when the transcript was created: an award that names no school of its own
    gets the transmission's source as issuer, and one with no date the transmission's
    creation date as its ``valid_from`` (both reported)."""
    source = record.publisher
    created = record.envelope.valid_from if record.envelope else None
    out = []
    for i, award in enumerate(record.awards):
        update: dict[str, object] = {}
        if award.issuer is None and source is not None:
            update["issuer"] = source
        if award.valid_from is None and created is not None:
            update["valid_from"] = created
        if update:
            report.add(
                "value-synthesized",
                f"{' and '.join(sorted(update))} taken from the transcript's TransmissionData",
                canonical_path=f"awards[{i}]",
                source_format=FORMAT,
                value=created if "valid_from" in update else None,
            )
            award = award.model_copy(update=update)
        out.append(award)
    return out
