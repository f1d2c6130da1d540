"""CLR 2.0 cases: the Westbridge transcript fixture (~90 KiB, 29 nested credentials) and a
generated CLR with 1,000 course awards (``gen_clr.py``, checked valid before timing), each
timed against the floor and python-jsonschema (``clr/clrcredential``).

Operations (public API only):

* ``convert``     ``lerbridge.convert(raw, to="clr", from_="clr")``: parse, input schema
  check, mapping into the canonical model, write, output schema checks (the CLR and each
  nested credential);
* ``read``        ``lerbridge.read(raw, "clr")``;
* ``write``       ``lerbridge.write(record, "clr")`` (validated output);
* ``write-noval`` ``lerbridge.write(record, "clr", validate=False)``;
* ``canonical``   ``lerbridge.convert(raw, to="canonical", from_="clr")``;
* ``to-ob3``      ``lerbridge.convert(raw, to="ob3", from_="clr")``: one validated OB 3.0
  document per course.

Plus the peak memory of one conversion of the 1,000-course CLR, in a fresh process
(``memory.py``), and what the Westbridge transcript's schema errors cost: its conversion
against that of a copy with the errors fixed (lerbridge's reader lists every input schema
error with python-jsonschema when the fast check fails).
"""

from __future__ import annotations

import copy
from typing import Any

