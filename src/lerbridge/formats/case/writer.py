"""CASE syntax out: one CASE 1.1 CFPackage per framework of the record. The case mapping
writes the fields; this module gives the package what CASE requires and the record may
lack, each reported: the ``isChildOf`` associations of a hierarchy no association states
(a CTDL-ASN framework), lower-case RFC 4122 identifiers (uuid5 from the canonical id when
the record has none, never random), ``lastChangeDateTime`` (from the framework's, never
"now"), the nodes' identifier and title in ``originNodeURI`` / ``destinationNodeURI``.
The output is checked against the official CFPackage 1.1 JSON Schema."""

from __future__ import annotations

import re
from typing import Any

from ...errors import WriteError
from ...mapping.engine import WriteContext
from ...model import Association, CompetencyFramework, LearnerRecord, Skill, pick_text
from ...report import LossReport
from ..base import Document, WriteOptions
from ..mapped import dumps, lookups, mapping_for, write_root
from ..skills import is_derived
from . import crosswalk, definitions, package
from .package import FORMAT, UUID_RE

CHILD = "isChildOf"
#: lastChangeDateTime for a package whose source dates nothing (reported): a fixed value,
#: so the output stays deterministic.
EPOCH = "1970-01-01T00:00:00Z"
ORDER = ("CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics", "extensions")


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    if not record.frameworks:
        raise WriteError(
            "the record holds no competency framework; a CASE package describes one "
            "(read a CASE package or a CTDL-ASN framework)"
        )
    mapping = mapping_for(FORMAT, opts.mapping)
    in_frameworks = {f.id for f in record.frameworks}
    for i, skill in enumerate(record.skills):
        if not is_derived(skill) and skill.framework not in in_frameworks:
            report.add(
                "no-target-field",
                "skill outside the record's frameworks; a CASE package holds a framework's "
                "items only",
                canonical_path=f"skills[{i}]",
                target_format=FORMAT,
                value=skill.id,
            )
    docs = []
    for k, fw in enumerate(record.frameworks):
        sub = _package_record(record, fw, k, report)
        ctx = WriteContext(mapping, report, lookups(sub), opts.language)
        native = write_root(mapping, sub, "", ctx)
        pkg = _complete(native, sub, fw, report)
        if opts.validate:
            from ... import specs

            valid = specs.is_valid(pkg, "case/cfpackage")  # the fast path; details if not
            for issue in [] if valid else specs.validate(pkg, "case/cfpackage"):
                report.add(
                    "target-schema-violation",
                    issue.message,
                    canonical_path=issue.pointer,
                    target_format=FORMAT,
                )
        name = pkg["CFDocument"].get("identifier", f"{k + 1}")
        docs.append(Document(dumps(pkg), f"cfpackage-{name}.json"))
    return docs


def _package_record(
    record: LearnerRecord, fw: CompetencyFramework, k: int, report: LossReport
) -> LearnerRecord:
    """The framework, its items and the associations among them; the record's other
    content goes with the first package only (the mapping reports what it cannot hold)."""
    skills = [s for s in record.skills if s.framework == fw.id and not is_derived(s)]
    skills, crossed = crosswalk.ctdl_to_associations(skills)  # CTDL-ASN alignments
    skills = [crosswalk.move_extensions(s, False, crosswalk.ITEM_KEYS) for s in skills]
    fw = crosswalk.move_extensions(fw, False, crosswalk.DOC_KEYS)
    nodes = {fw.id, *(s.id for s in skills if s.id)}
    links = [a for a in record.associations if a.source_id in nodes or a.target_id in nodes]
    if k == 0:
        for i, a in enumerate(record.associations):
            if (
                a.source_id not in nodes
                and a.target_id not in nodes
                and len(record.frameworks) == 1
            ):
                report.add(
                    "no-target-field",
                    "association between nodes outside the framework",
                    canonical_path=f"associations[{i}]",
                    target_format=FORMAT,
                    value=a.type,
                )
    links += crossed + _hierarchy(fw, skills, links + crossed, report)
    base = record if k == 0 else LearnerRecord()
    rest = {"awards": [], "achievements": []} if k else {}
    return base.model_copy(
        update={
            **rest,
            "frameworks": [fw],
            "skills": skills,
            "associations": links,
            "extensions": record.extensions if k == 0 else {},
        }
    )


def _hierarchy(
    fw: CompetencyFramework, skills: list[Skill], links: list[Association], report: LossReport
) -> list[Association]:
    """isChildOf associations for the parent/child links no association states."""
    have = {(a.source_id, a.target_id) for a in links if a.type == CHILD}
    pairs: list[tuple[str, str, int]] = [(c, fw.id, n) for n, c in enumerate(fw.top_children, 1)]
    for s in skills:
        pairs += [(c, s.id or "", n) for n, c in enumerate(s.children, 1)]
        if s.parent_id and s.id and not any(c == s.id for c, _, _ in pairs):
            pairs.append((s.id, s.parent_id, 0))
    out = []
    for child, parent, n in pairs:
        if (child, parent) in have or not parent:
            continue
        have.add((child, parent))
        out.append(Association(type=CHILD, source_id=child, target_id=parent, sequence=n or None))
    if out:
        report.add(
            "value-synthesized",
            f"{len(out)} isChildOf association(s) made from the framework's hierarchy "
            "(identifiers uuid5 from the nodes)",
            canonical_path="associations",
            target_format=FORMAT,
        )
    return out


