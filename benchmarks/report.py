"""Markdown rendering of benchmark results (tables for RESULTS.md). Pure functions of the
result objects; nothing is measured here."""

from __future__ import annotations

from typing import Any

from harness import DocResult, Settings, Timing


def num(x: float | None, fmt: str) -> str:
    return "-" if x is None else format(x, fmt)


def dur(us: float | None) -> str:
    """A duration with its unit: µs below 1 ms, ms below 10 s, else s."""
    if us is None:
        return "-"
    if us < 1_000:
        return f"{us:,.1f} µs"
    if us < 10_000_000:
        return f"{us / 1_000:,.{2 if us < 100_000 else 0}f} ms"
    return f"{us / 1e6:,.1f} s"


def size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:,.1f} KiB"
    return f"{n / 1024 / 1024:,.2f} MiB"


FMT_NAME = {
    "ob2": "OB 2.0",
    "ob3": "OB 3.0",
    "clr": "CLR 2.0",
    "lerrs": "LER-RS",
    "hrxml": "HR-XML 2.5",
}
COURSE_RATES = (
    ("convert", "clr->clr"),
    ("canonical", "clr->canonical"),
    ("to-ob3", "clr->ob3"),
    ("floor", "floor"),
    ("jsonschema", "python-jsonschema"),
)


def render_machine(m: dict[str, Any]) -> str:
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    dirty = f" + uncommitted src/ changes ({len(m['src_changes'])} file(s))"
    state = (
        f"git {m['git_commit'] or '?'}{dirty if m['src_dirty'] else ''}; "
        f"src/ content sha256 {m['src_sha256']}"
    )
    cpus = f"os.cpu_count() = {m['cpu_count']}" + (
        f", usable = {m['cpus_usable']}" if m["cpus_usable"] is not None else ""
    )
    return "\n".join(
        [
            f"- date (UTC): {m['date_utc']}",
            f"- platform: {m['platform']} ({m['machine']})",
            f"- CPU: {m['cpu_model']}; {cpus}; memory {m['memory']}",
            f"- Python {m['python']} ({m['python_implementation']}, {m['python_build']})",
            f"- packages: {pk}",
            f"- source tree: {state}",
            f"- load average (1/5/15 min) at start: {m['loadavg_start']}",
        ]
    )


def render_method(s: Settings) -> str:
    return (
        f"method: time.perf_counter, warm-up >= {s.warmup_min_calls} call(s) / {s.warmup_s} s, "
        f"iterations calibrated to ~{s.target_s} s per repeat, median of {s.repeats} repeats "
        "taken round-robin across a document's operations, gc enabled, single thread"
        + (" (QUICK MODE: rough numbers)" if s.mode == "quick" else "")
    )


def render_yardstick(info: dict[str, Any]) -> str:
    if "summary" in info:  # a yardstick described by its case module (LER-RS, HR-XML)
        return f"yardstick: {info['summary']}"
    ext = info["external_refs"]
    return (
        f"yardstick: {info['validator']} for `{info['schema']}` ({info['schema_id']}, "
        f"declares {info['declared_dialect']}, {info['schema_bytes']:,} bytes), compiled once; "
        f"registry refuses retrieval; external $refs: {ext if ext else 'none (self-contained)'}"
    )


def _facts(d: DocResult) -> str:
    c = d.checks
    facts = [
        f"{d.bytes:,} bytes",
        "signed (proof)" if c.get("signed") else "unsigned",
    ]
    if d.fmt == "clr":
        facts.append(f"{c['nested_credentials']:,} nested credentials")
        facts.append(f"{c['associations']:,} associations")
    facts.append(f"python-jsonschema errors: {c.get('jsonschema_errors')}")
    facts.append(f"jsonschema-rs valid: {c.get('rs_valid')}")
    if "convert_error" in c:
        facts.append(f"CONVERT FAILS: {c['convert_error']}")
        return "; ".join(facts)
    loss = c["loss_entries"]
    out = (
        f"{d.fmt}->{d.fmt} output {c['output_bytes']:,} bytes, {loss} loss "
        f"entr{'y' if loss == 1 else 'ies'}"
    )
    if c.get("loss_codes"):
        out += " (" + ", ".join(f"{k} {v}" for k, v in c["loss_codes"].items()) + ")"
    if c.get("signed") and "proof_kept" in c:
        out += f", proof kept: {c['proof_kept']}"
    if "output_schema_valid" in c:
        out += f", output schema-valid: {c['output_schema_valid']}"
    out += f", round trip identical: {c['round_trip_identical']}"
    facts.append(out)
    if "ob3_documents" in c:
        facts.append(f"clr->ob3: {c['ob3_documents']:,} documents, {c['ob3_bytes']:,} bytes")
    return "; ".join(facts)


