"""CASE syntax in: parse, unwrap and clean the package, read it with the case mapping,
then give the record its structure: every item belongs to the package's framework, an
association's nodes are named by the canonical ids of the items and document they point
at (CASE identity is the ``identifier``; a node may carry another ``uri`` than the item,
section 2 of the note), and the ``isChildOf`` associations become ``parent_id``,
``children`` and the framework's ``top_children``, ordered by ``sequenceNumber`` (then
by array order: a missing number sorts after the numbered siblings)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ...errors import ReadError
from ...mapping.engine import ReadContext
from ...model import Association, CompetencyFramework, LearnerRecord, Provenance, Skill
from ...model.base import UND
from ...report import LossReport
from ..base import Input, ReadOptions
from ..mapped import mapping_for, read_root
from . import package
from .package import FORMAT

CHILD = "isChildOf"
CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    mapping = mapping_for(FORMAT, opts.mapping)
    doc = inp.json(report, opts.limits, FORMAT)
    pkg, base = package.unwrap(doc, inp.name)
    version = package.version_of(pkg)
    native = package.clean(pkg, base, report)
    ctx = ReadContext(mapping, report, opts.language)
    mark = len(report.entries)
    root = read_root(mapping, native, base, ctx)
    assert isinstance(root, LearnerRecord)
    _relocate(report, mark, base)
    if len(root.frameworks) != 1:
        raise ReadError("the package's CFDocument could not be read", location=base + "/CFDocument")
    record = structure(root, native, base, report, opts.language)
    fw = record.frameworks[0]
    return [
        record.model_copy(
            update={
                "provenance": Provenance(
                    format=FORMAT,
                    dialect=f"case-{version}",
                    source_ids=[fw.id],
                    mapping=mapping.source,
                )
            }
        )
    ]


def _relocate(report: LossReport, mark: int, base: str) -> None:
    if not base:
        return
    for i in range(mark, len(report.entries)):
        entry = report.entries[i]
        if entry.source_path is not None and not entry.source_path.startswith(base):
            report.entries[i] = replace(entry, source_path=base + entry.source_path)


def _ids(native: dict[str, Any], record: LearnerRecord) -> dict[str, str]:
    """CASE identifier (lower case) -> canonical id, for the document and every item."""
    out: dict[str, str] = {}
    doc = native.get("CFDocument") or {}
    if isinstance(doc.get("identifier"), str):
        out[doc["identifier"].lower()] = record.frameworks[0].id
    for item, skill in zip(native.get("CFItems") or [], record.skills, strict=False):
        if isinstance(item.get("identifier"), str) and skill.id:
            out.setdefault(item["identifier"].lower(), skill.id)
    return out


def _own_ctid(node: Any) -> Any:
    """An identifier that is not a CTID's UUID (version 4) stays a CASE extension:
    a CTDL writer then mints a CTID (reported) instead of writing a malformed one."""
    if node.ctid is None or CTID.match(node.ctid):
        return node
    ext = {
        **node.extensions,
        FORMAT: {**node.extensions.get(FORMAT, {}), "identifier": node.ctid[3:]},
    }
    return node.model_copy(update={"ctid": None, "extensions": ext})


def _rekey(text: Any, lang: str | None) -> Any:
    """Text read without a language takes the item's (or the document's) language."""
    if lang and isinstance(text, dict) and set(text) == {UND}:
        return {lang: text[UND]}
    return text


def structure(
    record: LearnerRecord,
    native: dict[str, Any],
    base: str,
    report: LossReport,
    language: str | None = None,
) -> LearnerRecord:
    fw = _own_ctid(record.frameworks[0])
    doc_lang = fw.languages[0] if fw.languages else None
    if doc_lang is None and language:
        doc_lang = language
        fw = fw.model_copy(update={"languages": [language]})
        report.add(
            "value-supplied",
            "the package states no language; the one asked for (--language) was used",
            source_path=f"{base}/CFDocument/language",
            source_format=FORMAT,
            value=language,
        )
    ids = _ids(native, record)
    links: list[Association] = []
    for i, (link, node) in enumerate(
        zip(record.associations, native.get("CFAssociations") or [], strict=False)
    ):
        update = {}
        for end, key in (("source_id", "originNodeURI"), ("target_id", "destinationNodeURI")):
            ident = (node.get(key) or {}).get("identifier")
            known = ids.get(ident.lower()) if isinstance(ident, str) else None
            if known and known != getattr(link, end):
                update[end] = known
                report.add(
                    "value-coerced",
                    f"{key} names a node of the package under another uri; read as that "
                    "node (CASE identity is the identifier)",
                    source_path=f"{base}/CFAssociations/{i}/{key}/uri",
                    source_format=FORMAT,
                    value=getattr(link, end),
                )
        links.append(link.model_copy(update=update) if update else link)
    parents: dict[str, list[tuple[float, int, str]]] = {}
    for k, link in enumerate(links):
        if link.type == CHILD:
            seq = float(link.sequence) if link.sequence is not None else float("inf")
            parents.setdefault(link.target_id, []).append((seq, k, link.source_id))
    order = {t: [c for _, _, c in sorted(v)] for t, v in parents.items()}
    parent_of: dict[str, str] = {}
    for target, kids in order.items():
        for kid in kids:
            parent_of.setdefault(kid, target)
    skills: list[Skill] = []
    for skill in record.skills:
        lang = skill.languages[0] if skill.languages else doc_lang
        parent = parent_of.get(skill.id or "")
        update: dict[str, Any] = {
            "framework": fw.id,
            "text": _rekey(skill.text, lang),
            "name": _rekey(skill.name, lang),
            "children": [c for c in order.get(skill.id or "", []) if c != skill.id],
        }
        if parent is not None and parent != fw.id:
            update["parent_id"] = parent
        skills.append(_own_ctid(skill.model_copy(update=update)))
    framework: CompetencyFramework = fw.model_copy(
        update={
            "name": _rekey(fw.name, doc_lang),
            "description": _rekey(fw.description, doc_lang),
            "top_children": order.get(fw.id, []),
        }
    )
    return record.model_copy(
        update={"frameworks": [framework], "skills": skills, "associations": links}
    )
