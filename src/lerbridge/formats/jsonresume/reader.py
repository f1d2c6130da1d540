"""JSON Resume syntax in: one resume.json (1.x, or 0.0.x with its legacy keys upgraded),
read leniently, every tidy-up and schema breach reported."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ...mapping.compiler import Mapping
from ...mapping.engine import ReadContext
from ...model import LearnerRecord, Provenance
from ...report import LossReport
from ..base import Input, ReadOptions
from ..mapped import mapping_for, read_root
from ..resume import section_types, with_achievements
from ..skills import derive_skills
from .native import FORMAT, SCHEMA, Tidy, uri_issues

#: flat section -> (the object that maps the organization part, the key the rest goes under)
NESTED = {
    "work": ("Work", "#positions"),
    "volunteer": ("Volunteer", "#positions"),
    "education": ("Education", "#degree"),
}


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    mapping = mapping_for(FORMAT, opts.mapping)
    doc = inp.json(report, opts.limits, FORMAT)
    _report_violations(doc, report)
    resume = mapping.options.get("resume", {})
    tidy = Tidy(report, dict(resume.get("legacy", {})))
    clean = tidy.document(doc, inp.name)
    native = shape(clean, mapping)
    ctx = ReadContext(mapping, report, opts.language)
    start = len(report.entries)
    record = read_root(mapping, native, "", ctx)
    _native_paths(report, start, native.get("#texts", []), mapping)
    assert isinstance(record, LearnerRecord)
    kinds = section_types(mapping)
    items = []  # the engine reads certificates, then awards, into record.awards
    pos = 0
    for section in ("certificates", "awards"):
        for i in range(len(clean.get(section, []))):
            if pos < len(record.awards):
                items.append(
                    (record.awards[pos], kinds.get(section, "Certification"), f"/{section}/{i}")
                )
            pos += 1
    awards_out, achievements = with_achievements(record, items, FORMAT, report)
    record = record.model_copy(
        update={
            "awards": awards_out,
            "achievements": achievements,
            "provenance": Provenance(
                format=FORMAT,
                dialect="0.0.x" if tidy.upgraded else "1.x",
                mapping=mapping.name,
            ),
        }
    )
    if record == LearnerRecord(provenance=record.provenance, extensions=record.extensions):
        report.add(
            "source-schema-violation",
            "the résumé holds nothing lerbridge reads (no basics, work, education, skills...)",
            severity="error",
            source_path="/",
            source_format=FORMAT,
        )
    return [derive_skills(record)]


def shape(doc: dict[str, Any], mapping: Mapping) -> dict[str, Any]:
    """The flat JSON Resume entries in the mapping's nested view: a work entry's keys
    that the employer object has no rule for go to its one position, an education
    entry's to its one degree; the ``basics`` texts become named narratives."""
    out = dict(doc)
    for section, (obj, key) in NESTED.items():
        items = doc.get(section)
        if not isinstance(items, list):
            continue
        own = {r.native[0] for r in mapping.objects[obj].read_rules if r.native[0] != key}
        shaped = []
        for item in items:
            top = {k: v for k, v in item.items() if k in own}
            rest = {k: v for k, v in item.items() if k not in own}
            if section != "education":
                rest = _descriptions(rest)
            if rest:
                top[key] = [rest]
            shaped.append(top)
        out[section] = shaped
    texts = mapping.options.get("resume", {}).get("texts", {})
    basics = doc.get("basics")
    if isinstance(basics, dict):
        found = []
        rest_basics = dict(basics)
        for path, name in texts.items():
            key = path.split("/", 1)[1]
            value = rest_basics.get(key)
            if isinstance(value, str):
                del rest_basics[key]
                found.append({"name": name, "texts": [{"lines": [value]}]})
        out["basics"] = rest_basics
        if found:
            out["#texts"] = found
    return out


def _descriptions(pos: dict[str, Any]) -> dict[str, Any]:
    """summary + highlights -> one list (summary first), as LER-RS descriptions; a
    position with highlights but no summary says so, so that the writer does not take
    its first highlight for a summary."""
    summary, highlights = pos.get("summary"), pos.get("highlights")
    if not isinstance(summary, str | None) or not (highlights is None or _strings(highlights)):
        return pos
    if summary is None and highlights is None:
        return pos
    out = {k: v for k, v in pos.items() if k not in ("summary", "highlights")}
    out["#descriptions"] = ([summary] if summary is not None else []) + list(highlights or [])
    if summary is None:
        out["#no-summary"] = True
    return out


_SHAPED = re.compile(r"/#(?:positions|degree)/0(?=/|$)|/#descriptions(?:/\d+)?$|/#current$")


def _native_paths(report: LossReport, start: int, texts: list[Any], mapping: Mapping) -> None:
    """Report paths into the shaped view, made paths into the document again."""
    where = {n: p for p, n in mapping.options.get("resume", {}).get("texts", {}).items()}
    for k in range(start, len(report.entries)):
        entry = report.entries[k]
        path = entry.source_path or ""
        if "#" not in path:
            continue
        m = re.match(r"^/#texts/(\d+)", path)
        if m and int(m.group(1)) < len(texts):
            path = "/" + where.get(texts[int(m.group(1))]["name"], "basics")
        path = _SHAPED.sub("", path)
        report.entries[k] = replace(entry, source_path=path or "/")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _report_violations(doc: Any, report: LossReport) -> None:
    """The 1.3.1 schema, with the formats the JSON Resume tools enforce."""
    from ... import specs

    if not isinstance(doc, dict):
        return
    issues = [] if specs.is_valid(doc, SCHEMA) else specs.validate(doc, SCHEMA)
    for issue in issues:
        report.add(
            "source-schema-violation",
            f"JSON Resume 1.3.1 schema: {issue.message}",
            source_path=issue.pointer or "/",
            source_format=FORMAT,
        )
    for pointer, problem, value in uri_issues(doc):
        if value == "":
            continue  # reported as an empty string read as absent
        report.add(
            "source-schema-violation",
            f"JSON Resume 1.3.1 schema: {problem}",
            source_path=pointer,
            source_format=FORMAT,
            value=value,
        )