def _row(t: Timing) -> str:
    if t.error:
        return f"| {t.label} | ERROR: {t.error} | | | | |"
    return (
        f"| {t.label} | {dur(t.median_us)} | {dur(t.min_us)} - {dur(t.max_us)} | "
        f"{num(t.ops_per_s, ',.1f' if (t.ops_per_s or 0) < 100 else ',.0f')} | "
        f"{num(t.x_floor, ',.1f')} | {num(t.x_jsonschema, '.2f')} |"
    )


def _rates(d: DocResult) -> str:
    rates = []
    conv = d.timing("convert")
    if conv and conv.ops_per_s:
        rates.append(f"{d.fmt}->{d.fmt}: **{conv.ops_per_s * 60:,.0f} documents/minute**")
    courses = d.extra.get("courses", 0)
    if courses > 1:
        for op, what in COURSE_RATES:
            t = d.timing(op)
            if t and t.ops_per_s:
                rates.append(f"{what} {t.ops_per_s * courses:,.0f} courses/s")
    return "; ".join(rates) + " (one core, one thread)." if rates else ""


def _resume_facts(d: DocResult) -> str:
    return "; ".join(f"{k}: {v}" for k, v in d.checks.items())


def _resume_rates(d: DocResult) -> str:
    rates = []
    for op, what in d.extra.get("conversions", []):
        t = d.timing(op)
        if t and t.ops_per_s:
            rates.append(f"{what}: **{t.ops_per_s * 60:,.0f} documents/minute**")
    return "; ".join(rates) + " (one core, one thread)." if rates else ""


def render_doc(d: DocResult) -> str:
    resume = d.extra.get("section") == "resume"
    floor = "x lxml floor" if d.extra.get("floor") == "lxml" else "x floor"
    validator = d.extra.get("validator", "python-jsonschema")
    lines = [
        f"### {FMT_NAME.get(d.fmt, d.fmt)}: {d.label} - `{d.path}`",
        "",
        _resume_facts(d) if resume else _facts(d),
        "",
        f"| operation | median | min - max | ops/s | {floor} | x {validator} |",
        "|---|---:|---:|---:|---:|---:|",
        *(_row(t) for t in d.timings),
    ]
    rates = _resume_rates(d) if resume else _rates(d)
    return "\n".join([*lines, "", rates] if rates else lines)


