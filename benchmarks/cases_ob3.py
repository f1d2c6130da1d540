"""OB 3.0 cases: three documents (small signed, complete spec example, welding certificate),
each timed against the floor and python-jsonschema (``ob3/achievementcredential``).

Operations (public API only):

* ``convert``     ``lerbridge.convert(raw, to="ob3", from_="ob3")``: parse, input schema
  check, mapping into the canonical model, write, output schema check;
* ``read``        ``lerbridge.read(raw, "ob3")``;
* ``write``       ``lerbridge.write(record, "ob3")`` (validated output);
* ``write-noval`` ``lerbridge.write(record, "ob3", validate=False)``;
* ``canonical``   ``lerbridge.convert(raw, to="canonical", from_="ob3")``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from harness import (
    ROOT,
    UPSTREAM,
    DocResult,
    Job,
    Settings,
    add_ratios,
    measure_all,
    relpath,
    require_upstream,
)
from yardstick import Yardstick

import lerbridge

SCHEMA = "ob3/achievementcredential"
#: The first two are upstream documents (../shared/fixtures-upstream), the third was written
#: for lerbridge (fixtures/).
DOCS = (
    ("small signed (1edtech-simple)", UPSTREAM / "openbadges/ob3/1edtech-validator/simple.json"),
    ("complete spec example", UPSTREAM / "openbadges/ob3/spec-examples/complete-unsigned.json"),
    ("welding certificate", ROOT / "fixtures/ob3/lerbridge-welding-certificate.json"),
)
PROFILE_DOC = UPSTREAM / "openbadges/ob3/spec-examples/complete-unsigned.json"


def checks(raw: bytes, doc: Any, ys: Yardstick) -> dict[str, Any]:
    """Correctness context printed with the timings (never asserted)."""
    out: dict[str, Any] = {
        "signed": isinstance(doc, dict) and "proof" in doc,
        "jsonschema_errors": ys.errors(doc),
        "rs_valid": bool(ys.rs.is_valid(doc)),
    }
    try:
        result = lerbridge.convert(raw, to="ob3", from_="ob3")
        data = result.documents[0].data
        written = orjson.loads(data)
        out["output_bytes"] = len(data)
        out["output_documents"] = len(result.documents)
        out["loss_entries"] = len(result.report)
        out["proof_kept"] = "proof" in written if out["signed"] else None
        out["round_trip_identical"] = written == doc
    except Exception as exc:
        out["convert_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return out


def jobs(raw: bytes, doc: Any, ys: Yardstick) -> list[Job]:
    convert, read, write = lerbridge.convert, lerbridge.read, lerbridge.write
    try:
        record, _ = read(raw, "ob3")
    except Exception:
        record = None  # the write jobs then fail and are reported as errors
    ops = [
        *ys.jobs(raw, doc),
        (
            "convert",
            "lerbridge.convert ob3->ob3 (validated)",
            lambda: convert(raw, to="ob3", from_="ob3"),
        ),
        ("read", "lerbridge.read(bytes, 'ob3')", lambda: read(raw, "ob3")),
        ("write", "lerbridge.write(record, 'ob3')", lambda: write(record, "ob3")),
        (
            "write-noval",
            "lerbridge.write(..., validate=False)",
            lambda: write(record, "ob3", validate=False),
        ),
        (
            "canonical",
            "lerbridge.convert ob3->canonical",
            lambda: convert(raw, to="canonical", from_="ob3"),
        ),
    ]
    return [Job(op, label, fn) for op, label, fn in ops]


def bench_doc(label: str, path: Path, ys: Yardstick, s: Settings, progress: bool) -> DocResult:
    raw = path.read_bytes()
    doc = orjson.loads(raw)
    facts = checks(raw, doc, ys)
    timings = measure_all(jobs(raw, doc, ys), s, label if progress else "")
    add_ratios(timings)
    return DocResult(label, relpath(path), "ob3", len(raw), facts, timings)


def run(
    s: Settings, progress: bool, extra: list[Path] | None = None
) -> tuple[dict[str, Any], list[DocResult]]:
    """(yardstick info, one result per document); ``extra``: more OB 3.0 files."""
    docs = [*DOCS, *((p.name, p) for p in extra or [])]
    require_upstream(*(path for _, path in DOCS))
    ys = Yardstick(SCHEMA)
    return ys.info, [bench_doc(label, path, ys, s, progress) for label, path in docs]
