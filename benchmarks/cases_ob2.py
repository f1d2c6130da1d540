"""OB 2.0 case: lerbridge's own hand-written assertion (embedded BadgeClass, Issuer and
endorsement, hashed recipient, evidence, alignments, extensions), timed against the floor
and a validation yardstick.

Open Badges 2.0 has no official JSON Schema, so the validation yardstick here is
lerbridge's own OB 2.0 check (``lerbridge.validate(doc, "ob2")`` on the parsed document:
required properties and value types from ``formats/ob2/check.json``); the "x
python-jsonschema" column of this case is relative to that check, and says so.

Operations (public API only):

* ``convert``     ``lerbridge.convert(raw, to="ob2", from_="ob2")`` (output checked);
* ``to-ob3``      ``lerbridge.convert(raw, to="ob3", from_="ob2")`` (output validated
  against the official OB 3.0 schema);
* ``read``        ``lerbridge.read(raw, "ob2")``;
* ``write``       ``lerbridge.write(record, "ob2")``;
* ``write-noval`` ``lerbridge.write(record, "ob2", validate=False)``;
* ``canonical``   ``lerbridge.convert(raw, to="canonical", from_="ob2")``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import orjson
from harness import ROOT, DocResult, Job, Settings, add_ratios, measure_all, relpath

import lerbridge

DOC = ("welding assertion (lerbridge)", "fixtures/ob2/lerbridge-welding-assertion.json")
VALIDATOR = "lerbridge OB 2.0 check (no official schema)"


def checks(raw: bytes, doc: Any) -> dict[str, Any]:
    """Correctness context printed with the timings (never asserted)."""
    out: dict[str, Any] = {
        "signed": False,
        "jsonschema_errors": f"n/a; lerbridge check issues: {len(lerbridge.validate(doc, 'ob2'))}",
        "rs_valid": "n/a",
    }
    try:
        result = lerbridge.convert(raw, to="ob2", from_="ob2")
        written = orjson.loads(result.documents[0].data)
        out["output_bytes"] = len(result.documents[0].data)
        out["loss_entries"] = len(result.report)
        out["loss_codes"] = dict(Counter(e.code for e in result.report))
        out["round_trip_identical"] = written == doc
        ob3 = lerbridge.convert(raw, to="ob3", from_="ob2")
        out["to_ob3_bytes"] = len(ob3.documents[0].data)
    except Exception as exc:
        out["convert_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return out


def jobs(raw: bytes, doc: Any) -> list[Job]:
    convert, read, write = lerbridge.convert, lerbridge.read, lerbridge.write
    record, _ = read(raw, "ob2")
    loads, dumps = orjson.loads, orjson.dumps
    ops = [
        ("floor", "orjson.loads + orjson.dumps (floor)", lambda: dumps(loads(raw))),
        (
            "jsonschema",
            "lerbridge.validate(doc, 'ob2') (own check)",
            lambda: lerbridge.validate(doc, "ob2"),
        ),
        (
            "convert",
            "lerbridge.convert ob2->ob2 (checked)",
            lambda: convert(raw, to="ob2", from_="ob2"),
        ),
        (
            "to-ob3",
            "lerbridge.convert ob2->ob3 (validated)",
            lambda: convert(raw, to="ob3", from_="ob2"),
        ),
        ("read", "lerbridge.read(bytes, 'ob2')", lambda: read(raw, "ob2")),
        ("write", "lerbridge.write(record, 'ob2')", lambda: write(record, "ob2")),
        (
            "write-noval",
            "lerbridge.write(..., validate=False)",
            lambda: write(record, "ob2", validate=False),
        ),
        (
            "canonical",
            "lerbridge.convert ob2->canonical",
            lambda: convert(raw, to="canonical", from_="ob2"),
        ),
    ]
    return [Job(op, label, fn) for op, label, fn in ops]


def run(s: Settings, progress: bool) -> tuple[dict[str, Any], list[DocResult]]:
    label, rel = DOC
    path = ROOT / rel
    raw = path.read_bytes()
    doc = orjson.loads(raw)
    timings = measure_all(jobs(raw, doc), s, label if progress else "")
    add_ratios(timings)
    result = DocResult(label, relpath(path), "ob2", len(raw), checks(raw, doc), timings)
    result.extra["validator"] = VALIDATOR
    info = {
        "summary": "OB 2.0 has no official JSON Schema: the validation yardstick of the OB 2.0 "
        "case is lerbridge's own check (`lerbridge.validate(doc, 'ob2')`, check.json)"
    }
    return info, [result]