def render_resume_summary(docs: list[DocResult]) -> str:
    """The compact table of the résumé-format cases: each conversion against the two
    yardsticks of its *source* document (JSON: orjson floor + python-jsonschema; HR-XML:
    lxml floor + xmlschema), named in the last column."""
    lines = [
        "| source document | conversion | size | convert time | x floor | x validation "
        "| yardsticks (floor; validation) |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for d in docs:
        floor = "lxml parse + serialise" if d.extra.get("floor") == "lxml" else "orjson"
        ys = f"{floor}; {d.extra.get('validator', 'python-jsonschema')}"
        for op, what in d.extra.get("conversions", []):
            t = d.timing(op)
            name = f"{FMT_NAME.get(d.fmt, d.fmt)} {d.label}"
            if t is None or t.error:
                err = t.error if t else "not measured"
                lines.append(f"| {name} | {what} | {size(d.bytes)} | ERROR: {err} | | | {ys} |")
                continue
            lines.append(
                f"| {name} | {what} | {size(d.bytes)} | {dur(t.median_us)} | "
                f"{num(t.x_floor, ',.0f')} | {num(t.x_jsonschema, '.2f')} | {ys} |"
            )
    return "\n".join(lines)


def render_summary(docs: list[DocResult]) -> str:
    """The compact table for the top-level README."""
    lines = [
        "| document | size | convert time | x floor | x python-jsonschema |",
        "|---|---:|---:|---:|---:|",
    ]
    for d in docs:
        conv = d.timing("convert")
        if conv is None or conv.error:
            lines.append(f"| {FMT_NAME[d.fmt]} {d.label} | {size(d.bytes)} | ERROR | | |")
            continue
        lines.append(
            f"| {FMT_NAME[d.fmt]} {d.label} ({d.fmt}->{d.fmt}) | {size(d.bytes)} | "
            f"{dur(conv.median_us)} | {num(conv.x_floor, ',.0f')} | "
            f"{num(conv.x_jsonschema, '.2f')} |"
        )
    return "\n".join(lines)


def render_breakdown(docs: list[DocResult]) -> str:
    """Where a conversion's time goes, from the timings alone (no profiler overhead)."""
    lines = [
        "| document | convert | read | write | write, no validation | read + write "
        "| one jsonschema-rs is_valid of the whole document |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for d in docs:
        t = {x.op: x.median_us for x in d.timings}
        both = t["read"] + t["write"] if t.get("read") and t.get("write") else None
        lines.append(
            f"| {FMT_NAME[d.fmt]} {d.label} | {dur(t.get('convert'))} | {dur(t.get('read'))} | "
            f"{dur(t.get('write'))} | {dur(t.get('write-noval'))} | {dur(both)} | "
            f"{dur(t.get('rs-valid'))} |"
        )
    return "\n".join(lines)


def render_invalid_input(w: dict[str, Any]) -> str:
    t = {x.op: x for x in w["timings"]}
    lines = [
        "The transcript as published against a copy with its official-schema errors fixed "
        f"(`cases_clr.schema_fixed`; errors in the CLR and its nested credentials: "
        f"{w['errors_before']} before, {w['errors_after']} after; {w['fixed_bytes']:,} bytes). "
        "When jsonschema-rs finds the input invalid, lerbridge's reader lists every "
        "violation with python-jsonschema for the loss report.",
        "",
        "| operation | as published | schema errors fixed | difference |",
        "|---|---:|---:|---:|",
    ]
    for op, label in (("convert", "convert clr->clr"), ("read", "read")):
        a, b = t[op], t[op + "-fixed"]
        diff = a.median_us - b.median_us if a.median_us and b.median_us else None
        share = f" ({diff / a.median_us:.0%})" if diff is not None and a.median_us else ""
        lines.append(f"| {label} | {dur(a.median_us)} | {dur(b.median_us)} | {dur(diff)}{share} |")
    return "\n".join(lines)


def _kib(k: int | None) -> str:
    return "-" if k is None else size(k * 1024)


def render_memory(mem: dict[str, Any]) -> str:
    lines = [
        f"Peak memory of converting `{mem['document']}` once, each in a fresh process "
        "after a warm-up conversion of a 1-course CLR (`benchmarks/memory.py`):",
        "",
        "| conversion | input | output | time (1st) | peak RSS growth (VmHWM - VmRSS) "
        "| tracemalloc peak (2nd conversion) | still held with the Result |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key in ("clr->clr", "clr->ob3"):
        m = mem.get(key)
        if m is None:
            continue
        if "error" in m:
            lines.append(f"| {key} | ERROR: {m['error']} | | | | | |")
            continue
        lines.append(
            f"| {key} | {size(m['input_bytes'])} | {size(m['output_bytes'])} in "
            f"{m['output_documents']:,} doc(s) | {m['first_conversion_s']:.2f} s | "
            f"{_kib(m['rss_growth_kib'])} (from {_kib(m['rss_before_kib'])} "
            f"to {_kib(m['rss_peak_kib'])}) | "
            f"{size(m['tracemalloc_peak_bytes'])} | {size(m['tracemalloc_held_bytes'])} |"
        )
    lines += [
        "",
        "Peak RSS growth: the kernel's peak-RSS mark is reset just before the conversion "
        "(includes allocator slack and memory the Rust extensions allocate); tracemalloc "
        "traces Python-heap allocations only.",
    ]
    return "\n".join(lines)


def render_profile(p: dict[str, Any]) -> str:
    lines = [
        f"### cProfile: {p['label']}",
        "",
        f"{p['iterations']} call(s) after warm-up; {dur(p['unprofiled_us_per_op'])}/op without "
        f"the profiler, {dur(p['profiled_us_per_op'])}/op under it (the profiler inflates "
        "call-heavy pure-Python code most). Per conversion:",
        "",
        f"Top {len(p['cumulative'])} by cumulative time:",
        "",
        "| cumulative | share | own | calls | function |",
        "|---:|---:|---:|---:|---|",
    ]
    tot = p["profiled_us_per_op"] or 1.0
    for r in p["cumulative"]:
        lines.append(
            f"| {dur(r['cum_us'])} | {r['cum_us'] / tot:.0%} | {dur(r['own_us'])} | "
            f"{r['calls_per_op']:,.0f} | `{r['function']}` |"
        )
    lines += [
        "",
        f"Top {len(p['own'])} by own time:",
        "",
        "| own | share | cumulative | calls | function |",
        "|---:|---:|---:|---:|---|",
    ]
    for r in p["own"]:
        lines.append(
            f"| {dur(r['own_us'])} | {r['own_us'] / tot:.0%} | {dur(r['cum_us'])} | "
            f"{r['calls_per_op']:,.0f} | `{r['function']}` |"
        )
    lines += ["", "Own time by module:", "", "| module | own | share |", "|---|---:|---:|"]
    for c in p["components"][:15]:
        lines.append(f"| {c['component']} | {dur(c['us_per_op'])} | {c['share']:.1%} |")
    return "\n".join(lines)
