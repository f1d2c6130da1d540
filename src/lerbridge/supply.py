"""Values the user supplies (``--set CANONICAL.PATH=VALUE``, ``--set-file``, API ``set=``):
fill what the source lacks, each filled value reported as ``value-supplied``. A supplied
value never replaces a source value unless ``override`` is given.

Paths are canonical model paths (see docs/model.md): ``publisher.name``,
``person.id``, ``awards[*].valid_from``, ``awards[0].issuer.id``. Award fields may be
named without ``awards[*].`` (``recipient.id``, ``issuer.name``, ``valid_from``). Two
rules, both reported: a supplied publisher is the issuer of every award that names none,
and a record that describes one offering (CTDL: an achievement, no award) gains an award
of it when award fields are supplied."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import SupplyError
from .model import Award, LearnerRecord
from .report import LossReport

_PART = re.compile(r"^([a-z_][a-z0-9_]*)(?:\[(\*|[0-9]+)\])?$")
CODE = "value-supplied"


def parse_assignments(items: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``PATH=VALUE`` strings (the CLI's ``--set``) as a dict, in order."""
    out: dict[str, Any] = {}
    for item in items:
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            raise SupplyError(f"--set takes CANONICAL.PATH=VALUE, got {item!r}")
        out[path.strip()] = value
    return out


