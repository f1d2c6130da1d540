"""lerbridge's canonical JSON: the model itself, versioned, as an interchange format."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import ValidationError

from ...errors import ReadError
from ...model import MODEL_VERSION, LearnerRecord, json_schema
from ...report import LossReport
from ..base import Document, Format, Input, ReadOptions, SchemaIssue, WriteOptions


def _major_minor(v: str) -> tuple[str, ...]:
    return tuple(v.split(".")[:2])


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    doc = inp.json(report, opts.limits, "canonical")
    if not isinstance(doc, dict):
        raise ReadError("canonical JSON must be an object", source=inp.name)
    version = doc.get("model_version")
    if not isinstance(version, str) or _major_minor(version) != _major_minor(MODEL_VERSION):
        raise ReadError(
            f"canonical model version {version!r} is not compatible with {MODEL_VERSION}",
            source=inp.name,
            location="/model_version",
        )
    try:
        return [LearnerRecord.model_validate(doc)]
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = "/" + "/".join(str(x) for x in err["loc"])
        raise ReadError(err["msg"], source=inp.name, location=loc) from None


def to_data(record: LearnerRecord) -> dict[str, Any]:
    data = record.model_dump(mode="json", exclude_defaults=True)
    return {"model_version": record.model_version, **data}


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    data = orjson.dumps(to_data(record), option=orjson.OPT_INDENT_2) + b"\n"
    return [Document(data, "record.canonical.json")]


def detect(inp: Input) -> float:
    doc = inp.json_or_none()
    return 1.0 if isinstance(doc, dict) and "model_version" in doc else 0.0


def validate(inp: Input) -> list[SchemaIssue]:
    from ... import specs

    doc = inp.json()
    return specs.validate_against(doc, json_schema())


FORMAT = Format(
    name="canonical",
    title="lerbridge canonical JSON (the model; see `lerbridge schema`)",
    aliases=("lerbridge", "model"),
    extensions=(".canonical.json",),
    reader=read,
    writer=write,
    detect=detect,
    validator=validate,
)
