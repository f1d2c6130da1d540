"""CASE case: the compeito/OpenCASE 1.1 package (36 items, 36 associations, rubrics and
definitions) converted case -> case (validated against the official CFPackage 1.1
schema) and case -> ctdl (Registry checks), measured against the JSON floor
(``orjson.loads`` + ``orjson.dumps``) and ``lerbridge.specs.is_valid`` of the source
against the same CASE schema. Skipped when ``../shared/fixtures-upstream/case`` is absent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from cases_resume import _codes, _conversion_ops, _result, where
from harness import UPSTREAM, DocResult, Settings

import lerbridge
from lerbridge import specs

CASE_DOC = UPSTREAM / "case" / "compeito_opencase-export_case1p1_ikenohata-univ_ja.json"
SCHEMA = "case/cfpackage"
INFO = {
    "summary": (
        "CASE: `lerbridge.specs.is_valid(package, 'case/cfpackage')` (the official CASE 1.1 "
        "CFPackage JSON Schema, draft 2019-09, compiled once); floor `orjson.loads` + "
        "`orjson.dumps`"
    )
}


def yardstick(raw: bytes) -> list[tuple[str, str, Callable[[], Any]]]:
    doc = orjson.loads(raw)
    return [
        (
            "floor",
            "orjson.loads + orjson.dumps (JSON floor)",
            lambda: orjson.dumps(orjson.loads(raw)),
        ),
        (
            "jsonschema",
            "specs.is_valid(package, 'case/cfpackage')",
            lambda: specs.is_valid(doc, SCHEMA),
        ),
    ]


def facts(raw: bytes) -> dict[str, Any]:
    src = orjson.loads(raw)
    out: dict[str, Any] = {
        "bytes": f"{len(raw):,}",
        "items / associations": f"{len(src['CFItems'])} / {len(src['CFAssociations'])}",
        "source CASE schema errors": len(specs.validate(src, SCHEMA)),
    }
    result = lerbridge.convert(raw, to="case", from_="case")
    pkg = orjson.loads(result.documents[0].data)
    out["case->case output CASE schema errors"] = len(specs.validate(pkg, SCHEMA))
    out["case->case loss entries"] = f"{len(result.report)} ({_codes(result.report)})"
    return out


def bench_case(s: Settings, progress: bool) -> DocResult:
    raw = CASE_DOC.read_bytes()
    convert = lerbridge.convert
    ops = [
        *yardstick(raw),
        *_conversion_ops(raw, "case", "case"),
        (
            "to-ctdl",
            "lerbridge.convert case->ctdl (checked)",
            lambda: convert(raw, to="ctdl", from_="case"),
        ),
    ]
    extra = {
        "conversions": [("convert", "case->case"), ("to-ctdl", "case->ctdl")],
        "validator": "specs.is_valid (CASE 1.1 CFPackage schema)",
        "floor": "orjson",
    }
    return _result(
        "compeito CASE 1.1 package",
        where(CASE_DOC),
        "case",
        raw,
        facts(raw),
        ops,
        extra,
        s,
        progress,
    )