def load_file(path: Path) -> dict[str, Any]:
    """A YAML (or JSON) file of values: ``path: value`` pairs, nested mappings flattened
    into dotted paths (``publisher: {name: X}`` is ``publisher.name: X``)."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SupplyError(f"cannot read the values file: {exc}", source=str(path)) from None
    if not isinstance(data, dict):
        raise SupplyError("a values file is a mapping of CANONICAL.PATH: VALUE", source=str(path))
    return _flatten(data, "")


def _flatten(data: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and value and not _is_langmap_key(str(key)):
            out.update(_flatten(value, path))
        else:
            out[path] = value
    return out


def _is_langmap_key(key: str) -> bool:
    return key in ("name", "description", "narrative", "comment", "trade_name", "caption")


def _award_path(path: str) -> bool:
    head = _PART.match(path.split(".", 1)[0])
    name = head.group(1) if head else ""
    return name not in LearnerRecord.model_fields and name in Award.model_fields


def apply(
    records: list[LearnerRecord],
    values: Mapping[str, Any],
    report: LossReport,
    *,
    override: bool = False,
    language: str | None = None,
) -> list[LearnerRecord]:
    """``records`` with the supplied values filled in, each reported."""
    if not values:
        return records
    out = []
    for rec in records:
        rec = _offering_award(rec, values, report)
        for path, value in values.items():
            full = f"awards[*].{path}" if _award_path(path) else path
            parts = _parse(full)
            new = _set(rec, parts, value, override, language, report, "")
            assert isinstance(new, LearnerRecord)
            rec = new
        if any(p.split(".", 1)[0] == "publisher" for p in values):
            rec = _publisher_issues(rec, report)
        out.append(rec)
    return out


def _parse(path: str) -> list[tuple[str, str | None]]:
    parts = []
    for raw in path.split("."):
        m = _PART.match(raw)
        if m is None:
            raise SupplyError(f"{path!r} is not a canonical path (e.g. publisher.name)")
        parts.append((m.group(1), m.group(2)))
    return parts


def _set(
    obj: BaseModel,
    parts: list[tuple[str, str | None]],
    value: Any,
    override: bool,
    language: str | None,
    report: LossReport,
    at: str,
) -> BaseModel:
    (name, index), rest = parts[0], parts[1:]
    fields = type(obj).model_fields
    if name not in fields:
        known = ", ".join(sorted(k for k in fields if k not in ("model_version", "provenance")))
        raise SupplyError(
            f"{type(obj).__name__} has no field {name!r} (at {at or 'the record'}); "
            f"its fields: {known}"
        )
    cpath = f"{at}.{name}" if at else name
    current = getattr(obj, name)
    if index is not None:
        if not isinstance(current, list):
            raise SupplyError(f"{cpath} is not a list; drop the [{index}]")
        if not rest:
            raise SupplyError(f"{cpath}[{index}]: name a field of the item")
        picks = range(len(current)) if index == "*" else [int(index)]
        items = list(current)
        for i in picks:
            if i >= len(items):
                raise SupplyError(f"{cpath} has {len(items)} item(s); there is no [{i}]")
            items[i] = _set(items[i], rest, value, override, language, report, f"{cpath}[{i}]")
        return obj.model_copy(update={name: items})
    annotation = fields[name].annotation
    if rest:
        child = current
        if child is None:
            cls = _model_of(annotation)
            if cls is None:
                raise SupplyError(f"{cpath} holds no fields; set it as a whole")
            child = cls()
        new = _set(child, rest, value, override, language, report, cpath)
        return obj if new is current else obj.model_copy(update={name: new})
    if current not in (None, [], {}) and not override:
        return obj
    coerced = _coerce(annotation, value, language, cpath)
    how = "replaces the source's value (--override)" if current not in (None, [], {}) else ""
    report.add(
        CODE,
        f"value supplied by the user{' ' + how if how else ''}",
        canonical_path=cpath,
        value=value,
    )
    return obj.model_copy(update={name: coerced})


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _coerce(annotation: Any, value: Any, language: str | None, cpath: str) -> Any:
    args = typing.get_args(annotation)
    is_langmap = any(typing.get_origin(a) is dict for a in (annotation, *args))
    if is_langmap and isinstance(value, str):
        value = {language or "und": value}
    elif _is_list(annotation) and not isinstance(value, list):
        value = [value]
    try:
        return TypeAdapter(annotation).validate_python(value)
    except ValidationError as exc:
        first = exc.errors()[0]["msg"] if exc.errors() else str(exc)
        raise SupplyError(f"the value for {cpath} does not fit: {first}") from None


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return any(typing.get_origin(a) is list for a in typing.get_args(annotation))
    return False


def _publisher_issues(rec: LearnerRecord, report: LossReport) -> LearnerRecord:
    """The supplied publisher issued every award that names no issuer."""
    if rec.publisher is None or not any(a.issuer is None for a in rec.awards):
        return rec
    awards = []
    for i, award in enumerate(rec.awards):
        if award.issuer is None:
            award = award.model_copy(update={"issuer": rec.publisher})
            report.add(
                CODE,
                "the supplied publisher is the issuer of an award that names none",
                canonical_path=f"awards[{i}].issuer",
                value=rec.publisher.id or rec.publisher.name,
            )
        awards.append(award)
    return rec.model_copy(update={"awards": awards})


def _offering_award(
    rec: LearnerRecord, values: Mapping[str, Any], report: LossReport
) -> LearnerRecord:
    """A record that describes one offering and awards nothing (CTDL) gains an award of
    it when the user supplies award fields (the recipient, the date...)."""
    if rec.awards or not any(_award_path(p) or p.startswith("awards[") for p in values):
        return rec
    offered = [a for a in rec.achievements if a.id]
    if len(offered) != 1:
        raise SupplyError(
            "award fields were supplied but the record describes "
            f"{len(offered)} offerings; name one with awards[0].achievement_id"
            if offered
            else "award fields were supplied but the record has no award and no offering"
        )
    report.add(
        CODE,
        "the source describes an offering, not an award: an award of it is made from the "
        "supplied values",
        canonical_path="awards[0].achievement_id",
        value=offered[0].id,
    )
    return rec.model_copy(update={"awards": [Award(achievement_id=offered[0].id)]})


#: What a verifiable credential of an award cannot be written without, and how to supply it.
NEEDS = {
    "issuer": "--set publisher.name=NAME --set publisher.id=URL (or --set issuer.id=URL)",
    "valid_from": "--set valid_from=DATE",
}


def issued_now(issued: str, report: LossReport) -> str:
    """``--issued`` for CSV rows that give no date; ``now`` only on request, reported."""
    if issued != "now":
        return issued
    from datetime import UTC, datetime

    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    report.add(
        "value-synthesized",
        "rows without an issue date are issued now (--issued now)",
        canonical_path="awards.valid_from",
        value=now,
    )
    return now


def require_award_facts(
    records: list[LearnerRecord], target: str, source: str, source_format: str, cause: str
) -> None:
    """After writing OB 3.0 / CLR 2.0 failed: when awards lack an issuer or an issue date,
    one error that names them and the options that supply them (and the writer's own
    message)."""
    missing: dict[str, list[int]] = {}
    for rec in records:
        for i, award in enumerate(rec.awards):
            if award.issuer is None and rec.publisher is None:
                missing.setdefault("issuer", []).append(i)
            if award.valid_from is None and award.awarded_date is None:
                missing.setdefault("valid_from", []).append(i)
    if not missing:
        return
    hints = dict(NEEDS)
    if source_format == "csv":
        hints["valid_from"] = "--issued DATE (or --set valid_from=DATE)"
    parts = [
        f"{name} (awards {_ranges(sorted(set(idx)))}); pass {hints[name]}"
        for name, idx in missing.items()
    ]
    raise SupplyError(
        f"a {target} credential needs values the source does not give: "
        + "; ".join(parts)
        + f" (API: set={{...}}). The writer said: {cause}",
        source=source,
    )


def _ranges(idx: list[int]) -> str:
    if len(idx) > 3:
        return f"{idx[0]}..{idx[-1]}"
    return ", ".join(str(i) for i in idx)
