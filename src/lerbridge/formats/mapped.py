"""Glue shared by the formats whose meaning lives in a mapping file: load the format's
mapping (or a user's, which must extend it), and run it over a native tree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from ..errors import MappingError
from ..mapping.compiler import Mapping, load_mapping
from ..mapping.engine import ReadContext, WriteContext, read_object, write_object
from ..model import LearnerRecord
from ..report import LossReport
from .skills import own_skills


def mapping_for(fmt: str, user: str | Path | None) -> Mapping:
    mapping = load_mapping(user) if user else load_mapping(fmt)
    if mapping.namespace != fmt:
        raise MappingError(
            f"mapping {mapping.name!r} (namespace {mapping.namespace!r}) is not for format "
            f"{fmt!r}; a user mapping should say 'extends: {fmt}'",
            source=mapping.source,
        )
    return mapping


def read_root(mapping: Mapping, native: Any, where: str, ctx: ReadContext) -> BaseModel:
    return read_object(mapping.objects[mapping.root_object], native, where, ctx)


def write_root(mapping: Mapping, obj: BaseModel, cpath: str, ctx: WriteContext) -> dict[str, Any]:
    return write_object(mapping.objects[mapping.root_object], obj, cpath, ctx)


def lookups(record: LearnerRecord) -> dict[str, dict[str, BaseModel]]:
    return {"achievements": {a.id: a for a in record.achievements}}


def dumps(doc: Any) -> bytes:
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"


def report_unwritten(
    record: LearnerRecord,
    fmt: str,
    report: LossReport,
    used_achievements: set[str],
    fields: tuple[str, ...],
) -> None:
    """Report the record-level content a document-per-award format has no place for."""
    for ach in record.achievements:
        if ach.id not in used_achievements:
            report.add(
                "no-target-field",
                f"achievement without an award; {fmt} cannot hold it",
                canonical_path=f"achievements[id={ach.id}]",
                target_format=fmt,
                value=ach.id,
            )
    for name in fields:
        value = getattr(record, name)
        if name == "skills":
            value = own_skills(record)  # derived skills are still held by their awards
        if value:
            count = len(value) if isinstance(value, list) else 1
            report.add(
                "no-target-field",
                f"{fmt} has no place for {name} ({count} item{'s' if count != 1 else ''})",
                canonical_path=name,
                target_format=fmt,
            )