def _complete(
    native: dict[str, Any], rec: LearnerRecord, fw: CompetencyFramework, report: LossReport
) -> dict[str, Any]:
    doc = native.get("CFDocument")
    if isinstance(doc, list):
        doc = doc[0] if doc else {}
    doc = dict(doc or {})
    when = _date(doc.get("lastChangeDateTime"))
    if when is None:
        when = _date(fw.date_created) or EPOCH
        _synth(report, "frameworks[0]", "lastChangeDateTime", when)
    doc["lastChangeDateTime"] = when
    doc["identifier"] = _identifier(doc.get("identifier"), fw.id, "frameworks[0]", report)
    if not doc.get("creator"):
        doc["creator"] = _first_text(fw.name) or fw.id
        _synth(
            report,
            "frameworks[0].creator",
            "creator (none given; the framework name)",
            doc["creator"],
        )
    if (rec.provenance.dialect if rec.provenance else None) != "case-1.1":
        report.add(
            "dialect-upgraded",
            "written as a CASE 1.1 package (caseVersion 1.1)",
            canonical_path="frameworks[0]",
            target_format=FORMAT,
        )
    doc["caseVersion"] = "1.1"  # required from 1.1 on (Implementation Guide 3.3.5)
    nodes: dict[str, dict[str, str]] = {
        fw.id: {"identifier": doc["identifier"], "title": _first_text(fw.name) or fw.id}
    }
    items = []
    for i, (item, skill) in enumerate(zip(native.get("CFItems") or [], rec.skills, strict=False)):
        item = dict(item)
        where = f"skills[{i}]"
        item["identifier"] = _identifier(item.get("identifier"), skill.id or "", where, report)
        if not isinstance(item.get("uri"), str):
            item["uri"] = f"urn:uuid:{item['identifier']}"
            _synth(report, where, "uri (urn:uuid: of the identifier)", item["uri"])
        if _date(item.get("lastChangeDateTime")) is None:
            item["lastChangeDateTime"] = when
            _synth(report, where, "lastChangeDateTime (the framework's)", when)
        items.append(item)
        title = item.get("abbreviatedStatement") or item.get("fullStatement") or item["uri"]
        nodes[item["uri"]] = {"identifier": item["identifier"], "title": str(title)}
    links = []
    for i, (node, link) in enumerate(
        zip(native.get("CFAssociations") or [], rec.associations, strict=False)
    ):
        node = dict(node)
        where = f"associations[{i}]"
        for key in ("originNodeURI", "destinationNodeURI"):
            end = dict(node.get(key) or {})
            end.setdefault("uri", f"urn:uuid:{package.mint('node', repr(end))}")
            known = nodes.get(end.get("uri", ""), {})
            if "identifier" not in end:
                end["identifier"] = known.get("identifier") or package.mint("node", end["uri"])
                if not known:
                    _synth(report, where, f"{key} identifier (uuid5 of its uri)", end["identifier"])
            end.setdefault("title", known.get("title") or end["uri"])
            node[key] = {"title": end.pop("title"), "identifier": end.pop("identifier"), **end}
        seed = f"{link.type} {node['originNodeURI']['uri']} {node['destinationNodeURI']['uri']}"
        if not UUID_RE.match(str(node.get("identifier", ""))):
            node["identifier"] = _identifier(node.get("identifier"), seed, where, report)
        if "uri" not in node:
            node["uri"] = f"urn:uuid:{node['identifier']}"
            _synth(report, where, "uri (urn:uuid: of the identifier)", node["uri"])
        if _date(node.get("lastChangeDateTime")) is None:
            node["lastChangeDateTime"] = when
        links.append(node)
    native.update({"CFDocument": doc, "CFItems": items, "CFAssociations": links})
    if "CFDefinitions" in native:
        native["CFDefinitions"] = definitions.complete(native["CFDefinitions"], when, report)
    out = {k: native[k] for k in ORDER if native.get(k) not in (None, [])}
    out.update({k: v for k, v in native.items() if k not in ORDER})
    out.setdefault("CFItems", [])
    return out


def _synth(report: LossReport, where: str, what: str, value: Any) -> None:
    report.add(
        "value-synthesized",
        f"{what} supplied; CASE requires it",
        canonical_path=where,
        target_format=FORMAT,
        value=value,
    )


def _first_text(text: dict[str, str] | None) -> str | None:
    return pick_text(text)[1]


_DT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _date(value: Any) -> str | None:
    """A date-time as CASE wants it; a bare date becomes midnight UTC."""
    if not isinstance(value, str):
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value + "T00:00:00Z"
    return value if _DT.match(value) else None


def _identifier(value: Any, seed: str, where: str, report: LossReport) -> str:
    """A lower-case RFC 4122 UUID: the record's when it is one (lower-cased), else a uuid5
    minted from ``seed`` (reported)."""
    if isinstance(value, str) and UUID_RE.match(value.lower()):
        return value.lower()
    if isinstance(value, str) and re.fullmatch(r"[0-9a-fA-F-]{36}", value):
        return value.lower()  # a placeholder UUID (d0000000-...) CASE data uses: kept
    minted = package.mint("id", seed)
    report.add(
        "value-synthesized",
        "identifier minted (uuid5 from the canonical id): the record has no CASE identifier"
        + (f" ({value!r} is not a UUID)" if value else ""),
        canonical_path=where,
        target_format=FORMAT,
        value=minted,
    )
    return minted
