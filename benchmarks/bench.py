#!/usr/bin/env python
"""lerbridge benchmark: every conversion pair against the JSON/XML floor and official
validation, the CSV stream, and the CLI as a whole process (issue 14's one command).

Run from the repository root with the interpreter that has lerbridge installed::

    python benchmarks/bench.py                  # the issue-14 run (a few minutes): every
                                                #   pair, CSV 100,000 rows, cold start;
                                                #   writes benchmarks/results.json
    python benchmarks/bench.py --full           # the same with the 1,000,000-row CSV
    python benchmarks/bench.py --all            # also the detailed per-group tables below
    python benchmarks/bench.py --quick          # smoke run: rough numbers
    python benchmarks/bench.py --json out.json  # write the results elsewhere
    python benchmarks/bench.py --profile        # cProfile of conversions (no timing tables)
    python benchmarks/bench.py --only pairs     # one group: pairs, csv, cold, or the detailed
                                                #   ob2, ob3, clr, resume groups
    python -m benchmarks                        # the same as python benchmarks/bench.py

The pairs (``pairs.py``): OB 3.0 ~1 KiB, CLR ~90 KiB (Westbridge), a 375 KiB-class CLR
(``gen_clr_realworld.py``), the 1,000-course CLR (``gen_clr.py``), a LER-RS résumé,
HR-XML, a CTDL graph, PESC, OB 2.0, an ELM micro-credential, a CASE package and a JSON
Resume, each converted to every writable format; for each, the source's and the output's
floor (``orjson.loads`` + ``orjson.dumps``, or lxml parse + serialise) and official
validation (python-jsonschema, xmlschema, or pyshacl for ELM), and the peak RSS of
one conversion. The detailed groups time each document against the floor and
python-jsonschema validation of the same document (``yardstick.py``); their cases are in
``cases_ob3.py``, ``cases_ob2.py``, ``cases_clr.py`` and ``cases_resume.py``, the method
in ``harness.py``, the tables in ``report.py``. The run ends with issue 14's table
(``headline.py``) as Markdown rows. Only public lerbridge functions are called. Nothing
asserts on time; the network is refused for the whole run (and in the memory-measuring
child process).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import harness  # first: puts src/ on sys.path if lerbridge is not installed
import report
from harness import (
    FULL,
    QUICK,
    Settings,
    block_network,
    loadavg,
    machine_info,
    relpath,
    require_upstream,
)

DEFAULT_GROUPS = ("pairs", "csv", "cold")


def wanted(args: argparse.Namespace, group: str) -> bool:
    if args.only:
        return bool(args.only == group)
    return group in DEFAULT_GROUPS or bool(args.all)


def run_timings(args: argparse.Namespace, s: Settings, results: dict[str, Any]) -> None:
    import cases_clr
    import cases_ob2
    import cases_ob3
    import cases_resume
    import headline

    progress = sys.stderr.isatty()
    if wanted(args, "pairs"):
        import pairs

        results["pairs"] = pairs.run(progress)
        print("## Every conversion pair (medians; x = lerbridge over the yardstick)")
        print()
        print(pairs.render(results["pairs"]))
        print()
        print("Same-format rows (for docs/performance.md):")
        print()
        print(pairs.render_same_format(results["pairs"]))
        print()
    if wanted(args, "csv"):
        rows = 1_000_000 if args.full else args.rows
        results["csv"] = headline.csv_case(rows)
        print(f"## CSV {rows:,} rows → CLR JSON Lines (`csv_bench.py`, one process per phase)")
        print()
        print(headline.render_csv(results["csv"]))
        print()
    docs = []
    resume: list[Any] = []
    skipped: list[str] = []
    yardsticks = []
    extras: dict[str, Any] = {}
    if wanted(args, "ob3"):
        info, ob3 = cases_ob3.run(s, progress, [Path(p).resolve() for p in args.doc])
        yardsticks.append(info)
        docs += ob3
    if wanted(args, "ob2"):
        info, ob2 = cases_ob2.run(s, progress)
        yardsticks.append(info)
        docs += ob2
    if wanted(args, "clr"):
        info, clr, extras = cases_clr.run(s, progress)
        yardsticks.append(info)
        docs += clr
    if wanted(args, "resume"):
        infos, resume, skipped = cases_resume.run(s, progress)
        yardsticks += infos
    results["yardsticks"] = yardsticks
    results["documents"] = [asdict(d) for d in docs + resume]
    results["skipped"] = skipped

    results["memory"] = extras.get("memory")
    whatif = extras.get("invalid_input")
    if whatif is not None:
        results["invalid_input"] = whatif | {"timings": [asdict(t) for t in whatif["timings"]]}
    for info in yardsticks:
        print(report.render_yardstick(info))
    if yardsticks:
        print(report.render_method(s))
    if docs:
        print()
        print("## Summary: same-format conversion (validated) vs. the yardsticks (medians)")
        print()
        print(report.render_summary(docs))
        print()
        print("## Per document")
        for d in docs:
            print()
            print(report.render_doc(d))
        print()
        print("## Breakdown (medians from the tables above)")
        print()
        print(report.render_breakdown(docs))
    if "invalid_input" in extras:
        print()
        print("## What the Westbridge schema errors cost")
        print()
        print(report.render_invalid_input(extras["invalid_input"]))
    if "memory" in extras:
        print()
        print("## Peak memory")
        print()
        print(report.render_memory(extras["memory"]))
    if resume or skipped:
        print_resume(resume, skipped)
    if wanted(args, "cold"):
        import cold

        results["cold"] = cold.run(3 if args.quick else 5)
        print()
        print("## Cold start: the CLI as a whole process, and the first call of a process")
        print()
        print(cold.render(results["cold"]))
    if any(k in results for k in ("pairs", "csv", "cold")):
        print()
        print("## Issue 14: targets and figures reached (Markdown rows for docs/performance.md)")
        print()
        print(headline.render(results))


def print_resume(docs: list[Any], skipped: list[str]) -> None:
    print()
    print("## Résumé formats (LER-RS, HR-XML): conversions vs. the source's yardsticks (medians)")
    print()
    for note in skipped:
        print(f"- {note}")
    if skipped:
        print()
    print(report.render_resume_summary(docs))
    print()
    print("### Per document (résumé formats)")
    for d in docs:
        print()
        print(report.render_doc(d))
    print()
    print("### Breakdown, résumé formats (medians; write = the record in the target format)")
    print()
    print(report.render_breakdown(docs))


def run_profiles(args: argparse.Namespace, s: Settings, results: dict[str, Any]) -> None:
    import cases_clr
    import cases_ob3
    import cases_resume
    import profiling

    import lerbridge

    targets = []
    if args.only in (None, "clr"):
        require_upstream(cases_clr.PROFILE_DOC)
        west = cases_clr.PROFILE_DOC.read_bytes()
        west_name = relpath(cases_clr.PROFILE_DOC)
        _doc, big = cases_clr.generated()
        import gen_clr_realworld

        _doc, real = gen_clr_realworld.build_checked()
        targets += [
            (f"lerbridge.convert(`{west_name}`, to='clr', from_='clr')", west, "clr"),
            ("lerbridge.convert(<gen_clr_realworld.py>, to='clr', from_='clr')", real, "clr"),
            (f"lerbridge.convert(<{cases_clr.GENERATED}>, to='clr', from_='clr')", big, "clr"),
        ]
    if args.only in (None, "ob3"):
        require_upstream(cases_ob3.PROFILE_DOC)
        raw = cases_ob3.PROFILE_DOC.read_bytes()
        name = relpath(cases_ob3.PROFILE_DOC)
        targets.append((f"lerbridge.convert(`{name}`, to='ob3')", raw, "ob3"))
    if args.only in (None, "resume") and cases_resume.PROFILE_DOC.is_file():
        raw = cases_resume.PROFILE_DOC.read_bytes()
        where = cases_resume.where(cases_resume.PROFILE_DOC)
        targets.append((f"lerbridge.convert(`{where}`, to='lerrs', from_='lerrs')", raw, "lerrs"))
    results["profiles"] = []
    for label, raw, fmt in targets:

        def conv(raw: bytes = raw, fmt: str = fmt) -> Any:
            return lerbridge.convert(raw, to=fmt, from_=fmt)

        prof = profiling.run_profile(label, conv, s)
        results["profiles"].append(prof)
        print(report.render_profile(prof))
        print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", 1)[0])
    ap.add_argument("--quick", action="store_true", help="few short repeats (smoke run)")
    ap.add_argument(
        "--json",
        metavar="PATH",
        default=str(Path(__file__).resolve().parent / "results.json"),
        help="write machine-readable results to PATH (default: benchmarks/results.json)",
    )
    ap.add_argument("--all", action="store_true", help="also the detailed per-group tables")
    ap.add_argument("--full", action="store_true", help="the CSV case with 1,000,000 rows")
    ap.add_argument("--rows", type=int, default=100_000, help="CSV rows (default 100,000)")
    ap.add_argument("--profile", action="store_true", help="cProfile conversions (no tables)")
    ap.add_argument(
        "--only",
        choices=("pairs", "csv", "cold", "ob2", "ob3", "clr", "resume"),
        help="run one group only (cold: whole-process CLI and first-call timings)",
    )
    ap.add_argument(
        "--doc", metavar="PATH", action="append", default=[], help="time another OB 3.0 file"
    )
    args = ap.parse_args(argv)
    block_network()
    s = QUICK if args.quick else FULL
    machine = machine_info()
    command = "python benchmarks/bench.py" + (" " + " ".join(argv or sys.argv[1:])).rstrip()
    results: dict[str, Any] = {"command": command, "machine": machine, "settings": asdict(s)}
    print("# lerbridge benchmark")
    print()
    print(f"command: `{command}`")
    print()
    print(report.render_machine(machine))
    print()
    if args.profile:
        run_profiles(args, s, results)
    else:
        run_timings(args, s, results)
    machine["loadavg_end"] = loadavg()
    machine["src_sha256_end"] = harness.src_fingerprint()
    changed = machine["src_sha256_end"] != machine["src_sha256"]
    print()
    print(
        f"load average at end: {machine['loadavg_end']}; src/ sha256 at end "
        f"{machine['src_sha256_end']}"
        + (" (CHANGED DURING THE RUN: numbers mix two trees)" if changed else " (unchanged)")
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n")
        print()
        print(f"(results written to {args.json})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
