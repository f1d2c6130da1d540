"""HR-XML 2.5 Resume in: parse safely, decode with the bundled schema, read with the hrxml
mapping; certifications become awards of Certification achievements."""

from __future__ import annotations

from ...mapping.engine import ReadContext
from ...model import Award, LearnerRecord, Provenance
from ...report import LossReport
from ...xmlsafe import parse_xml
from .. import resume
from ..base import Input, ReadOptions
from ..mapped import mapping_for, read_root
from . import tree as xml
from .carried import extract
from .tree import FORMAT

CERTS = "/StructuredXMLResume/LicensesAndCertifications/LicenseOrCertification"


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    mapping = mapping_for(FORMAT, opts.mapping)
    doc = parse_xml(inp.data, inp.name, max_bytes=opts.max_bytes)
    carried = extract(doc, inp.name, report)
    doc = carried if carried is not None else doc
    native = xml.decode(doc, report)
    ctx = ReadContext(mapping, report, opts.language)
    record = read_root(mapping, native, "", ctx)
    assert isinstance(record, LearnerRecord)
    kind = resume.section_types(mapping).get("certifications", "Certification")
    items: list[tuple[Award, str, str]] = [
        (award, kind, f"{CERTS}/{i}") for i, award in enumerate(record.awards)
    ]
    awards, achievements = resume.with_achievements(record, items, FORMAT, report)
    ids = [i.value for i in record.envelope.identifiers] if record.envelope else []
    return [
        record.model_copy(
            update={
                "awards": awards,
                "achievements": achievements,
                "provenance": Provenance(format=FORMAT, source_ids=ids, mapping=mapping.source),
            }
        )
    ]
