"""ELM syntax in: one European Digital Credential (any envelope, see :mod:`.envelope`) ->
one learner record, through mappings/elm.yaml."""

from __future__ import annotations

from typing import Any

from ...mapping.engine import ReadContext, read_object
from ...model import Achievement, Award, LearnerRecord, Provenance
from ...report import LossReport
from ..base import Input, ReadOptions
from ..mapped import mapping_for
from ..skills import derive_skills
from . import claims, envelope, graph

FORMAT = "elm"


def dialect(doc: dict[str, Any]) -> str:
    ctx = doc.get("@context")
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    if "https://www.w3.org/ns/credentials/v2" in ctxs:
        return "vc2"
    return "vc1.1" if ctxs != [None] else "no-context"


def load(inp: Input, opts: ReadOptions, report: LossReport) -> tuple[dict[str, Any], list[str]]:
    """The EDC, normalised, and how it was wrapped."""
    doc, wrappers = envelope.load(inp, opts.limits, report)
    return graph.normalise(doc, report), wrappers


def _stated(record: LearnerRecord) -> list[Award]:
    """Each claim with the EDC's issuer and validity: the EDC states all of them."""
    env = record.envelope
    facts = {
        "issuer": record.publisher,
        "valid_from": env.valid_from if env else None,
        "valid_until": env.valid_until if env else None,
    }
    out = []
    for award in record.awards:
        update = {k: v for k, v in facts.items() if v is not None and getattr(award, k) is None}
        out.append(award.model_copy(update=update) if update else award)
    return out


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    mapping = mapping_for(FORMAT, opts.mapping)
    doc, wrappers = load(inp, opts, report)
    kind = dialect(doc)
    if kind == "vc2":
        report.add(
            "dialect-upgraded",
            "EBSI VC 2.0 envelope read; written in the EU's VC 1.1 form unless --elm-vc2",
            source_path="/@context",
            source_format=FORMAT,
        )
    flat, pairs = claims.flatten(doc)
    ctx = ReadContext(mapping, report, opts.language)
    record = read_object(mapping.objects[mapping.root_object], flat, "", ctx)
    assert isinstance(record, LearnerRecord)
    achievements = [
        claims.esco_alignments(a)
        for a in ctx.linked.get("achievements", {}).values()
        if isinstance(a, Achievement)
    ]
    record = record.model_copy(update={"achievements": achievements, "awards": _stated(record)})
    record = record.model_copy(
        update={
            "associations": claims.associations(record, pairs),
            "provenance": Provenance(
                format=FORMAT,
                dialect="+".join([kind, *wrappers]),
                source_ids=[x for x in [record.envelope and record.envelope.id] if x],
                signed="jades" in wrappers or "sd-jwt" in wrappers,
                mapping=mapping.source,
            ),
        }
    )
    return [derive_skills(record)]
