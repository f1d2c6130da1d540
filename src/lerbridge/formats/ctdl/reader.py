"""CTDL / CTDL-ASN syntax in: parse (UTF-8 BOM tolerated), unwrap the envelope, the
W3C credential or the ``@graph``, then read the grouped nodes with the ctdl mapping."""

from __future__ import annotations

from dataclasses import replace

from ...errors import ReadError
from ...mapping.engine import ReadContext, read_object
from ...model import Achievement, Alignment, Award, LearnerRecord, Provenance
from ...report import LossReport
from ..base import Input, ReadOptions
from ..mapped import mapping_for, read_root
from . import native
from .native import FORMAT


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    mapping = mapping_for(FORMAT, opts.mapping)
    doc = inp.json(report, opts.limits, FORMAT)
    if not native.looks_like_ctdl(doc):
        raise ReadError(
            "not a CTDL document (no CTDL @context, no @graph of ceterms/ceasn nodes, no "
            "Registry envelope)",
            source=inp.name,
            location="/",
        )
    unwrapped = native.unwrap(doc, report)
    ctx = ReadContext(mapping, report, opts.language)
    awards: list[Award] = []
    if unwrapped.vc is not None:
        # the person's award wraps the CTDL description: read both, the award with the
        # mapping's VcCredential object (CTDL itself has no award)
        award = read_object(mapping.objects["VcCredential"], unwrapped.vc, "", ctx)
        assert isinstance(award, Award)
        awards.append(award)
        linked = list(ctx.linked.get("achievements", {}).values())
        record = LearnerRecord(achievements=linked)
    else:
        grouped, where = native.group(unwrapped.nodes)
        mark = len(report.entries)
        root = read_root(mapping, grouped, "", ctx)
        assert isinstance(root, LearnerRecord)
        record = root
        _relocate(report, mark, where)
    achievements = [_self_alignment(a) for a in record.achievements]
    ids = [a.id for a in achievements] + [p.id or "" for p in record.organizations]
    ids += [f.id for f in record.frameworks]
    record = record.model_copy(
        update={
            "achievements": achievements,
            "awards": awards,
            "provenance": Provenance(
                format=FORMAT,
                dialect=unwrapped.dialect,
                source_ids=[i for i in ids if i],
                mapping=mapping.source,
            ),
        }
    )
    return [record]


def _relocate(report: LossReport, mark: int, where: dict[str, str]) -> None:
    """Source paths of the grouped tree (``/ceterms:Credential/0/...``) back to the
    positions in the document."""
    for i in range(mark, len(report.entries)):
        entry = report.entries[i]
        path = entry.source_path
        if not path:
            continue
        parts = path.split("/")
        head = "/".join(parts[:3])
        if head in where:
            report.entries[i] = replace(entry, source_path=where[head] + path[len(head) :])


CTDL_FRAMEWORK = "Credential Transparency Description Language"
REGISTRY = "https://credentialengineregistry.org/resources/"


def _self_alignment(ach: Achievement) -> Achievement:
    """The 1EdTech recommended practice: an achievement that is a CTDL credential carries
    an alignment to it (targetType ceterms:Credential, targetCode = its CTID), so OB 3.0
    and CLR 2.0 keep the link. The CTDL writer recognizes it and does not report it."""
    if not ach.ctid or any(al.target_code == ach.ctid for al in ach.alignments):
        return ach
    al = Alignment(
        target_type="ceterms:Credential",
        target_code=ach.ctid,
        target_framework=CTDL_FRAMEWORK,
        target_url=REGISTRY + ach.ctid,
        target_name=ach.name,
    )
    return ach.model_copy(update={"alignments": [*ach.alignments, al]})
