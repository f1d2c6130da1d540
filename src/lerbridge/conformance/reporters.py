"""Text reporters of a conformance result: a console summary, JSON and JUnit XML (one
testsuite per file, one testcase per stage, a ``failure`` when the stage has findings at
or above ``fail_on``, a ``skipped`` when the stage could not run)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

from ..report import SEVERITY_RANK, Severity
from .catalog import STAGES
from .result import ConformanceResult, FileResult, Finding

_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MARK = {"pass": "PASS", "warn": "WARN", "fail": "FAIL"}


def _clean(text: str) -> str:
    return _XML_BAD.sub("\ufffd", text)


def line(f: Finding) -> str:
    where = f" at {f.location}" if f.location else ""
    return f"{f.severity.upper():7} {f.rule}{where}: {f.message}"


def console(result: ConformanceResult, verbose: bool = False) -> str:
    """One line per file, then the findings that fail it (every finding with ``verbose``),
    then the totals."""
    out: list[str] = []
    level = "info" if verbose else result.fail_on
    for fr in result.files:
        counts = Counter(f.severity for f in fr.findings)
        sev = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        out.append(
            f"{_MARK[fr.verdict(result.fail_on)]} {fr.path} ({fr.format or '?'})"
            + (f": {sev}" if sev else "")
        )
        rank = SEVERITY_RANK[level]
        shown = [f for f in fr.findings if SEVERITY_RANK[f.severity] >= rank]
        for f in shown[:50]:
            out.append("  " + line(f))
        if len(shown) > 50:
            out.append(f"  ... and {len(shown) - 50} more (--json FILE lists all)")
    c = result.counts()
    out.append(
        f"{len(result.files)} file(s): {c['pass']} pass, {c['warn']} pass with warnings, "
        f"{c['fail']} fail (profile {result.profile}, --fail-on {result.fail_on})"
    )
    return "\n".join(out)


def to_json(result: ConformanceResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)


def _suite(fr: FileResult, fail_on: Severity) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(fr.path))
    failures = skipped = 0
    for name in STAGES:
        st = fr.stages.get(name)
        case = ET.SubElement(suite, "testcase", classname=_clean(fr.path), name=name, time="0")
        if st is None or not st.ran:
            skipped += 1
            ET.SubElement(case, "skipped", message=_clean(st.note if st else "not run"))
            continue
        failing = st.failing(fail_on)
        if failing:
            failures += 1
            rules = sorted({f.rule for f in failing})
            node = ET.SubElement(
                case,
                "failure",
                type=",".join(rules),
                message=_clean(
                    f"{len(failing)} finding(s) at or above {fail_on}: {', '.join(rules)}"
                ),
            )
            node.text = _clean("\n".join(line(f) for f in failing))
        rest = [f for f in st.findings if f not in failing]
        if name == "portability" and fr.matrix:
            rest_lines = [
                f"{t}: {c.status}" + (f" {c.losses}" if c.losses else "")
                for t, c in fr.matrix.items()
            ]
        else:
            rest_lines = []
        if rest or rest_lines:
            out = ET.SubElement(case, "system-out")
            out.text = _clean("\n".join([line(f) for f in rest] + rest_lines))
    suite.set("tests", str(len(STAGES)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def junit(result: ConformanceResult) -> bytes:
    """JUnit XML as CI systems read it: testsuites / testsuite / testcase / failure."""
    root = ET.Element("testsuites", name="lerbridge conformance")
    totals = Counter[str]()
    for fr in result.files:
        suite = _suite(fr, result.fail_on)
        root.append(suite)
        for key in ("tests", "failures", "errors", "skipped"):
            totals[key] += int(suite.get(key, "0"))
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(totals[key]))
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"
