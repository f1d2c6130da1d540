#!/usr/bin/env python
"""lerbridge throughput benchmark: OB 3.0 and CLR 2.0 conversion against two yardsticks.

Run from the repository root with the interpreter that has lerbridge installed::

    python benchmarks/bench.py                  # full run: 5 repeats x ~0.5 s per measurement
    python benchmarks/bench.py --quick          # smoke run (< 1 min): rough numbers
    python benchmarks/bench.py --json out.json  # also write machine-readable results
    python benchmarks/bench.py --profile        # cProfile of conversions (no timing tables)
    python benchmarks/bench.py --only clr       # only the CLR 2.0 cases (or: ob2, ob3, resume)
    python benchmarks/bench.py --only cold      # the CLI as a whole process vs python -c pass

Every document is timed against the floor (``orjson.loads`` + ``orjson.dumps`` of the same
bytes) and python-jsonschema validation of the same parsed document against its bundled
official schema (see ``yardstick.py``); the HR-XML document against the lxml floor
(``etree.fromstring`` + ``etree.tostring``) and xmlschema validation. The cases are in
``cases_ob3.py``, ``cases_ob2.py`` (OB 2.0, validated by lerbridge's own check: there is
no official schema), ``cases_clr.py`` and ``cases_resume.py`` (LER-RS, HR-XML, OB 3.0 and
CLR into LER-RS), the method in ``harness.py``, the tables in ``report.py``. Only public
lerbridge functions are called. Nothing asserts on time; the network is refused for the
whole run (and in the memory-measuring child process).
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


def run_timings(args: argparse.Namespace, s: Settings, results: dict[str, Any]) -> None:
    import cases_clr
    import cases_ob2
    import cases_ob3
    import cases_resume

    progress = sys.stderr.isatty()
    docs = []
    resume: list[Any] = []
    skipped: list[str] = []
    yardsticks = []
    extras: dict[str, Any] = {}
    if args.only in (None, "ob3"):
        info, ob3 = cases_ob3.run(s, progress, [Path(p).resolve() for p in args.doc])
        yardsticks.append(info)
        docs += ob3
    if args.only in (None, "ob2"):
        info, ob2 = cases_ob2.run(s, progress)
        yardsticks.append(info)
        docs += ob2
    if args.only in (None, "clr"):
        info, clr, extras = cases_clr.run(s, progress)
        yardsticks.append(info)
        docs += clr
    if args.only in (None, "resume"):
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
    if args.only in (None, "cold"):
        import cold

        results["cold"] = cold.run(3 if args.quick else 5)
        print()
        print("## Cold start: the CLI as a whole process, and the first call of a process")
        print()
        print(cold.render(results["cold"]))


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
        targets += [
            (f"lerbridge.convert(`{west_name}`, to='clr', from_='clr')", west, "clr"),
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
    ap.add_argument("--json", metavar="PATH", help="write machine-readable results to PATH")
    ap.add_argument("--profile", action="store_true", help="cProfile conversions (no tables)")
    ap.add_argument(
        "--only",
        choices=("ob2", "ob3", "clr", "resume", "cold"),
        help="run one group of cases only (cold: whole-process CLI and first-call timings)",
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
