"""JSON Resume syntax out: one resume.json per record, valid against the 1.3.1 schema
and the ``uri`` / ``email`` formats the JSON Resume tools enforce.

JSON Resume holds one e-mail, phone, web address and postal address, one position per
work entry and one degree per education entry: the record is first reduced to that
(:mod:`.view`, every dropped value reported), then written through the mapping, then
flattened."""

from __future__ import annotations

from typing import Any

from ...errors import WriteError
from ...mapping.engine import WriteContext, write_object
from ...model import LearnerRecord
from ...report import LossReport
from ..base import Document, WriteOptions
from ..mapped import dumps, lookups, mapping_for, write_root
from ..resume import section_of
from .native import FORMAT, ORDER, SCHEMA, uri_issues
from .view import reduce


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    ctx = WriteContext(mapping, report, lookups(record), opts.language)
    view = reduce(record, report)
    body = write_root(mapping, view, "", ctx)
    basics = body.get("basics", {})
    for key in ("email", "phone", "url", "location"):
        if isinstance(basics.get(key), list):  # the view keeps one of each
            basics[key] = basics[key][0]
    resume = mapping.options.get("resume", {})
    _texts(body, resume.get("texts", {}), resume.get("text_aliases", {}), report)
    for section, items in _employment(view, ctx).items():
        if items:
            body[section] = items
    if view.education:
        body["education"] = _education(view, ctx)
    for section, items in _awards(view, ctx, report).items():
        if items:
            body[section] = items
    doc = {k: body[k] for k in ORDER if k in body}
    doc.update({k: v for k, v in body.items() if k not in doc})
    _drop_bad_formats(doc, report)
    _check(doc, report)
    return [Document(dumps(doc), _name(record), "application/json")]


def _texts(
    body: dict[str, Any], texts: dict[str, str], aliases: dict[str, str], report: LossReport
) -> None:
    """Named narratives back to the ``basics`` texts; the others have no place."""
    where = {name: path.split("/", 1)[1] for path, name in texts.items()}
    for i, narrative in enumerate(body.pop("#texts", [])):
        name = narrative.get("name")
        key = where.get(aliases.get(name, name))
        lines = [ln for t in narrative.get("texts", []) for ln in t.get("lines", [])]
        if key is None or key in body.get("basics", {}):
            report.add(
                "no-target-field",
                f"JSON Resume has no place for the narrative {narrative.get('name')!r}",
                canonical_path=f"narratives[{i}]",
                target_format=FORMAT,
                value="\n".join(lines) or None,
            )
            continue
        if lines:
            body.setdefault("basics", {})[key] = "\n".join(lines)


def _employment(view: LearnerRecord, ctx: WriteContext) -> dict[str, list[Any]]:
    """One flat entry per position, the employer's fields repeated."""
    out: dict[str, list[Any]] = {"work": [], "volunteer": []}
    for i, job in enumerate(view.employment):
        for pos in job.positions:
            volunteer = pos.extensions.get(FORMAT, {}).get("#volunteer") is True
            obj = "Volunteer" if volunteer else "Work"
            ext = {k: v for k, v in pos.extensions.items()}
            ext[FORMAT] = {k: v for k, v in ext.get(FORMAT, {}).items() if k != "#volunteer"}
            one = job.model_copy(update={"positions": [pos.model_copy(update={"extensions": ext})]})
            native = write_object(ctx.mapping.objects[obj], one, f"employment[{i}]", ctx)
            inner = native.pop("#positions", [{}])
            out["volunteer" if volunteer else "work"].append({**native, **_flat_position(inner[0])})
    return out


def _flat_position(pos: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in pos.items() if k not in ("#descriptions", "#no-summary")}
    lines = list(pos.get("#descriptions", []))
    if not lines:
        return out
    if pos.get("#no-summary") is not True:
        out["summary"] = lines.pop(0)
    if lines:
        out["highlights"] = lines
    return out


def _education(view: LearnerRecord, ctx: WriteContext) -> list[Any]:
    """One flat entry per degree, the school's fields repeated."""
    out = []
    for i, edu in enumerate(view.education):
        for degree in edu.degrees or [None]:
            one = edu.model_copy(update={"degrees": [degree] if degree else []})
            native = write_object(ctx.mapping.objects["Education"], one, f"education[{i}]", ctx)
            inner = native.pop("#degree", [{}])[0]
            if isinstance(inner.get("area"), dict):
                inner["area"] = inner["area"].get("name")
            out.append({**native, **{k: v for k, v in inner.items() if v is not None}})
    return out


def _awards(view: LearnerRecord, ctx: WriteContext, report: LossReport) -> dict[str, list[Any]]:
    """Each award to the section its achievement type names (``resume.sections``)."""
    out: dict[str, list[Any]] = {"certificates": [], "awards": []}
    objects = {"certificates": "Certificate", "awards": "AwardItem"}
    for i, award in enumerate(view.awards):
        ach = view.achievement(award.achievement_id)
        section = section_of(ctx.mapping, ach.achievement_type if ach else None)
        if section not in objects:
            report.add(
                "no-target-field",
                f"a {ach.achievement_type if ach else 'typeless'} award has no JSON Resume section",
                canonical_path=f"awards[{i}]",
                target_format=FORMAT,
                value=award.id,
            )
            continue
        path = f"awards[{i}]"
        out[section].append(write_object(ctx.mapping.objects[objects[section]], award, path, ctx))
    return out


def _drop_bad_formats(doc: dict[str, Any], report: LossReport) -> None:
    """A value the ``uri`` or ``email`` format refuses is left out, reported."""
    for pointer, problem, value in uri_issues(doc):
        _remove(doc, pointer)
        report.add(
            "no-target-field",
            f"JSON Resume wants {problem[4:]} here; left out",
            canonical_path=pointer,
            target_format=FORMAT,
            value=value,
        )


def _check(doc: dict[str, Any], report: LossReport) -> None:
    """Values kept from a JSON Resume source (extensions) that break the schema (a date
    that is not one, a number for a string) are left out, reported; anything else that
    breaks it is a bug, raised."""
    from ... import specs

    if specs.is_valid(doc, SCHEMA):
        return
    for issue in specs.validate(doc, SCHEMA):
        if issue.pointer and _remove(doc, issue.pointer):
            report.add(
                "no-target-field",
                f"breaks the JSON Resume 1.3.1 schema ({issue.message}); left out",
                canonical_path=issue.pointer,
                target_format=FORMAT,
            )
    issues = specs.validate(doc, SCHEMA)
    if issues:
        lines = "; ".join(f"{i.pointer or '/'}: {i.message}" for i in issues[:10])
        raise WriteError(
            f"output fails the JSON Resume 1.3.1 schema ({len(issues)} issue(s)): {lines}"
        )


def _remove(doc: dict[str, Any], pointer: str) -> bool:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    node: Any = doc
    try:
        for p in parts[:-1]:
            node = node[int(p)] if isinstance(node, list) else node[p]
        if isinstance(node, list):
            del node[int(parts[-1])]
        else:
            del node[parts[-1]]
    except (KeyError, IndexError, ValueError, TypeError):
        return False
    return True


def _name(record: LearnerRecord) -> str:
    name = record.person.name if record.person else None
    who = (name.formatted or " ".join(p for p in (name.given, name.family) if p)) if name else ""
    tail = "".join(c if c.isalnum() else "-" for c in who or "").strip("-")[:40]
    return f"{tail or 'resume'}.resume.json"
