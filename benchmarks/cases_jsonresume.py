"""JSON Resume case: the official 1.3.1 "complete" sample (Jane Developer, all twelve
sections) converted to LER-RS and back to JSON Resume, timed against yardsticks measured on
the *source*: the floor ``orjson.dumps(orjson.loads(raw))`` and python-jsonschema
``lerbridge.specs.validate(doc, "jsonresume/resume")`` (the official 1.3.1 schema, draft-07,
compiled once and cached by lerbridge).

Operations: ``convert`` (jsonresume -> lerrs, validated against the LER-RS 4.5 schemas),
``read``, ``write`` / ``write-noval`` of the record as LER-RS, and ``to-jsonresume``
(jsonresume -> jsonresume, validated against 1.3.1). Not wired into ``bench.py`` yet:
``bench_jsonresume(settings, progress)`` returns one :class:`harness.DocResult`. Skipped
(``None``) when ``../shared/fixtures-upstream/jsonresume`` is absent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from cases_resume import _codes, _conversion_ops, _result, where
from harness import UPSTREAM, DocResult, Settings

import lerbridge
from lerbridge import specs

JSONRESUME_DOC = UPSTREAM / "jsonresume" / "jsonresume-org_sample-data_complete-resume.json"
VALIDATOR = "python-jsonschema Draft7 validate(doc, 'jsonresume/resume')"
INFO = {
    "summary": (
        "JSON Resume: python-jsonschema `lerbridge.specs.validate(doc, 'jsonresume/resume')` "
        "(resume-schema 1.3.1, draft-07, compiled once); floor `orjson.dumps(orjson.loads(raw))`"
    )
}


def yardstick(raw: bytes) -> list[tuple[str, str, Callable[[], Any]]]:
    loads, dumps = orjson.loads, orjson.dumps
    doc = loads(raw)
    return [
        ("floor", "orjson.loads + orjson.dumps (JSON floor)", lambda: dumps(loads(raw))),
        ("jsonschema", VALIDATOR, lambda: specs.validate(doc, "jsonresume/resume")),
    ]


def facts(raw: bytes) -> dict[str, Any]:
    out: dict[str, Any] = {
        "bytes": f"{len(raw):,}",
        "source schema errors": len(specs.validate(orjson.loads(raw), "jsonresume/resume")),
    }
    result = lerbridge.convert(raw, to="lerrs", from_="jsonresume")
    out["jsonresume->lerrs loss entries"] = f"{len(result.report)} ({_codes(result.report)})"
    again = lerbridge.convert(raw, to="jsonresume", from_="jsonresume")
    out["jsonresume->jsonresume no-target-field"] = len(again.report.by_code("no-target-field"))
    return out


def bench_jsonresume(s: Settings, progress: bool) -> DocResult | None:
    if not JSONRESUME_DOC.is_file():
        return None
    raw = JSONRESUME_DOC.read_bytes()
    convert = lerbridge.convert
    ops = [
        *yardstick(raw),
        *_conversion_ops(raw, "jsonresume", "lerrs"),
        (
            "to-jsonresume",
            "lerbridge.convert jsonresume->jsonresume (validated)",
            lambda: convert(raw, to="jsonresume", from_="jsonresume"),
        ),
    ]
    extra = {
        "conversions": [
            ("convert", "jsonresume->lerrs"),
            ("to-jsonresume", "jsonresume->jsonresume"),
        ],
        "validator": VALIDATOR,
        "floor": "orjson",
    }
    label = "JSON Resume complete sample"
    return _result(
        label, where(JSONRESUME_DOC), "jsonresume", raw, facts(raw), ops, extra, s, progress
    )