import gen_clr
import memory
import orjson
from harness import (
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
from lerbridge import specs

SCHEMA = "clr/clrcredential"
NESTED = "clr/achievementcredential"
#: an upstream document (LearnCard's synthetic transcript), in ../shared/fixtures-upstream
WESTBRIDGE = UPSTREAM / "clr/learncard_clr2-westbridge-full-transcript.json"
COURSES = 1000
GENERATED = f"benchmarks/gen_clr.py --courses {COURSES} (in memory)"
PROFILE_DOC = WESTBRIDGE


def _nested(doc: Any) -> list[Any]:
    subj = doc.get("credentialSubject") if isinstance(doc, dict) else None
    vcs = subj.get("verifiableCredential") if isinstance(subj, dict) else None
    return vcs if isinstance(vcs, list) else []


def checks(raw: bytes, doc: Any, ys: Yardstick) -> dict[str, Any]:
    """Correctness context printed with the timings (never asserted)."""
    subj = doc.get("credentialSubject", {}) if isinstance(doc, dict) else {}
    out: dict[str, Any] = {
        "signed": isinstance(doc, dict) and "proof" in doc,
        "nested_credentials": len(_nested(doc)),
        "associations": len(subj.get("association") or []),
        "jsonschema_errors": ys.errors(doc),
        "rs_valid": bool(ys.rs.is_valid(doc)),
    }
    try:
        result = lerbridge.convert(raw, to="clr", from_="clr")
        data = result.documents[0].data
        written = orjson.loads(data)
        out["output_bytes"] = len(data)
        out["loss_entries"] = len(result.report)
        out["loss_codes"] = _codes(result.report)
        out["output_schema_valid"] = bool(ys.rs.is_valid(written))
        out["round_trip_identical"] = written == doc
        ob3 = lerbridge.convert(raw, to="ob3", from_="clr")
        out["ob3_documents"] = len(ob3.documents)
        out["ob3_bytes"] = sum(len(d.data) for d in ob3.documents)
    except Exception as exc:
        out["convert_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return out


def _codes(report: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in report:
        counts[entry.code] = counts.get(entry.code, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def jobs(raw: bytes, doc: Any, ys: Yardstick) -> list[Job]:
    convert, read, write = lerbridge.convert, lerbridge.read, lerbridge.write
    try:
        record, _ = read(raw, "clr")
    except Exception:
        record = None  # the write jobs then fail and are reported as errors
    ops = [
        *ys.jobs(raw, doc),
        (
            "convert",
            "lerbridge.convert clr->clr (validated)",
            lambda: convert(raw, to="clr", from_="clr"),
        ),
        ("read", "lerbridge.read(bytes, 'clr')", lambda: read(raw, "clr")),
        ("write", "lerbridge.write(record, 'clr')", lambda: write(record, "clr")),
        (
            "write-noval",
            "lerbridge.write(..., validate=False)",
            lambda: write(record, "clr", validate=False),
        ),
        (
            "canonical",
            "lerbridge.convert clr->canonical",
            lambda: convert(raw, to="canonical", from_="clr"),
        ),
        (
            "to-ob3",
            "lerbridge.convert clr->ob3 (one validated OB 3.0 per course)",
            lambda: convert(raw, to="ob3", from_="clr"),
        ),
    ]
    return [Job(op, label, fn) for op, label, fn in ops]


def schema_fixed(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of the Westbridge transcript without its official-schema errors: the CLR
    context listed before the OB one; ``criteria`` and ``description`` added where an
    achievement lacks them (the degree, and every nested course achievement for the CLR
    bundle's AchievementCredential schema); ``"type": "Association"`` as a string; ``ext:``
    on identity types outside the enumeration; numeric result values as strings. Same
    content otherwise."""
    doc = copy.deepcopy(doc)
    ctx = doc.get("@context")
    if isinstance(ctx, list):
        clr = [c for c in ctx if isinstance(c, str) and "/spec/clr/" in c]
        rest = [c for c in ctx[1:] if c not in clr]
        doc["@context"] = [ctx[0], *clr, *rest]
    subj = doc.get("credentialSubject", {})
    achievements = list(subj.get("achievement") or [])
    for cred in _nested(doc):
        cs = cred.get("credentialSubject") if isinstance(cred, dict) else None
        if isinstance(cs, dict):
            if isinstance(cs.get("achievement"), dict):
                achievements.append(cs["achievement"])
            for result in cs.get("result") or []:
                if isinstance(result.get("value"), int | float):
                    result["value"] = str(result["value"])
    known: dict[Any, dict[str, Any]] = {}  # the same achievement id gets the same fill-ins
    for ach in achievements:
        for key in ("criteria", "description"):
            if key in ach:
                known.setdefault(ach.get("id"), {}).setdefault(key, ach[key])
    for ach in achievements:
        same = known.get(ach.get("id"), {})
        ach.setdefault("criteria", same.get("criteria", {"narrative": "As recorded."}))
        ach.setdefault("description", same.get("description", ach.get("name", "-")))
    for assoc in subj.get("association") or []:
        assoc["type"] = "Association"
    for ident in subj.get("identifier") or []:
        kind = ident.get("identityType")
        if kind in ("studentId", "dateOfBirth"):
            ident["identityType"] = "ext:" + kind
    return doc


def schema_errors(doc: Any) -> int:
    """Official-schema errors lerbridge's reader would report: the CLR's, and each nested
    credential's against ``clr/achievementcredential`` (public ``specs.validate``)."""
    n = len(specs.validate(doc, SCHEMA))
    return n + sum(len(specs.validate(c, NESTED)) for c in _nested(doc))


def invalid_input_cost(raw: bytes, ys: Yardstick, s: Settings, progress: bool) -> dict[str, Any]:
    """What-if on the input, not the code: the Westbridge transcript against its
    schema-valid copy (:func:`schema_fixed`), convert and read, round-robin."""
    doc = orjson.loads(raw)
    fixed_doc = schema_fixed(doc)
    fixed = orjson.dumps(fixed_doc, option=orjson.OPT_INDENT_2)
    convert, read = lerbridge.convert, lerbridge.read
    jobs = [
        Job(
            "convert",
            "convert clr->clr, as published",
            lambda: convert(raw, to="clr", from_="clr"),
        ),
        Job(
            "convert-fixed",
            "convert clr->clr, schema errors fixed",
            lambda: convert(fixed, to="clr", from_="clr"),
        ),
        Job("read", "read, as published", lambda: read(raw, "clr")),
        Job("read-fixed", "read, schema errors fixed", lambda: read(fixed, "clr")),
    ]
    timings = measure_all(jobs, s, "Westbridge what-if" if progress else "")
    return {
        "fixed_bytes": len(fixed),
        "errors_before": schema_errors(doc),
        "errors_after": schema_errors(fixed_doc),
        "timings": timings,
    }


def generated() -> tuple[dict[str, Any], bytes]:
    """The 1,000-course CLR; raises ``gen_clr.InvalidGenerated`` if it does not validate."""
    return gen_clr.build_checked(COURSES)


def bench_doc(
    label: str, where: str, raw: bytes, ys: Yardstick, s: Settings, progress: bool
) -> DocResult:
    doc = orjson.loads(raw)
    facts = checks(raw, doc, ys)
    timings = measure_all(jobs(raw, doc, ys), s, label if progress else "")
    add_ratios(timings)
    extra = {"courses": facts["nested_credentials"]}
    return DocResult(label, where, "clr", len(raw), facts, timings, extra)


def run(s: Settings, progress: bool) -> tuple[dict[str, Any], list[DocResult], dict[str, Any]]:
    """(yardstick info, one result per document, extras: the peak memory of converting
    the 1,000-course CLR once, and the cost of the Westbridge schema errors)."""
    west = WESTBRIDGE
    require_upstream(west)
    ys = Yardstick(SCHEMA)
    _doc, big = generated()  # fails loudly before any timing
    results = [
        bench_doc("Westbridge transcript", relpath(west), west.read_bytes(), ys, s, progress),
        bench_doc(f"generated, {COURSES:,} courses", GENERATED, big, ys, s, progress),
    ]
    whatif = invalid_input_cost(west.read_bytes(), ys, s, progress)
    mem = {"document": GENERATED, "clr->clr": memory.measure(big, "clr", "clr")}
    mem["clr->ob3"] = memory.measure(big, "clr", "ob3")
    return ys.info, results, {"memory": mem, "invalid_input": whatif}
