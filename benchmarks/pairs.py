"""Every conversion pair on representative documents (issue 14's one benchmark table).

For each source document (:data:`DOCUMENTS`), in one run: the floor and the official
validation of the *source* (orjson loads+dumps or lxml parse+serialise; python-jsonschema
or xmlschema), then for each writable format ``lerbridge.convert(raw, to=target)`` with
the floor and the official validation of its *output* (every output document), and the
peak RSS of one same-format conversion in a fresh process (``memory.py``). A pair
lerbridge refuses (e.g. a résumé to OB 3.0) is listed with its error, not timed.
Nothing asserts on time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import cases_case
import cases_clr
import cases_jsonresume
import cases_ob2
import cases_ob3
import cases_pesc
import cases_resume
import gen_clr
import gen_clr_realworld
import memory
import orjson
from harness import ROOT, UPSTREAM, Job, Settings, measure_all, relpath
from yardstick import Yardstick

import lerbridge

#: short timings: 144 pairs must fit in a couple of minutes (the detailed per-group runs,
#: ``bench.py --only ob3|ob2|clr|resume``, use the longer settings)
MATRIX = Settings(target_s=0.1, repeats=5, warmup_s=0.03, warmup_min_calls=1, mode="matrix")
#: every format lerbridge writes, from the registry (new formats join the table)
TARGETS = tuple(sorted(f.name for f in lerbridge.formats() if f.can_write))
JSON_SCHEMAS = {
    "ob3": "ob3/achievementcredential",
    "clr": "clr/clrcredential",
    "case": "case/cfpackage",
    "jsonresume": "jsonresume/resume",
}


@dataclass
class Source:
    key: str
    label: str
    where: str
    fmt: str
    raw: bytes


@dataclass
class Pair:
    target: str
    convert_ms: float | None = None
    out_floor_ms: float | None = None
    out_validation_ms: float | None = None
    out_validator: str = ""
    out_documents: int = 0
    out_bytes: int = 0
    x_out_floor: float | None = None
    x_out_validation: float | None = None
    x_src_floor: float | None = None
    x_src_validation: float | None = None
    error: str | None = None


@dataclass
class DocRow:
    key: str
    label: str
    where: str
    fmt: str
    bytes: int
    src_floor_ms: float | None = None
    src_validation_ms: float | None = None
    src_validator: str = ""
    peak_rss_mib: float | None = None
    pairs: list[Pair] = field(default_factory=list)


def sources() -> tuple[list[Source], list[str]]:
    """The representative documents; upstream ones are skipped (and said) when absent."""
    _doc, big = gen_clr.build_checked(cases_clr.COURSES)
    _doc, real = gen_clr_realworld.build_checked()
    wanted = [
        ("ob3-1k", "OB 3.0, small signed", "ob3", cases_ob3.DOCS[0][1]),
        ("clr-90k", "CLR 2.0 Westbridge (35 schema errors)", "clr", cases_clr.WESTBRIDGE),
        ("lerrs", "LER-RS V2 VC wrapper sample", "lerrs", cases_resume.PROFILE_DOC),
        ("hrxml", "HR-XML 2.5 ResumeExample", "hrxml", cases_resume.HRXML_DOC),
        ("ctdl", "CTDL certification graph", "ctdl", CTDL_DOC),
        ("pesc", "PESC College Transcript", "pesc", cases_pesc.PESC_DOC),
        ("ob2", "OB 2.0 welding assertion", "ob2", ROOT / cases_ob2.DOC[1]),
        ("elm", "ELM 3.2 micro-credential (EU sample)", "elm", ELM_DOC),
        ("case", "CASE 1.1 framework package", "case", cases_case.CASE_DOC),
        ("jsonresume", "JSON Resume sample", "jsonresume", cases_jsonresume.JSONRESUME_DOC),
    ]
    found, skipped = [], []
    for key, label, fmt, path in wanted:
        if path.is_file():
            found.append(Source(key, label, relpath(path), fmt, path.read_bytes()))
        else:
            skipped.append(f"{label}: {relpath(path)} not found (../shared absent?)")
    found.insert(
        2,
        Source(
            "clr-375k",
            "CLR 2.0 real-world shape, 62 nested, 9 schema errors",
            "benchmarks/gen_clr_realworld.py",
            "clr",
            real,
        ),
    )
    found.insert(
        3,
        Source("clr-1000", "CLR 2.0 generated, 1,000 courses", cases_clr.GENERATED, "clr", big),
    )
    return found, skipped


CTDL_DOC = UPSTREAM / "ctdl" / "registry-assistant_certification_detailed_graph.json"
ELM_DOC = UPSTREAM / "elm" / "eu-elm-github_Sample-MC-Annex1_unsigned.jsonld"


# --- yardsticks ---------------------------------------------------------------------------
_YARDSTICKS: dict[str, Yardstick] = {}


def _json_schema(name: str) -> Yardstick:
    if name not in _YARDSTICKS:
        _YARDSTICKS[name] = Yardstick(name)
    return _YARDSTICKS[name]


def floor(fmt: str, datas: list[bytes]) -> Callable[[], Any]:
    if fmt == "csv":
        return lambda: [list(csv.reader(io.StringIO(d.decode("utf-8-sig")))) for d in datas]
    if (datas and datas[0].lstrip()[:1] == b"<") or fmt in ("hrxml", "pesc"):
        from lxml import etree

        fromstring, tostring = etree.fromstring, etree.tostring
        return lambda: [tostring(fromstring(d)) for d in datas]
    loads, dumps = orjson.loads, orjson.dumps
    return lambda: [dumps(loads(d)) for d in datas]


def validation(fmt: str, datas: list[bytes]) -> tuple[str, Callable[[], Any] | None]:
    """(validator label, callable) for official validation of ``datas`` in ``fmt``."""
    if fmt in JSON_SCHEMAS:
        py = _json_schema(JSON_SCHEMAS[fmt]).py
        docs = [orjson.loads(d) for d in datas]
        return f"python-jsonschema {JSON_SCHEMAS[fmt]}", lambda: [
            list(py.iter_errors(d)) for d in docs
        ]
    if fmt == "lerrs":
        from lerbridge.specs import hropen_json

        bodies = [cases_resume._lerrs_body(orjson.loads(d)) for d in datas]
        check = hropen_json.validate_lerrs
        return "python-jsonschema LER-RS (Draft 4)", lambda: [
            check(b, accept_45_type=True) for b in bodies
        ]
    if fmt in ("hrxml", "pesc"):
        from lxml import etree

        if fmt == "hrxml":
            from lerbridge.specs.hropen_xml import resume_schema as schema_of
        else:
            from lerbridge.specs.pesc_xml import transcript_schema as schema_of
        schema = schema_of()
        trees = [etree.fromstring(d) for d in datas]
        return "xmlschema", lambda: [schema.is_valid(t, use_location_hints=False) for t in trees]
    if fmt == "elm":
        from lerbridge.shacl import validate_elm

        docs = [orjson.loads(d) for d in datas]
        return "pyshacl EDC shapes", lambda: [validate_elm(d) for d in docs]
    if fmt == "canonical":
        import jsonschema

        from lerbridge.model import json_schema

        validator = jsonschema.Draft202012Validator(json_schema())
        docs = [orjson.loads(d) for d in datas]
        return "python-jsonschema canonical model", lambda: [
            list(validator.iter_errors(d)) for d in docs
        ]
    return "", None  # OB 2.0, CTDL, CSV: no official schema lerbridge validates against


# --- the run ------------------------------------------------------------------------------
def _ms(timing: Any) -> float | None:
    return None if timing.median_us is None else timing.median_us / 1000


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def bench_source(src: Source, progress: bool, rss: bool = True) -> DocRow:
    row = DocRow(src.key, src.label, src.where, src.fmt, len(src.raw))
    row.src_validator, check = validation(src.fmt, [src.raw])
    jobs = [Job("floor", "floor", floor(src.fmt, [src.raw]))]
    if check is not None:
        jobs.append(Job("validation", row.src_validator, check))
    plans: list[tuple[Pair, list[Job]]] = []
    for target in TARGETS:
        pair = Pair(target)
        try:
            result = lerbridge.convert(src.raw, to=target, from_=src.fmt)
        except Exception as exc:  # a pair lerbridge refuses: listed, not timed
            pair.error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"[:160]
            row.pairs.append(pair)
            continue
        datas = [d.data for d in result.documents]
        pair.out_documents, pair.out_bytes = len(datas), sum(len(d) for d in datas)
        pair.out_validator, out_check = validation(target, datas)
        raw, fmt = src.raw, src.fmt

        def convert(raw: bytes = raw, fmt: str = fmt, target: str = target) -> Any:
            return lerbridge.convert(raw, to=target, from_=fmt)

        pair_jobs = [Job("convert", "convert", convert), Job("out-floor", "", floor(target, datas))]
        if out_check is not None:
            pair_jobs.append(Job("out-validation", "", out_check))
        plans.append((pair, pair_jobs))
        row.pairs.append(pair)
    flat = jobs + [j for _pair, js in plans for j in js]
    timings = measure_all(flat, MATRIX, src.key if progress else "")
    row.src_floor_ms = _ms(timings[0])
    row.src_validation_ms = _ms(timings[1]) if len(jobs) > 1 else None
    k = len(jobs)
    for pair, js in plans:
        got = {j.op: t for j, t in zip(js, timings[k : k + len(js)], strict=True)}
        k += len(js)
        pair.convert_ms = _ms(got["convert"])
        pair.error = got["convert"].error
        pair.out_floor_ms = _ms(got["out-floor"])
        if "out-validation" in got:
            pair.out_validation_ms = _ms(got["out-validation"])
        pair.x_out_floor = _ratio(pair.convert_ms, pair.out_floor_ms)
        pair.x_out_validation = _ratio(pair.convert_ms, pair.out_validation_ms)
        pair.x_src_floor = _ratio(pair.convert_ms, row.src_floor_ms)
        pair.x_src_validation = _ratio(pair.convert_ms, row.src_validation_ms)
    if rss:
        mem = memory.measure(src.raw, src.fmt, src.fmt)
        kib = mem.get("rss_peak_kib")
        row.peak_rss_mib = kib / 1024 if isinstance(kib, int) else None
    return row


def run(progress: bool) -> dict[str, Any]:
    found, skipped = sources()
    rows = [bench_source(src, progress) for src in found]
    return {"settings": asdict(MATRIX), "documents": [asdict(r) for r in rows], "skipped": skipped}


# --- tables -------------------------------------------------------------------------------
def _f(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == " ms" and value < 0.1:
        return f"{value * 1000:.1f} µs"
    if value >= 100:
        return f"{value:,.0f}{unit}"
    return f"{value:.2f}{unit}" if value < 10 else f"{value:.1f}{unit}"


def render(result: dict[str, Any]) -> str:
    lines = [
        "| source | size | source floor | source validation | peak RSS | → target | "
        "convert | x source floor | x source validation | output floor | output validation "
        "| x output validation |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for doc in result["documents"]:
        first = True
        for p in doc["pairs"]:
            head = (
                [
                    doc["label"],
                    f"{doc['bytes'] / 1024:,.1f} KiB",
                    _f(doc["src_floor_ms"], " ms"),
                    _f(doc["src_validation_ms"], " ms"),
                    _f(doc["peak_rss_mib"], " MiB"),
                ]
                if first
                else ["", "", "", "", ""]
            )
            first = False
            if p["error"]:
                cells = [p["target"], f"refused: {p['error'][:70]}", "", "", "", "", ""]
            else:
                cells = [
                    p["target"],
                    _f(p["convert_ms"], " ms"),
                    _f(p["x_src_floor"]),
                    _f(p["x_src_validation"]),
                    _f(p["out_floor_ms"], " ms"),
                    _f(p["out_validation_ms"], " ms"),
                    _f(p["x_out_validation"]),
                ]
            lines.append("| " + " | ".join(head + cells) + " |")
    for note in result.get("skipped", []):
        lines.append(f"\n- skipped: {note}")
    return "\n".join(lines)


def pair(result: dict[str, Any], key: str, target: str) -> tuple[dict[str, Any], dict[str, Any]]:
    doc = next(d for d in result["documents"] if d["key"] == key)
    return doc, next(p for p in doc["pairs"] if p["target"] == target)


def render_same_format(result: dict[str, Any]) -> str:
    """One row per source: its own format written back (or CLR for CSV-less formats)."""
    lines = [
        "| source | size | convert (same format) | x source floor | x source validation "
        "| peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for doc in result["documents"]:
        p = next((p for p in doc["pairs"] if p["target"] == doc["fmt"]), None)
        if p is None or p["error"]:
            continue
        lines.append(
            f"| {doc['label']} ({doc['fmt']}) | {doc['bytes'] / 1024:,.1f} KiB | "
            f"{_f(p['convert_ms'], ' ms')} | {_f(p['x_src_floor'])} | "
            f"{_f(p['x_src_validation'])} | {_f(doc['peak_rss_mib'], ' MiB')} |"
        )
    return "\n".join(lines)
