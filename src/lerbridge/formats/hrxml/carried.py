"""HR-XML 2.5 documents that carry a Resume: a ``Candidate`` (CandidateRecordInfo,
CandidateSupplier, CandidateProfile..., Resume; SEP/Candidate.xsd) and any other root of
the HR-XML namespace that embeds one. The résumé is read; what surrounds it is reported,
element by element, as having no place in the record."""

from __future__ import annotations

import copy

from lxml import etree

from ...errors import ReadError
from ...report import LossReport
from ...specs.hropen_xml import HRXML_NS
from .tree import FORMAT, ROOT


def local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else str(tag)


def extract(doc: etree._ElementTree, source: str, report: LossReport) -> etree._ElementTree | None:
    """The Resume a wrapper carries, as a document of its own (None when the root is a
    Resume). Each element around it is one ``no-target-field`` entry."""
    root = doc.getroot()
    if root.tag == ROOT:
        return None
    ns = etree.QName(root.tag).namespace if isinstance(root.tag, str) else None
    found = next(root.iter(ROOT), None) if ns == HRXML_NS else None
    if found is None:
        raise ReadError(
            f"not an HR-XML 2.5 Resume: the root element is {root.tag!r}, not {ROOT!r}, "
            "and it carries no Resume",
            source=source,
            location=f"line {root.sourceline}" if root.sourceline else None,
        )
    chain = [found, *found.iterancestors()]
    for parent in reversed(chain[1:]):
        path = "/" + "/".join(local(a.tag) for a in reversed([parent, *parent.iterancestors()]))
        for child in parent:
            if not isinstance(child.tag, str) or child in chain:
                continue
            text = " ".join("".join(child.itertext()).split())
            report.add(
                "no-target-field",
                f"{local(child.tag)} of the {local(root.tag)} document around the Resume "
                "has no place in the record; dropped",
                source_path=f"{path}/{local(child.tag)}",
                source_format=FORMAT,
                value=text or None,
            )
    report.add(
        "dialect-upgraded",
        f"the Resume carried by an HR-XML {local(root.tag)} read as a Resume document",
        source_path="/" + "/".join(local(a.tag) for a in reversed(chain)),
        source_format=FORMAT,
    )
    resume = copy.deepcopy(found)
    return etree.ElementTree(resume)
