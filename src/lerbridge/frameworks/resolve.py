"""Alignment resolution. A skill derived from an alignment (``targetType`` ``CFItem`` or
``ceasn:Competency``, see :mod:`lerbridge.formats.skills`) names a framework item by its
``targetUrl`` (the item's uri, or a URL ending in its identifier: ``/uri/<id>``,
``/CFItems/<id>``) or its ``targetCode`` (the item's identifier or CTID, as 1EdTech's
example does, or its human coding scheme, as real badges do). A match gives the skill the
item's full statement as its name, its code, uri and CTID, and the framework's id and
name; no match, or several items equally matched, is reported (``alignment-unresolved``).
Skills derived twice for one item are merged. Deterministic; nothing is fetched."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ReadError
from ..model import CompetencyFramework, LearnerRecord, Skill
from ..report import LossReport

COMPETENCY_TARGETS = ("CFItem", "ceasn:Competency")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


@dataclass
class FrameworkIndex:
    """The items of the frameworks given, by every reference an alignment may use."""

    frameworks: dict[str, CompetencyFramework] = field(default_factory=dict)
    by_ref: dict[str, list[Skill]] = field(default_factory=dict)
    by_code: dict[str, list[Skill]] = field(default_factory=dict)

    def add(self, record: LearnerRecord) -> None:
        for fw in record.frameworks:
            self.frameworks.setdefault(fw.id, fw)
        for skill in record.skills:
            if skill.framework not in self.frameworks or skill.derived_from:
                continue
            for ref in _refs(skill):
                bucket = self.by_ref.setdefault(ref, [])
                if skill not in bucket:
                    bucket.append(skill)
            if skill.code:
                self.by_code.setdefault(skill.code.strip(), []).append(skill)

    def match(self, url: str | None, code: str | None, framework: str | None) -> list[Skill]:
        """The items an alignment names: by URL, then by identifier/CTID, then by code
        (narrowed to the alignment's framework when it names one)."""
        for ref in (url, _tail(url), code, _tail(code)):
            if ref and ref.lower() in self.by_ref:
                return self.by_ref[ref.lower()]
        found = self.by_code.get((code or "").strip(), [])
        if len(found) > 1 and framework:
            same = [
                s for s in found if _names_framework(self.frameworks[s.framework or ""], framework)
            ]
            found = same or found
        return found


def _refs(skill: Skill) -> list[str]:
    out = [r.lower() for r in (skill.id, skill.url) if r]
    ident = _identifier(skill)
    if ident:
        out += [ident, "ce-" + ident]
    return out


def _identifier(skill: Skill) -> str | None:
    """The item's CASE identifier (the UUID of its CTID, or the one CASE kept aside)."""
    own = skill.extensions.get("case", {}).get("identifier")
    if isinstance(own, str):
        return own.lower()
    if skill.ctid and skill.ctid.startswith("ce-"):
        return skill.ctid[3:].lower()
    return None


def _tail(ref: str | None) -> str | None:
    """The UUID a URL or code ends with (``.../uri/<id>``, ``ce-<id>``), if any."""
    m = _UUID.search(ref or "")
    return m.group(0).lower() if m else None


def _names_framework(fw: CompetencyFramework, name: str) -> bool:
    return name == fw.id or name in (fw.name or {}).values()


def index_records(records: Sequence[tuple[str, list[LearnerRecord]]]) -> FrameworkIndex:
    idx = FrameworkIndex()
    for label, recs in records:
        if not any(r.frameworks for r in recs):
            raise ReadError(
                "not a CTDL-ASN competency framework nor a CASE package",
                source=label,
            )
        for rec in recs:
            idx.add(rec)
    return idx


def load(sources: Sequence[Any], language: str | None = None) -> FrameworkIndex:
    """Read each framework (path, bytes, dict; CASE or CTDL-ASN, detected) and index it.
    What reading them reports is not the conversion's business and is not kept."""
    from .. import api

    read = []
    for k, src in enumerate(sources):
        label = str(src) if not isinstance(src, bytes | dict) else f"framework {k + 1}"
        records, _ = api.read_records(src, name=label, language=language)
        read.append((label, records))
    return index_records(read)


def resolve(
    record: LearnerRecord, idx: FrameworkIndex, report: LossReport, rename: bool = True
) -> LearnerRecord:
    """The record with its alignment-derived skills resolved against ``idx``. ``rename``
    False keeps the alignment's name (the skills profile names a skill itself, keeping the
    badge's name aside)."""
    out: list[Skill] = []
    seen: dict[str, int] = {}
    for i, skill in enumerate(record.skills):
        if skill.derived_from != "alignment" or not skill.alignments:
            out.append(skill)
            continue
        al = skill.alignments[0]
        found = idx.match(al.target_url, al.target_code, al.target_framework)
        if len(found) != 1:
            why = "matches no item of" if not found else f"matches {len(found)} items of"
            report.add(
                "alignment-unresolved",
                f"alignment {why} the frameworks given (targetUrl, targetCode)",
                canonical_path=f"skills[{i}]",
                value=al.target_url or al.target_code,
            )
            out.append(skill)
            continue
        item = found[0]
        fw = idx.frameworks[item.framework or ""]
        resolved = skill.model_copy(
            update={
                "name": (item.text or item.name) if rename else skill.name,
                "text": item.text,
                "code": item.code,
                "url": item.id,
                "ctid": item.ctid,
                "framework": fw.id,
                "framework_name": fw.name,
            }
        )
        key = item.id or ""
        if key in seen:
            prev = out[seen[key]]
            extra = [e for e in resolved.evidenced_by if e not in prev.evidenced_by]
            alignments = [*prev.alignments, *resolved.alignments]
            out[seen[key]] = prev.model_copy(
                update={"evidenced_by": [*prev.evidenced_by, *extra], "alignments": alignments}
            )
            continue
        seen[key] = len(out)
        out.append(resolved)
    return record.model_copy(update={"skills": out})
